package io.cdccookbook.replica;

import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.CookbookException;
import io.cdccookbook.capture.EmbeddedCapture;
import io.cdccookbook.events.LatencyStats;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The Tinybird replica, rebuilt in a DuckDB file so the whole flow runs on one machine:
 * <ul>
 *   <li>{@code <prefix>_raw} is the Kafka data source: every change event with {@code __value},
 *       {@code __topic}, {@code __partition}, {@code __offset}, {@code __timestamp}, {@code __key} and the
 *       columns extracted from the JSON;</li>
 *   <li>{@code <prefix>_latest} is the ReplacingMergeTree the materialized pipe fills: one row per id,
 *       the highest version ({@code __offset}) wins, and a hard delete leaves a row with
 *       {@code _is_deleted = 1} that readers skip, as {@code FINAL} does with ENGINE_IS_DELETED.</li>
 * </ul>
 * Each batch is one DuckDB transaction: the raw append and the materialization commit together.
 */
public final class LocalReplica implements AutoCloseable {

    /**
     * The JSONPaths of the raw data source, as DuckDB extracts them: one parse of each value into typed
     * columns. Flags are read as text so both true/false (PostgreSQL) and 0/1 (MySQL) fit UInt8.
     */
    private static final String JSON_COLUMNS = """
            {"id":"INTEGER","name":"VARCHAR","email":"VARCHAR","address":"VARCHAR","phone_number":"VARCHAR",
             "email_verified":"VARCHAR","onboarded":"VARCHAR","deleted":"VARCHAR","lang":"VARCHAR",
             "created_at":"BIGINT","updated_at":"BIGINT","__op":"VARCHAR","__source_ts_ms":"BIGINT","__deleted":"VARCHAR"}"""
            .replaceAll("\\s+", "");

    private final DuckDBConnection writer;
    private final ReplicaNames names;
    private final String ingest;
    private final String materialize;
    private final String appliedTimes;
    private final LatencyStats latencies = new LatencyStats();
    private long nextOffset;

