package io.cdccookbook.confluent;

import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.cdccookbook.confluent.FakeConfluent.CLUSTER_KEY;
import static io.cdccookbook.confluent.FakeConfluent.CLUSTER_SECRET;
import static io.cdccookbook.confluent.FakeConfluent.DB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

class ConfluentConnectorConfigTest {

    private static final ApiKey KEY = new ApiKey(CLUSTER_KEY, CLUSTER_SECRET);

    @Test
    void postgresGetsTheCompleteV2Config() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("name", "PostgresDbzmConnector_0");
        expected.put("connector.class", "PostgresCdcSourceV2");
        expected.put("kafka.auth.mode", "KAFKA_API_KEY");
        expected.put("kafka.api.key", CLUSTER_KEY);
        expected.put("kafka.api.secret", CLUSTER_SECRET);
        expected.put("database.hostname", "db.example.com");
        expected.put("database.port", "5432");
        expected.put("database.user", "cdc_user");
        expected.put("database.password", DB_PASSWORD);
        expected.put("database.dbname", "postgres_cdc_demo");
        expected.put("database.sslmode", "require");
        expected.put("slot.name", "confluent_cdc_postgres_cdc_demo_users");
        expected.put("publication.name", "confluent_cdc_postgres_cdc_demo_users_pub");
        expected.put("publication.autocreate.mode", "filtered");
        expected.put("topic.prefix", "postgres_cdc_demo");
        expected.put("table.include.list", "public.users");
        expected.put("snapshot.mode", "initial");
        expected.put("tombstones.on.delete", "false");
        expected.put("transforms", "flattenRow");
        expected.put("transforms.flattenRow.type", "io.debezium.transforms.ExtractNewRecordState");
        expected.put("transforms.flattenRow.delete.tombstone.handling.mode", "rewrite");
        expected.put("transforms.flattenRow.delete.handling.mode", "rewrite");
        expected.put("transforms.flattenRow.drop.tombstones", "true");
        expected.put("transforms.flattenRow.add.fields", "op,source.ts_ms");
        expected.put("transforms.flattenRow.replace.null.with.default", "false");
        expected.put("value.converter.replace.null.with.default", "false");
        expected.put("value.converter.ignore.default.for.nullables", "true");
        expected.put("value.converter.schemas.enable", "false");
        expected.put("decimal.handling.mode", "string");
        expected.put("value.converter.decimal.format", "NUMERIC");
        expected.put("time.precision.mode", "adaptive");
        expected.put("binary.handling.mode", "base64");
        expected.put("skipped.operations", "t");
        expected.put("field.name.adjustment.mode", "none");
        expected.put("schema.name.adjustment.mode", "none");
        expected.put("interval.handling.mode", "numeric");
        expected.put("money.fraction.digits", "2");
        expected.put("after.state.only", "false");
        expected.put("output.data.format", "JSON");
        expected.put("output.key.format", "JSON");
        expected.put("tasks.max", "1");

        assertThat(ConfluentConnectorConfig.render(FakeConfluent.postgres(), KEY)).containsExactlyEntriesOf(expected);
    }

    @Test
    void mysqlUsesTheMySqlConnectorWithItsOwnSslKeyAndTheDatabaseList() {
        Map<String, String> config = ConfluentConnectorConfig.render(FakeConfluent.mysql(), KEY);

        assertThat(config).containsEntry("connector.class", "MySqlCdcSourceV2")
                .containsEntry("database.hostname", "mysql.example.com")
                .containsEntry("database.port", "3306")
                .containsEntry("database.ssl.mode", "preferred")
                .containsEntry("database.include.list", "mysql_cdc_demo")
                .containsEntry("table.include.list", "mysql_cdc_demo.users")
                .containsEntry("topic.prefix", "mysql_cdc_demo")
                .containsEntry("transforms.flattenRow.delete.tombstone.handling.mode", "rewrite")
                .doesNotContainKeys("database.dbname", "database.sslmode", "plugin.name", "slot.name", "publication.name");
    }

    @Test
    void mariaDbUsesConfluentsMariaDbPluginWithAvroAndItsOwnSslModes() {
        ConnectorDefinition mariadb = new ConnectorDefinition(FakeConfluent.mysql().db(), "users", "m",
                ConnectorDefinition.Flavor.MARIADB);
        Map<String, String> config = ConfluentConnectorConfig.render(mariadb, KEY);

        assertThat(config).containsEntry("connector.class", "MariaDbCdcSource")
                .containsEntry("output.data.format", "AVRO")
                .containsEntry("output.key.format", "JSON")
                .containsEntry("database.ssl.mode", "trust")
                .containsEntry("database.include.list", "mysql_cdc_demo")
                .containsEntry("time.precision.mode", "adaptive_time_microseconds")
                .containsEntry("value.converter.value.subject.name.strategy", "TopicNameStrategy");
        assertThat(ConfluentConnectorConfig.valueFormat(mariadb)).isEqualTo("AVRO");
        assertThat(ConfluentConnectorConfig.valueFormat(FakeConfluent.mysql())).isEqualTo("JSON");
    }

    @Test
    void carriesEverySharedDebeziumSettingUnderAnAliasConfluentAccepts() {
        ConnectorDefinition def = FakeConfluent.mysql();
        Map<String, String> config = ConfluentConnectorConfig.render(def, KEY);

        def.sharedSettings().forEach((key, value) -> assertThat(config)
                .containsEntry(key.replace("transforms.unwrap.", "transforms.flattenRow."),
                        key.equals("transforms") ? "flattenRow" : value));
        assertThat(config.keySet()).noneMatch(k -> k.startsWith("transforms.unwrap."));
        assertThat(config).doesNotContainEntry("transforms", "unwrap");
        assertThat(config.values()).doesNotContainNull();
    }

    @Test
    void secretsAppearOnlyUnderTheirOwnKeys() {
        Map<String, String> config = ConfluentConnectorConfig.render(FakeConfluent.postgres(), KEY);
        Map<String, String> secretKeys = Map.of(DB_PASSWORD, "database.password", CLUSTER_SECRET, "kafka.api.secret",
                CLUSTER_KEY, "kafka.api.key");

        secretKeys.forEach((secret, key) -> assertThat(config.entrySet())
                .filteredOn(e -> e.getValue().contains(secret))
                .extracting(Map.Entry::getKey).containsExactly(key));
    }

    @Test
    void slotAndPublicationNamesFitPostgresLimitsAndDifferFromTheLocalPipeline() {
        String longName = "d".repeat(60);
        ConnectorDefinition def = new ConnectorDefinition(new DbSettings(SourceDb.PG, "h", 5432, "u", "", longName),
                "t".repeat(60), "c", ConnectorDefinition.Flavor.POSTGRES);

        assertThat(ConfluentConnectorConfig.slotName(def)).hasSizeLessThanOrEqualTo(59).matches("[a-z0-9_]+")
                .isNotEqualTo(def.slotName());
        assertThat(ConfluentConnectorConfig.publicationName(def)).hasSizeLessThanOrEqualTo(63);
    }
}
