package io.cdccookbook.bench;

import io.cdccookbook.compare.Comparison;
import io.cdccookbook.events.LatencyStats;
import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.config.Settings;
import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GenerationSummary;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.pipeline.LocalPipeline;
import io.cdccookbook.pipeline.LocalPipelineRemover;
import io.cdccookbook.pipeline.PipelineFolder;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The local pipeline's speed, measured on a scratch table with a pipeline of its own:
 * <ul>
 *   <li>latency: a steady rate of single-event transactions; commit to visible in the replica, as the
 *       replica itself measures it (updated_at, written just before the commit, to the replica's commit);</li>
 *   <li>snapshot: a pre-filled table captured from scratch; rows per second into the replica;</li>
 *   <li>compare: one field-by-field comparison of the whole table with the endpoint;</li>
 *   <li>wide: the snapshot and the comparison of a table of 20 columns of mixed types with a composite key
 *       ({@link #WIDE_COLUMNS}), captured as one of the user's tables is, through the table's model.</li>
 * </ul>
 */
public final class PipelineBenchmark {

    private final Settings settings;
    private final Supplier<RunningDatabase> database;
    private final Consumer<String> out;

    /**
     * @param settings settings whose USERS_TABLE_NAME is the scratch table and whose state folder holds
     *                 the benchmark's pipeline
     * @param database opens the database for each scenario (the pipeline closes it)
     */
    public PipelineBenchmark(Settings settings, Supplier<RunningDatabase> database, Consumer<String> out) {
        this.settings = settings;
        this.database = database;
        this.out = out;
    }

    /** Steady {@code rate} events/s for {@code seconds}; returns the latency distribution. */
    public LatencyStats.Summary latency(int rate, int seconds) throws Exception {
        removeScratch();
        try (LocalPipeline pipeline = LocalPipeline.start(settings, database.get(), 0)) {
            // warm up the JIT of every part before measuring
            new EventGenerator(pipeline.source(), GeneratorOptions.defaults(2_000).withSeed(1).withRate(rate)).run();
            awaitIdentical(pipeline);
            pipeline.replica().latencies().clear();

            GenerationSummary generated = new EventGenerator(pipeline.source(),
                    GeneratorOptions.defaults(rate * seconds).withSeed(2).withRate(rate)).run();
            Comparison end = awaitIdentical(pipeline);
            LatencyStats.Summary latency = pipeline.replica().latencies().summary();
            out.accept(String.format(Locale.ROOT, "latency   : %d events at %d/s for %d s (achieved %.0f/s); replica %s",
                    generated.events(), rate, seconds, generated.eventsPerSecond(), end));
            out.accept("            commit to visible: " + latency);
            return latency;
        } finally {
            removeScratch();
        }
    }

    /** A table of {@code rows} rows, captured from scratch; returns rows per second into the replica. */
    public double snapshot(int rows) throws Exception {
        removeScratch();
        try (RunningDatabase db = database.get()) {
            SourceDatabase table = db.database(tableName());
            table.createUsersTable();
            long fill = System.nanoTime();
            fill(table, rows);
            settle(table);
            out.accept(String.format(Locale.ROOT, "snapshot  : filled %,d rows in %.1f s", rows, (System.nanoTime() - fill) / 1e9));
        }
        try {
            return captureAndCompare(settings, rows, "snapshot  : ", "compare   : ");
        } finally {
            removeScratch();
        }
    }

    /** Starts a pipeline on a filled table, waits for its rows in the replica, compares once; returns rows per second. */
    private double captureAndCompare(Settings with, int rows, String snapshotLabel, String compareLabel) throws Exception {
        long start = System.nanoTime();
        try (LocalPipeline pipeline = LocalPipeline.start(with, database.get(), 0)) {
            while (latestRows(pipeline) < rows) {
                Thread.sleep(50);
                if (pipeline.capture().finished().isDone()) {
                    pipeline.capture().finished().join(); // rethrows the capture's failure
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSecond = rows / seconds;
            out.accept(String.format(Locale.ROOT, "%s%,d rows into the replica in %.1f s = %,.0f rows/s "
                    + "(from pipeline start: engine start, snapshot, materialization)", snapshotLabel, rows, seconds, perSecond));
            long compare = System.nanoTime();
            Comparison c = pipeline.comparer().compare();
            out.accept(String.format(Locale.ROOT, "%s%s in %.2f s", compareLabel, c, (System.nanoTime() - compare) / 1e9));
            if (!c.identical()) {
                throw new IllegalStateException("the replica differs: " + c.examples());
            }
            return perSecond;
        }
    }

    /** The wide table: a composite key and one or two columns of each family of types the cookbook maps. */
    static String wideTableSql(SourceDb kind, String table) {
        boolean pg = kind == SourceDb.PG;
        return "CREATE TABLE " + table + " (tenant varchar(10) NOT NULL, id bigint NOT NULL, quantity int, rank smallint,"
                + " big bigint, price numeric(12,2), ratio numeric(20,6), weight real, score double precision, active boolean,"
                + " title varchar(100), body text, code char(2), ref " + (pg ? "uuid" : "char(36)") + ", details " + (pg ? "jsonb" : "json")
                + ", digest " + (pg ? "bytea" : "varbinary(16)") + ", born date, noted " + (pg ? "timestamp(3)" : "datetime(3)")
                + ", changed " + (pg ? "timestamp(6)" : "datetime(6)") + ", seen " + (pg ? "timestamptz" : "timestamp(6) NULL")
                + ", PRIMARY KEY (tenant, id))";
    }

    static final int WIDE_COLUMNS = 20;

    /** Fills the wide table in the server itself, one INSERT ... SELECT over a series (PostgreSQL) or a sequence table (MariaDB). */
    static void fillWide(SourceDatabase table, int rows) throws SQLException {
        boolean pg = table.settings().kind() == SourceDb.PG;
        String g = "g";
        String values = String.join(", ",
                (pg ? "'t' || (g % 10)" : "CONCAT('t', g % 10)"), g, g + " % 100000", "(" + g + " % 30000) - 15000", (pg ? "g::bigint * 1000003" : "g * 1000003"),
                "(" + g + " % 1000000) / 100.0", g + " / 7.0", g + " / 3.0", g + " / 11.0", g + " % 2 = 0",
                (pg ? "'Title ' || g" : "CONCAT('Title ', g)"), (pg ? "repeat('body ', (g % 20)::int)" : "REPEAT('body ', g % 20)"),
                "'EN'", (pg ? "md5(g::text)::uuid" : "UUID()"),
                (pg ? "jsonb_build_object('n', g, 'tag', 'x' || (g % 5))" : "JSON_OBJECT('n', g, 'tag', CONCAT('x', g % 5))"),
                (pg ? "decode(md5(g::text), 'hex')" : "UNHEX(MD5(g))"),
                (pg ? "DATE '1950-01-01' + (g % 40000)::int" : "DATE '1950-01-01' + INTERVAL (g % 40000) DAY"),
                (pg ? "TIMESTAMP '2000-01-01 00:00:00' + g * INTERVAL '1 millisecond'" : "TIMESTAMP '2000-01-01 00:00:00' + INTERVAL g * 1000 MICROSECOND"),
                (pg ? "TIMESTAMP '2000-01-01 00:00:00' + g * INTERVAL '1 microsecond'" : "TIMESTAMP '2000-01-01 00:00:00' + INTERVAL g MICROSECOND"),
                (pg ? "TIMESTAMPTZ '2020-01-01 00:00:00+00' + g * INTERVAL '1 second'" : "TIMESTAMP '2020-01-01 00:00:00' + INTERVAL g SECOND"));
        String sql = "INSERT INTO " + table.table() + " SELECT " + values
                + (pg ? " FROM generate_series(1, " + rows + ") AS g"
                // MariaDB's sequence table counts in BIGINT UNSIGNED, which a subtraction below zero overflows
                : " FROM (SELECT CAST(seq AS SIGNED) AS g FROM seq_1_to_" + rows + ") AS s");
        try (Connection c = table.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The wide table of {@code rows} rows, captured from scratch as a table of the user's; returns rows per second into the replica. */
    public double wideSnapshot(int rows) throws Exception {
        String name = tableName() + "_wide";
        Settings wide = settings.with(java.util.Map.of(io.cdccookbook.config.Setting.CDC_TABLES, name));
        removeScratch(wide, name);
        try (RunningDatabase db = database.get()) {
            SourceDatabase table = db.database(name);
            try (Connection c = table.connect(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + name);
                st.execute(wideTableSql(db.settings().kind(), name));
                if (db.settings().kind() == SourceDb.PG) {
                    st.execute("ALTER TABLE " + name + " REPLICA IDENTITY FULL"); // body is text: it could be TOASTed
                }
            }
            long fill = System.nanoTime();
            fillWide(table, rows);
            settle(table);
            out.accept(String.format(Locale.ROOT, "wide      : filled %,d rows of %d columns in %.1f s", rows, WIDE_COLUMNS,
                    (System.nanoTime() - fill) / 1e9));
        }
        try {
            return captureAndCompare(wide, rows, "wide      : ", "wide      : compare ");
        } finally {
            removeScratch(wide, name);
            try (RunningDatabase db = database.get(); Connection c = db.database(name).connect(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + name);
            }
        }
    }

    private void removeScratch(Settings wide, String name) {
        RunningDatabase db = database.get();
        new LocalPipelineRemover(line -> { }).remove(
                Optional.of(PipelineFolder.of(wide.stateDir(), db.provider(), db.settings())), Optional.of(db), List.of(name), tableName());
    }

    private Comparison awaitIdentical(LocalPipeline pipeline) throws InterruptedException {
        PropagationRun run = PropagationRun.await(pipeline.comparer(), Duration.ofMillis(200),
                Duration.ofMinutes(5), c -> { });
        if (!run.outcome().identical()) {
            throw new IllegalStateException("the replica did not catch up: " + run.outcome().comparison().examples());
        }
        return run.outcome().comparison();
    }

    private static long latestRows(LocalPipeline pipeline) throws SQLException {
        try (Connection c = pipeline.replica().reader(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + pipeline.replica().tables().get(0).names().latest())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * What autovacuum would have done to a table that has been around: otherwise the snapshot's first read
     * of each freshly written PostgreSQL page also writes it back (hint bits), which no real snapshot pays.
     */
    private static void settle(SourceDatabase table) throws SQLException {
        try (Connection c = table.connect(); Statement s = c.createStatement()) {
            s.execute((table.settings().kind() == io.cdccookbook.source.SourceDb.PG ? "VACUUM ANALYZE " : "ANALYZE TABLE ") + table.table());
        }
    }

    /** Multi-row INSERTs of 1,000 rows, committed every 10,000: fast on both servers, no dialect tricks. */
    static void fill(SourceDatabase table, int rows) throws SQLException {
        int perStatement = 1_000;
        StringBuilder sql = new StringBuilder("INSERT INTO " + table.table() + " (name, email, address, phone_number, "
                + "email_verified, onboarded, deleted, lang, created_at, updated_at) VALUES ");
        for (int i = 0; i < perStatement; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?)");
        }
        LocalDateTime now = LocalDateTime.now();
        try (Connection c = table.connect(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            c.setAutoCommit(false);
            for (int done = 0; done < rows; done += perStatement) {
                int n = Math.min(perStatement, rows - done);
                if (n < perStatement) {
                    fill(table, c, done, n, now);
                    break;
                }
                int p = 1;
                for (int i = 0; i < n; i++) {
                    int id = done + i;
                    ps.setString(p++, "User " + id);
                    ps.setString(p++, "user" + id + "@example.com");
                    ps.setString(p++, id + " Main Street, Springfield");
                    ps.setString(p++, "+1 555 " + id);
                    ps.setBoolean(p++, id % 2 == 0);
                    ps.setBoolean(p++, id % 3 == 0);
                    ps.setString(p++, "EN");
                    ps.setObject(p++, now);
                    ps.setObject(p++, now);
                }
                ps.executeUpdate();
                if (done % 10_000 == 0) {
                    c.commit();
                }
            }
            c.commit();
        }
    }

    private static void fill(SourceDatabase table, Connection c, int from, int n, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.table() + " (name, email, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, "User " + (from + i));
                ps.setString(2, "user" + (from + i) + "@example.com");
                ps.setObject(3, now);
                ps.setObject(4, now);
                ps.executeUpdate();
            }
        }
    }

    private String tableName() {
        return settings.identifier(io.cdccookbook.config.Setting.USERS_TABLE_NAME);
    }

    private void removeScratch() {
        RunningDatabase db = database.get();
        new LocalPipelineRemover(line -> { }).remove(
                Optional.of(PipelineFolder.of(settings.stateDir(), db.provider(), db.settings())), Optional.of(db), List.of(tableName()),
                tableName());
    }
}