    private LocalReplica(DuckDBConnection writer, ReplicaNames names) throws SQLException {
        this.writer = writer;
        this.names = names;
        try (Statement s = writer.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS %s (
                        __value VARCHAR, __topic VARCHAR, __partition INTEGER, __offset BIGINT, __timestamp TIMESTAMP,
                        __key VARCHAR, id INTEGER, name VARCHAR, email VARCHAR, address VARCHAR, phone_number VARCHAR,
                        email_verified UTINYINT, onboarded UTINYINT, deleted UTINYINT, lang VARCHAR,
                        created_at BIGINT, updated_at BIGINT, __op VARCHAR, __source_ts_ms BIGINT, __deleted VARCHAR)"""
                    .formatted(names.raw()));
            s.execute("""
                    CREATE TABLE IF NOT EXISTS %s (
                        id INTEGER PRIMARY KEY, name VARCHAR, email VARCHAR, address VARCHAR, phone_number VARCHAR,
                        email_verified UTINYINT, onboarded UTINYINT, deleted UTINYINT, lang VARCHAR,
                        created_at TIMESTAMP, updated_at TIMESTAMP, _version UBIGINT, _is_deleted UTINYINT)"""
                    .formatted(names.latest()));
            // DuckDB writes its tables anew at every checkpoint, by default each 16 MB of log: during a snapshot
            // that is most of the work. Checkpointing less often costs only a longer log to replay after a crash.
            s.execute("SET checkpoint_threshold = '256MB'");
            // Nothing after this may change a setting: a reader's query cannot undo what follows or what
            // the file was opened with (no file access, see open).
            s.execute("SET lock_configuration = true");
            // where a batch lands first: a temporary table, so it costs no write-ahead log
            s.execute("CREATE TEMP TABLE incoming (__value VARCHAR, __topic VARCHAR, __offset BIGINT, __timestamp TIMESTAMP, __key VARCHAR)");
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(__offset) + 1, 0) FROM " + names.raw())) {
                rs.next();
                nextOffset = rs.getLong(1);
            }
        }
        // The Kafka data source: Kafka's columns, and the columns its JSONPaths extract from the value.
        this.ingest = """
                INSERT INTO %1$s
                SELECT __value, __topic, 0, __offset, __timestamp, __key, j.id, j.name, j.email, j.address, j.phone_number,
                       %2$s, %3$s, %4$s, j.lang, j.created_at, j.updated_at, j.__op, j.__source_ts_ms, j.__deleted
                FROM (SELECT *, json_transform(__value, '%5$s') AS j FROM incoming)"""
                .formatted(names.raw(), flag("j.email_verified"), flag("j.onboarded"), flag("j.deleted"), JSON_COLUMNS);
        // The materialized pipe: the newest event per id in this batch, upserted when its version is higher.
        this.materialize = """
                INSERT INTO %1$s (id, name, email, address, phone_number, email_verified, onboarded, deleted, lang,
                                  created_at, updated_at, _version, _is_deleted)
                SELECT id, name, email, address, phone_number, email_verified, onboarded, deleted, lang,
                       make_timestamp(created_at), make_timestamp(updated_at), __offset,
                       CASE WHEN __deleted = 'true' THEN 1 ELSE 0 END
                FROM %2$s
                WHERE __offset BETWEEN ? AND ? AND id IS NOT NULL
                QUALIFY row_number() OVER (PARTITION BY id ORDER BY __offset DESC) = 1
                ON CONFLICT (id) DO UPDATE SET
                    name = excluded.name, email = excluded.email, address = excluded.address,
                    phone_number = excluded.phone_number, email_verified = excluded.email_verified,
                    onboarded = excluded.onboarded, deleted = excluded.deleted, lang = excluded.lang,
                    created_at = excluded.created_at, updated_at = excluded.updated_at,
                    _version = excluded._version, _is_deleted = excluded._is_deleted
                WHERE excluded._version > %1$s._version""".formatted(names.latest(), names.raw());
        this.appliedTimes = "SELECT updated_at FROM " + names.raw()
                + " WHERE __offset BETWEEN ? AND ? AND __op IN ('c', 'u') AND updated_at IS NOT NULL";
        writer.setAutoCommit(false);
    }

    private static String flag(String json) {
        return "CASE " + json + " WHEN 'true' THEN 1 WHEN 'false' THEN 0 ELSE TRY_CAST(" + json + " AS UTINYINT) END";
    }

    /**
     * Opens (or creates) the replica in {@code file}. The database may not touch any file but its own
     * (no read_text, COPY, ATTACH, INSTALL for anyone, the endpoint's queries included).
     */
    public static LocalReplica open(Path file, ReplicaNames names) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            java.util.Properties config = new java.util.Properties();
            config.setProperty("enable_external_access", "false");
            DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), config);
            return new LocalReplica(c, names);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new CookbookException("Cannot open the local replica " + file + ": " + reason,
                    reason.contains("lock") ? "Is another pipeline using it? Stop it, or run remove-pipeline."
                            : "Run remove-pipeline to start afresh.", e);
        }
    }

    public ReplicaNames names() {
        return names;
    }

    /**
     * Stores a batch of change events in one transaction: Kafka's offsets and timestamp are assigned, the
     * values land in the raw data source with their columns extracted, and the materialization upserts
     * the newest version of each id into the latest table.
     */
    public synchronized void apply(List<EmbeddedCapture.Change> batch) throws SQLException {
        LocalDateTime received = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        long first = nextOffset;
        long last = first + batch.size() - 1;
        try {
            try (DuckDBAppender appender = writer.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "incoming")) {
                long offset = first;
                for (EmbeddedCapture.Change change : batch) {
                    appender.beginRow().append(change.value()).append(change.topic()).append(offset++).append(received)
                            .append(change.key()).endRow();
                }
            }
            try (Statement s = writer.createStatement()) {
                s.execute(ingest);
                s.execute("DELETE FROM incoming");
            }
            try (PreparedStatement ps = writer.prepareStatement(materialize)) {
                ps.setLong(1, first);
                ps.setLong(2, last);
                ps.execute();
            }
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        }
        nextOffset = last + 1;
        recordLatencies(first, last);
    }

    /** Commit to visible, per change just applied: from its updated_at (set by the writer just before its commit) to now. */
    private void recordLatencies(long first, long last) throws SQLException {
        long visibleMicros = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.now(ZoneOffset.UTC));
        try (PreparedStatement ps = writer.prepareStatement(appliedTimes)) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    latencies.record(visibleMicros - rs.getLong(1));
                }
            }
        }
        writer.commit();
    }

    /** Latencies of the changes this replica has applied since it opened (snapshot rows excluded). */
    public LatencyStats latencies() {
        return latencies;
    }

    /** Number of change events stored. */
    public synchronized long eventCount() {
        return nextOffset;
    }

    /**
     * A connection of its own for readers (the endpoint, notebooks), in a read-only transaction: nothing
     * run on it can write. The caller closes it.
     */
    public Connection reader() throws SQLException {
        Connection c = writer.duplicate();
        c.setAutoCommit(true); // a duplicate starts as the writer is, inside a transaction of its own
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN TRANSACTION READ ONLY");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (SQLException e) {
            // closing a DuckDB file only fails if it is already closed
        }
    }
}
