package io.cdccookbook.replica;

import io.cdccookbook.table.ColumnType;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.SourceColumn;
import io.cdccookbook.table.TableSchema;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    private final DuckDBConnection writer;
    private final TableSchema table;
    private final ReplicaNames names;
    private final String ingest;
    private final String materialize;
    private final String appliedTimes;
    private final LatencyStats latencies = new LatencyStats();
    private long nextOffset;

    private LocalReplica(DuckDBConnection writer, TableSchema table, ReplicaNames names) throws SQLException {
        this.writer = writer;
        this.table = table;
        this.names = names;
        Map<String, ColumnType.DuckDb> types = new LinkedHashMap<>();
        for (SourceColumn c : table.columns()) {
            types.put(c.name(), ColumnType.of(table.kind(), table.name(), c).duckDb());
        }
        List<String> key = table.primaryKey();
        String keys = String.join(", ", key);
        try (Statement s = writer.createStatement()) {
            // The Kafka data source: Kafka's columns, the table's columns as its JSONPaths read them, the event's fields.
            s.execute("CREATE TABLE IF NOT EXISTS " + names.raw() + " (__value VARCHAR, __topic VARCHAR, __partition INTEGER,"
                    + " __offset BIGINT, __timestamp TIMESTAMP, __key VARCHAR, " + each(types, (c, t) -> c + " " + t.raw())
                    + ", __op VARCHAR, __source_ts_ms BIGINT, __deleted VARCHAR)");
            // The ReplacingMergeTree: one row per key, with the version and the delete flag.
            s.execute("CREATE TABLE IF NOT EXISTS " + names.latest() + " (" + each(types, (c, t) -> c + " " + t.latest())
                    + ", _version UBIGINT, _is_deleted UTINYINT, PRIMARY KEY (" + keys + "))");
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
        // json_transform's structure: one parse of each value into typed fields
        String json = "{" + each(types, (c, t) -> "\"" + c + "\":\"" + t.json() + "\"")
                + ",\"__op\":\"VARCHAR\",\"__source_ts_ms\":\"BIGINT\",\"__deleted\":\"VARCHAR\"}";
        this.ingest = "INSERT INTO " + names.raw() + " SELECT __value, __topic, 0, __offset, __timestamp, __key, "
                + each(types, (c, t) -> t.ingest("j." + c)) + ", j.__op, j.__source_ts_ms, j.__deleted"
                + " FROM (SELECT *, json_transform(__value, '" + json + "') AS j FROM incoming)";
        // The materialized pipe: the newest event per key in this batch, upserted when its version is higher.
        List<String> values = types.keySet().stream().filter(c -> !key.contains(c)).toList();
        this.materialize = "INSERT INTO " + names.latest() + " (" + String.join(", ", types.keySet()) + ", _version, _is_deleted)"
                + " SELECT " + each(types, (c, t) -> t.convert(c)) + ", __offset, CASE WHEN __deleted = 'true' THEN 1 ELSE 0 END"
                + " FROM " + names.raw() + " WHERE __offset BETWEEN ? AND ? AND "
                + key.stream().map(k -> k + " IS NOT NULL").collect(Collectors.joining(" AND "))
                + " QUALIFY row_number() OVER (PARTITION BY " + keys + " ORDER BY __offset DESC) = 1"
                + " ON CONFLICT (" + keys + ") DO UPDATE SET "
                + Stream.concat(values.stream(), Stream.of("_version", "_is_deleted")).map(c -> c + " = excluded." + c)
                .collect(Collectors.joining(", "))
                + " WHERE excluded._version > " + names.latest() + "._version";
        // commit-to-visible latency, where the table says when a row was written: the users demo's updated_at
        ColumnType.DuckDb updatedAt = types.get("updated_at");
        this.appliedTimes = updatedAt != null && updatedAt.conversion().equals("make_timestamp(%s)")
                ? "SELECT updated_at FROM " + names.raw()
                + " WHERE __offset BETWEEN ? AND ? AND __op IN ('c', 'u') AND updated_at IS NOT NULL" : null;
        writer.setAutoCommit(false);
    }

    private static String each(Map<String, ColumnType.DuckDb> types, BiFunction<String, ColumnType.DuckDb, String> part) {
        return types.entrySet().stream().map(e -> part.apply(e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    }

    /**
     * Opens (or creates) the replica in {@code file}. The database may not touch any file but its own
     * (no read_text, COPY, ATTACH, INSTALL for anyone, the endpoint's queries included).
     */
    public static LocalReplica open(Path file, TableSchema table, ReplicaNames names) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            java.util.Properties config = new java.util.Properties();
            config.setProperty("enable_external_access", "false");
            DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), config);
            return new LocalReplica(c, table, names);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new CookbookException("Cannot open the local replica " + file + ": " + reason,
                    reason.contains("lock") ? "Is another pipeline using it? Stop it, or run remove-pipeline."
                            : "Run remove-pipeline to start afresh.", e);
        }
    }

    public TableSchema table() {
        return table;
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
        if (appliedTimes == null) {
            return;
        }
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
