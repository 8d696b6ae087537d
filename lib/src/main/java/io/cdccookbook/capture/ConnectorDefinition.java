package io.cdccookbook.capture;

import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Debezium connector for the users table, described once and rendered twice: as the embedded
 * engine's properties ({@link EngineProperties}) and as a Confluent Cloud PostgresCdcSourceV2 /
 * MySqlCdcSourceV2 config (the cloud target). Both produce the same topic and the same flat JSON:
 * the row after the change, plus {@code __op}, {@code __source_ts_ms} and {@code __deleted}
 * ("true" on deletes, which carry the row as it was before).
 *
 * @param db     the source database
 * @param table  the captured table
 * @param name   the connector's name (PG_CONFLUENT_CONNECTOR_NAME / MYSQL_CONFLUENT_CONNECTOR_NAME)
 * @param flavor which Debezium connector reads the server
 */
public record ConnectorDefinition(DbSettings db, String table, String name, Flavor flavor) {

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

    /** The definition for a database, asking a MySQL-family server whether it is MariaDB. */
    public static ConnectorDefinition of(SourceDatabase database, String name) {
        Flavor flavor = database.settings().kind() == SourceDb.PG ? Flavor.POSTGRES
                : database.run("read the server version", c -> database.serverVersion(c)).startsWith("MariaDB")
                ? Flavor.MARIADB : Flavor.MYSQL;
        return new ConnectorDefinition(database.settings(), database.table(), name, flavor);
    }

    public SourceDb kind() {
        return db.kind();
    }

    /** The prefix of every topic: the database name, as in the original (postgres_cdc_demo.public.users). */
    public String topicPrefix() {
        return db.database();
    }

    /** Where the users table's changes go: {@code <db>.public.<table>} or {@code <db>.<db>.<table>}. */
    public String topic() {
        return topicPrefix() + "." + schema() + "." + table;
    }

    /** PostgreSQL keeps the table in the public schema; in MySQL the schema is the database. */
    public String schema() {
        return kind() == SourceDb.PG ? "public" : db.database();
    }

    public String tableIncludeList() {
        return schema() + "." + table;
    }

    /** PostgreSQL replication slot of this pipeline: letters, digits and _ only, at most 63. */
    public String slotName() {
        String slot = ("cdc_" + db.database() + "_" + table).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        return slot.length() <= 63 ? slot : slot.substring(0, 63);
    }

    public String publicationName() {
        String publication = slotName() + "_pub";
        return publication.length() <= 63 ? publication : slotName().substring(0, 59) + "_pub";
    }

    /** A MySQL replica id for this pipeline, stable across restarts and unlikely to clash. */
    public long serverId() {
        return 5400 + Math.floorMod((db.address() + "/" + db.database() + "/" + table + "/" + name).hashCode(), 100_000);
    }

    /**
     * The settings both renderings share, with Debezium's names: which table, which topic, how the
     * event is flattened, and that a new connector first snapshots the rows already there.
     */
    public Map<String, String> sharedSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("topic.prefix", topicPrefix());
        s.put("table.include.list", tableIncludeList());
        if (kind() == SourceDb.MYSQL) {
            s.put("database.include.list", db.database());
        }
        s.put("snapshot.mode", "initial");
        // deletes become one event carrying the old row and __deleted=true; no tombstone follows
        s.put("tombstones.on.delete", "false");
        // not "unwrap": Confluent Cloud reserves that alias for its own after.state.only flattening
        s.put("transforms", "flattenRow");
        s.put("transforms.flattenRow.type", "io.debezium.transforms.ExtractNewRecordState");
        s.put("transforms.flattenRow.delete.tombstone.handling.mode", "rewrite");
        s.put("transforms.flattenRow.add.fields", "op,source.ts_ms");
        // a NULL stays NULL even in a column with a DEFAULT (the SMT writes the default otherwise)
        s.put("transforms.flattenRow.replace.null.with.default", "false");
        return s;
    }
}
