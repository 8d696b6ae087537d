package io.cdccookbook.replica;

import io.cdccookbook.table.ColumnType;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.SourceColumn;
import io.cdccookbook.table.TableSchema;
import io.cdccookbook.CookbookException;
import io.cdccookbook.capture.EmbeddedCapture;
import io.cdccookbook.events.LatencyStats;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Tinybird replica, rebuilt in a DuckDB file so the whole flow runs on one machine. For each captured
 * table (one topic each):
 * <ul>
 *   <li>{@code <prefix>_raw} is the Kafka data source: every change event with {@code __value},
 *       {@code __topic}, {@code __partition}, {@code __offset}, {@code __timestamp}, {@code __key} and the
 *       columns extracted from the JSON;</li>
 *   <li>{@code <prefix>_latest} is the ReplacingMergeTree the materialized pipe fills: one row per key,
 *       the highest version ({@code __offset}) wins, and a hard delete leaves a row with
 *       {@code _is_deleted = 1} that readers skip, as {@code FINAL} does with ENGINE_IS_DELETED.</li>
 * </ul>
 * Each batch is one DuckDB transaction, whatever tables its events are of: the raw appends and the
 * materializations commit together.
 */
public final class LocalReplica implements AutoCloseable {

    /**
     * One replicated table: its schema, the names of its raw and latest tables, and the topic its events come on.
     */
    public record Table(TableSchema schema, ReplicaNames names, String topic) {
    }

    /** What Debezium sends for a PostgreSQL value it did not receive: an unchanged TOASTed one, without REPLICA IDENTITY FULL. */
    static final String TOAST_PLACEHOLDER = "__debezium_unavailable_value";

    private final DuckDBConnection writer;
    private final Map<String, TableReplica> byTopic = new LinkedHashMap<>();
    private final LatencyStats latencies = new LatencyStats();

    private LocalReplica(DuckDBConnection writer, List<Table> tables) throws SQLException {
        this.writer = writer;
        try (Statement s = writer.createStatement()) {
            for (Table table : tables) {
                byTopic.put(table.topic(), new TableReplica(s, table));
            }
            // DuckDB writes its tables anew at every checkpoint, by default each 16 MB of log: during a snapshot
            // that is most of the work. Checkpointing less often costs only a longer log to replay after a crash.
            s.execute("SET checkpoint_threshold = '256MB'");
            // Nothing after this may change a setting: a reader's query cannot undo what follows or what
            // the file was opened with (no file access, see open).
            s.execute("SET lock_configuration = true");
            // where a batch lands first: a temporary table, so it costs no write-ahead log
            s.execute("CREATE TEMP TABLE incoming (__value VARCHAR, __topic VARCHAR, __offset BIGINT, __timestamp TIMESTAMP, __key VARCHAR)");
        }
        writer.setAutoCommit(false);
    }

    /** The SQL of one table's replica: its tables, the ingestion of a batch and the materialization. */
    private static final class TableReplica {
        final Table table;
        final String ingest;
        final String materialize;
        final String appliedTimes;
        long nextOffset;

