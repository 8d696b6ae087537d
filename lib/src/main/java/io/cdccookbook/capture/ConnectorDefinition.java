package io.cdccookbook.capture;

import io.cdccookbook.config.Setting;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One Debezium connector for the captured tables (one slot and publication, a topic per table), described once and rendered twice: as the embedded
 * engine's properties ({@link EngineProperties}) and as a Confluent Cloud PostgresCdcSourceV2 /
 * MySqlCdcSourceV2 config (the cloud target). Both produce the same topic and the same flat JSON:
 * the row after the change, plus {@code __op}, {@code __source_ts_ms} and {@code __deleted}
 * ("true" on deletes, which carry the row as it was before).
 *
 * @param db     the source database
 * @param tables the captured tables, in the order they were named
 * @param name   the connector's name (PG_CONFLUENT_CONNECTOR_NAME / MYSQL_CONFLUENT_CONNECTOR_NAME)
 * @param flavor which Debezium connector reads the server
 * @param excludedColumns {@code table.column} names left out of every event (CDC_EXCLUDE_COLUMNS)
 */
public record ConnectorDefinition(DbSettings db, List<String> tables, String name, Flavor flavor, List<String> excludedColumns) {

    public ConnectorDefinition {
        tables = List.copyOf(tables);
        excludedColumns = List.copyOf(excludedColumns);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a connector captures at least one table");
        }
    }

    /** A connector of every column of {@code tables}. */
    public ConnectorDefinition(DbSettings db, List<String> tables, String name, Flavor flavor) {
        this(db, tables, name, flavor, List.of());
    }

    /** A connector of one table. */
    public ConnectorDefinition(DbSettings db, String table, String name, Flavor flavor) {
        this(db, List.of(table), name, flavor);
    }

    /** The same connector, leaving {@code columns} ({@code table.column}) out of its events. */
    public ConnectorDefinition withExcludedColumns(List<String> columns) {
        return new ConnectorDefinition(db, tables, name, flavor, columns);
    }

    /** Debezium has one connector per server family; MariaDB has its own since Debezium 2.7. */
    public enum Flavor {
        POSTGRES("io.debezium.connector.postgresql.PostgresConnector"),
        MYSQL("io.debezium.connector.mysql.MySqlConnector"),
        MARIADB("io.debezium.connector.mariadb.MariaDbConnector");

        public final String connectorClass;

        Flavor(String connectorClass) {
            this.connectorClass = connectorClass;
        }
    }

    /** The setting that names the connector of {@code kind}: the embedded engine and Confluent both use it. */
    public static Setting nameSetting(SourceDb kind) {
        return kind == SourceDb.PG ? Setting.PG_CONFLUENT_CONNECTOR_NAME : Setting.MYSQL_CONFLUENT_CONNECTOR_NAME;
    }

    /** The definition for a database, asking a MySQL-family server whether it is MariaDB. */
    public static ConnectorDefinition of(SourceDatabase database, String name) {
        Flavor flavor = database.settings().kind() == SourceDb.PG ? Flavor.POSTGRES
                : database.run("read the server version", c -> database.serverVersion(c)).startsWith("MariaDB")
                ? Flavor.MARIADB : Flavor.MYSQL;
        return new ConnectorDefinition(database.settings(), database.table(), name, flavor);
    }

    /** The definition capturing {@code tables} of the database. */
    public static ConnectorDefinition of(SourceDatabase database, List<String> tables, String name) {
        return new ConnectorDefinition(database.settings(), tables, name, of(database, name).flavor());
    }

    public SourceDb kind() {
        return db.kind();
    }

    /** The prefix of every topic: the database name, as in the original (postgres_cdc_demo.public.users). */
    public String topicPrefix() {
        return db.database();
    }

    /** Where a table's changes go: {@code <db>.public.<table>} or {@code <db>.<db>.<table>}. */
    public String topic(String table) {
        return topicPrefix() + "." + schema() + "." + table;
    }

    /** The topic of a connector of one table (the cloud target's). */
    public String topic() {
        if (tables.size() != 1) {
            throw new IllegalStateException("a connector of " + tables.size() + " tables has " + tables.size() + " topics");
        }
        return topic(tables.get(0));
    }

    public List<String> topics() {
        return tables.stream().map(this::topic).toList();
    }

    /** PostgreSQL keeps the table in the public schema; in MySQL the schema is the database. */
    public String schema() {
        return kind() == SourceDb.PG ? "public" : db.database();
    }

    public String tableIncludeList() {
        return tables.stream().map(t -> schema() + "." + t).collect(Collectors.joining(","));
    }

    /**
     * PostgreSQL replication slot of this pipeline: letters, digits and _ only, at most 63. It names the
     * tables, so that a pipeline of other tables on the same database never reuses this one's position.
     */
    public String slotName() {
        return slotName("", tables.size() == 1 ? 63 : 59);
    }

    /**
     * {@code prefix} + {@code cdc_<db>_<tables>} in at most {@code max} characters. One table's slot is its
     * name, cut at {@code max} (as before there were several, so that those pipelines resume). Several
     * tables' names are sorted (a, b and b, a are one pipeline) and followed by a hash of the list, because
     * the names alone collide: tables {@code a, b_c} and {@code a_b, c} both read {@code a_b_c}.
     */
    public String slotName(String prefix, int max) {
        List<String> sorted = tables.stream().sorted().toList();
        String readable = (prefix + "cdc_" + db.database() + "_" + String.join("_", sorted)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        if (tables.size() == 1) {
            return readable.length() <= max ? readable : readable.substring(0, max);
        }
        String hash = sha256(db.database() + "\n" + String.join("\n", sorted)).substring(0, 8);
        return (readable.length() <= max - 9 ? readable : readable.substring(0, max - 9)) + "_" + hash;
    }

    /** The slot's name and _pub: whole for several tables (their slot leaves room), cut to 63 for one long name. */
    public String publicationName() {
        String publication = slotName() + "_pub";
        return publication.length() <= 63 ? publication : slotName().substring(0, 59) + "_pub";
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** A MySQL replica id for this pipeline, stable across restarts and unlikely to clash. */
    public long serverId() {
        return 5400 + Math.floorMod((db.address() + "/" + db.database() + "/" + String.join(",", tables) + "/" + name).hashCode(),
                100_000);
    }

    /** The alias of our ExtractNewRecordState. Not "unwrap": Confluent Cloud reserves it for its own after.state.only. */
    public static final String FLATTEN = "flattenRow";
    public static final String FLATTEN_TYPE = "io.debezium.transforms.ExtractNewRecordState";
    /** Debezium 2.5's key for deletes and tombstones; it wins over the older pair wherever both are known. */
    public static final String DELETE_MODE = "transforms." + FLATTEN + ".delete.tombstone.handling.mode";
    /** The keys that said the same before 2.5 (deprecated then, removed in 3.2). */
    public static final String LEGACY_DELETE_MODE = "transforms." + FLATTEN + ".delete.handling.mode";
    public static final String LEGACY_DROP_TOMBSTONES = "transforms." + FLATTEN + ".drop.tombstones";

    /**
     * The settings both renderings share, with Debezium's names: which table, which topic, that a new
     * connector first snapshots the rows already there, and everything that decides what an event carries
     * ({@link #eventSettings()}).
     */
    public Map<String, String> sharedSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("topic.prefix", topicPrefix());
        s.put("table.include.list", tableIncludeList());
        if (kind() == SourceDb.MYSQL) {
            s.put("database.include.list", db.database());
        }
        if (!excludedColumns.isEmpty()) {
            // Debezium reads each entry as a regular expression of schema.table.column: the dots are literal
            s.put("column.exclude.list", excludedColumns.stream().map(c -> (schema() + "." + c).replace(".", "\\."))
                    .collect(Collectors.joining(",")));
        }
        s.put("snapshot.mode", "initial");
        s.putAll(eventSettings());
        return s;
    }

    /**
     * Every setting that changes what an event carries, set explicitly even where it is a default: the local
     * engine and the Confluent connector get each one with the same value, so the two targets cannot drift
     * (a default that differs between Debezium and Confluent, or between versions, cannot reach an event).
     */
    public Map<String, String> eventSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        // deletes become one event carrying the old row and __deleted=true; no tombstone follows
        s.put("tombstones.on.delete", "false");
        s.put("transforms", FLATTEN);
        s.put("transforms." + FLATTEN + ".type", FLATTEN_TYPE);
        // The same delete handling in both generations of keys, so that whichever Debezium runs the connector
        // rewrites deletes: 2.5+ reads the first (and ignores the others when it is set), older ones the pair.
        s.put(DELETE_MODE, "rewrite");
        s.put(LEGACY_DELETE_MODE, "rewrite");
        s.put(LEGACY_DROP_TOMBSTONES, "true");
        s.put("transforms." + FLATTEN + ".add.fields", "op,source.ts_ms");
        // a NULL stays NULL even in a column with a DEFAULT: the SMT, the JSON converter (Kafka's and
        // Confluent's, whose V2 default is true) and the Avro converter would each write the default otherwise
        s.put("transforms." + FLATTEN + ".replace.null.with.default", "false");
        s.put("value.converter.replace.null.with.default", "false");
        s.put("value.converter.ignore.default.for.nullables", "true");
        // the JSON a Kafka topic carries without a Schema Registry: no schema envelope
        s.put("value.converter.schemas.enable", "false");
        // decimals as exact text, whatever the output format (precise would be bytes: base64 in JSON)
        s.put("decimal.handling.mode", "string");
        s.put("value.converter.decimal.format", "NUMERIC");
        // timestamps as epoch microseconds, which the Tinybird datafiles and the local replica expect
        s.put("time.precision.mode", kind() == SourceDb.PG ? "adaptive" : "adaptive_time_microseconds");
        s.put("binary.handling.mode", "base64");
        // the rest at Debezium's own defaults, written down so that no other default can reach an event:
        // which operations are sent (truncates are not), field and schema names as they are
        s.put("skipped.operations", "t");
        s.put("field.name.adjustment.mode", "none");
        s.put("schema.name.adjustment.mode", "none");
        if (kind() == SourceDb.PG) {
            s.put("interval.handling.mode", "numeric");
            s.put("money.fraction.digits", "2");
        } else {
            // precise: a BIGINT UNSIGNED above 2^63-1 stays itself (long would wrap it to a negative number)
            s.put("bigint.unsigned.handling.mode", "precise");
            s.put("enable.time.adjuster", "true");
        }
        return s;
    }
}
