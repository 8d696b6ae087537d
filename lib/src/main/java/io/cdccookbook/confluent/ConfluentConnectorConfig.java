package io.cdccookbook.confluent;

import io.cdccookbook.capture.ConnectorDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a {@link ConnectorDefinition} as the configuration of a Confluent Cloud CDC connector:
 * PostgresCdcSourceV2, MySqlCdcSourceV2, or MariaDbCdcSource for a MariaDB server (Confluent's MySQL V2
 * page sends MariaDB there). Everything that decides what an event carries comes from
 * {@link ConnectorDefinition#sharedSettings()}, so both targets write the same topic with the same flat
 * rows: the row, {@code __op}, {@code __source_ts_ms} and {@code __deleted}. Every key is one of the plugin's
 * (Confluent's templates, checked by a test). Every value is a string, as connect/v1 requires.
 */
public final class ConfluentConnectorConfig {

    private ConfluentConnectorConfig() {
    }

    /** The connector plugin (connector.class) for the definition's database. */
    public static String plugin(ConnectorDefinition def) {
        return switch (def.flavor()) {
            case POSTGRES -> "PostgresCdcSourceV2";
            case MYSQL -> "MySqlCdcSourceV2";
            case MARIADB -> "MariaDbCdcSource";
        };
    }

    /**
     * What the topic's values are. Schemaless JSON where the plugin offers it: Tinybird reads it as it reads
     * the local engine's output. MariaDbCdcSource offers only AVRO, JSON_SR and PROTOBUF; Tinybird decodes
     * Avro through the Schema Registry ("Kafka Schema Registry is supported only for decoding Avro
     * messages", tinybird.co/docs/forward/get-data-in/connectors/kafka), so MariaDB's go as Avro.
     */
    public static String valueFormat(ConnectorDefinition def) {
        return def.flavor() == ConnectorDefinition.Flavor.MARIADB ? "AVRO" : "JSON";
    }

    /**
     * The complete config map, in a readable order.
     *
     * @param clusterKey the Kafka cluster's API key, with which the connector writes to its topic
     */
    public static Map<String, String> render(ConnectorDefinition def, ApiKey clusterKey) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("name", def.name());
        c.put("connector.class", plugin(def));
        c.put("kafka.auth.mode", "KAFKA_API_KEY");
        c.put("kafka.api.key", clusterKey.id());
        c.put("kafka.api.secret", clusterKey.secret());

        c.put("database.hostname", def.db().host());
        c.put("database.port", String.valueOf(def.db().port()));
        c.put("database.user", def.db().user());
        c.put("database.password", def.db().password());
        switch (def.flavor()) {
            case POSTGRES -> {
                c.put("database.dbname", def.db().database());
                // the Python original's choice: the database is reached over the internet. (No plugin.name:
                // the V2 plugin has no such key; it reads pgoutput, which needs no server extension.)
                c.put("database.sslmode", "require");
                c.put("slot.name", slotName(def));
                c.put("publication.name", publicationName(def));
                // a publication for this table only: FOR ALL TABLES would need a superuser
                c.put("publication.autocreate.mode", "filtered");
            }
            // Confluent's default; "preferred" still connects to a server without TLS
            case MYSQL -> c.put("database.ssl.mode", "preferred");
            // MariaDbCdcSource knows disable, trust, verify-ca and verify-full: encrypted without checking the
            // certificate, as PostgreSQL's require (UNCONFIRMED: a server without TLS is then refused)
            case MARIADB -> c.put("database.ssl.mode", "trust");
        }

        c.putAll(def.sharedSettings());
        // The envelope must reach our own ExtractNewRecordState, which adds __deleted; Confluent's
        // after.state.only=true would put its own "unwrap" in front (its templates show how).
        c.put("after.state.only", "false");
        c.put("output.data.format", valueFormat(def));
        if (valueFormat(def).equals("AVRO")) {
            // Tinybird looks the schema up as <topic>-value (tinybird.co/docs/get-data-in/connectors/confluent)
            c.put("value.converter.value.subject.name.strategy", "TopicNameStrategy");
        }
        c.put("output.key.format", "JSON");
        c.put("tasks.max", "1");
        return c;
    }

    /**
     * The topic where a MySQL or MariaDB connector keeps its schema history: Confluent's templates default
     * {@code schema.history.internal.kafka.topic} to {@code dbhistory.${topic.prefix}.{{.logicalClusterId}}},
     * the logical cluster being the Kafka cluster's id (lkc-...). PostgreSQL keeps none.
     */
    public static String schemaHistoryTopic(ConnectorDefinition def, String clusterId) {
        return "dbhistory." + def.topicPrefix() + "." + clusterId;
    }

    /**
     * The replication slot of the Confluent connector. Not the local pipeline's: a slot serves one reader,
     * and a local run against the same database would otherwise take it from the connector.
     * At most 59 characters, so that the publication's name fits PostgreSQL's 63 as well.
     */
    public static String slotName(ConnectorDefinition def) {
        return def.slotName("confluent_", 59);
    }

    public static String publicationName(ConnectorDefinition def) {
        return slotName(def) + "_pub";
    }
}