        TableReplica(Statement s, Table t) throws SQLException {
            this.table = t;
            TableSchema schema = t.schema();
            ReplicaNames names = t.names();
            Map<String, ColumnType.DuckDb> types = new LinkedHashMap<>();
            for (SourceColumn c : schema.columns()) {
                types.put(c.name(), ColumnType.of(schema, c).duckDb());
            }
            List<String> key = schema.primaryKey();
            String keys = String.join(", ", key);
            // The Kafka data source: Kafka's columns, the table's columns as its JSONPaths read them, the event's fields.
            s.execute("CREATE TABLE IF NOT EXISTS " + names.raw() + " (__value VARCHAR, __topic VARCHAR, __partition INTEGER,"
                    + " __offset BIGINT, __timestamp TIMESTAMP, __key VARCHAR, " + each(types, (c, type) -> c + " " + type.raw())
                    + ", __op VARCHAR, __source_ts_ms BIGINT, __deleted VARCHAR)");
            // The ReplacingMergeTree: one row per key, with the version and the delete flag.
            s.execute("CREATE TABLE IF NOT EXISTS " + names.latest() + " (" + each(types, (c, type) -> c + " " + type.latest())
                    + ", _version UBIGINT, _is_deleted UTINYINT, PRIMARY KEY (" + keys + "))");
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(__offset) + 1, 0) FROM " + names.raw())) {
                rs.next();
                nextOffset = rs.getLong(1); // Kafka's offsets are per topic: each table counts its own
            }
            // json_transform's structure: one parse of each value into typed fields
            String json = "{" + each(types, (c, type) -> "\"" + c + "\":\"" + type.json() + "\"")
                    + ",\"__op\":\"VARCHAR\",\"__source_ts_ms\":\"BIGINT\",\"__deleted\":\"VARCHAR\"}";
            this.ingest = "INSERT INTO " + names.raw() + " SELECT __value, __topic, 0, __offset, __timestamp, __key, "
                    + each(types, (c, type) -> type.ingest("j." + c)) + ", j.__op, j.__source_ts_ms, j.__deleted"
                    + " FROM (SELECT *, json_transform(__value, '" + json + "') AS j FROM incoming)";
            // The materialized pipe: the newest event per key in this batch, upserted when its version is higher.
            List<String> values = types.keySet().stream().filter(c -> !key.contains(c)).toList();
            this.materialize = "INSERT INTO " + names.latest() + " (" + String.join(", ", types.keySet()) + ", _version, _is_deleted)"
                    + " SELECT " + each(types, (c, type) -> type.convert(c)) + ", __offset, CASE WHEN __deleted = 'true' THEN 1 ELSE 0 END"
                    + " FROM " + names.raw() + " WHERE __offset BETWEEN ? AND ? AND "
                    // the key as converted: a value the conversion cannot take (PostgreSQL's numeric 'NaN') skips the
                    // event, as Tinybird's pipe skips a key it cannot read, instead of stopping the replica
                    + key.stream().map(k -> types.get(k).convert(k) + " IS NOT NULL").collect(Collectors.joining(" AND "))
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
        }
    }

    private static String each(Map<String, ColumnType.DuckDb> types, BiFunction<String, ColumnType.DuckDb, String> part) {
        return types.entrySet().stream().map(e -> part.apply(e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    }

    /**
     * Opens (or creates) the replica in {@code file}. The database may not touch any file but its own
     * (no read_text, COPY, ATTACH, INSTALL for anyone, the endpoint's queries included).
     */
    public static LocalReplica open(Path file, List<Table> tables) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            java.util.Properties config = new java.util.Properties();
            config.setProperty("enable_external_access", "false");
            DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), config);
            return new LocalReplica(c, tables);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new CookbookException("Cannot open the local replica " + file + ": " + reason,
                    reason.contains("lock") ? "Is another pipeline using it? Stop it, or run remove-pipeline."
                            : "Run remove-pipeline to start afresh.", e);
        }
    }

    /** The replicated tables, in the order they were named. */
    public List<Table> tables() {
        return byTopic.values().stream().map(t -> t.table).toList();
    }

    /**
     * The column whose value is Debezium's TOAST placeholder (an array's, a list of it), or null. A text that
     * only mentions it is a value like any other; the parse is for the rare event that contains it at all.
     */
    static String columnWithPlaceholder(String event) {
        if (event == null || !event.contains(TOAST_PLACEHOLDER)) {
            return null;
        }
        for (Map.Entry<String, JsonElement> field : JsonParser.parseString(event).getAsJsonObject().entrySet()) {
            JsonElement value = field.getValue();
            // an array's placeholder is a list of one (docs/research/issue-12-types.md)
            if (isPlaceholder(value) || value.isJsonArray() && value.getAsJsonArray().size() == 1
                    && isPlaceholder(value.getAsJsonArray().get(0))) {
                return field.getKey();
            }
        }
        return null;
    }

    private static boolean isPlaceholder(JsonElement value) {
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() && value.getAsString().equals(TOAST_PLACEHOLDER);
    }

    /**
     * Stores a batch of change events in one transaction: each table's events get their topic's next Kafka
     * offsets and the batch's timestamp, land in its raw data source with their columns extracted, and the
     * materialization upserts the newest version of each key into its latest table.
     */
    public synchronized void apply(List<EmbeddedCapture.Change> batch) throws SQLException {
        LocalDateTime received = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Map<TableReplica, List<EmbeddedCapture.Change>> byTable = new LinkedHashMap<>();
        for (EmbeddedCapture.Change change : batch) {
            String placeholder = columnWithPlaceholder(change.value());
            if (placeholder != null) {
                // create-pipeline refuses such tables (ToastRisk); this catches one whose replica identity changed later
                throw new SQLException("An event of " + change.topic() + " has " + TOAST_PLACEHOLDER + " as the value of "
                        + placeholder + ": Debezium's stand-in for a TOASTed value, which the replica must not store. Set REPLICA"
                        + " IDENTITY FULL on the table, then run remove-pipeline and create-pipeline (with FULL already set, that"
                        + " text is the value itself, which no reader of the events can tell from the stand-in).");
            }
            TableReplica table = byTopic.get(change.topic());
            if (table == null) {
                throw new SQLException("An event on topic " + change.topic() + ", which no replicated table has");
            }
            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(change);
        }
        Map<TableReplica, long[]> applied = new LinkedHashMap<>();
        try {
            for (var entry : byTable.entrySet()) {
                TableReplica table = entry.getKey();
                long first = table.nextOffset;
                long last = first + entry.getValue().size() - 1;
                try (DuckDBAppender appender = writer.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "incoming")) {
                    long offset = first;
                    for (EmbeddedCapture.Change change : entry.getValue()) {
                        appender.beginRow().append(change.value()).append(change.topic()).append(offset++).append(received)
                                .append(change.key()).endRow();
                    }
                }
                try (Statement s = writer.createStatement()) {
                    s.execute(table.ingest);
                    s.execute("DELETE FROM incoming");
                }
                try (PreparedStatement ps = writer.prepareStatement(table.materialize)) {
                    ps.setLong(1, first);
                    ps.setLong(2, last);
                    ps.execute();
                }
                applied.put(table, new long[]{first, last});
            }
            writer.commit();
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException rollback) {
                // DuckDB may have ended the transaction itself on the failure: the failure is what to report
                e.addSuppressed(rollback);
            }
            throw e;
        }
        for (var entry : applied.entrySet()) {
            entry.getKey().nextOffset = entry.getValue()[1] + 1;
            recordLatencies(entry.getKey(), entry.getValue()[0], entry.getValue()[1]);
        }
    }

    /** Commit to visible, per change just applied: from its updated_at (set by the writer just before its commit) to now. */
    private void recordLatencies(TableReplica table, long first, long last) throws SQLException {
        if (table.appliedTimes == null) {
            return;
        }
        long visibleMicros = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.now(ZoneOffset.UTC));
        try (PreparedStatement ps = writer.prepareStatement(table.appliedTimes)) {
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

    /** Number of change events stored, of every table. */
    public synchronized long eventCount() {
        return byTopic.values().stream().mapToLong(t -> t.nextOffset).sum();
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
