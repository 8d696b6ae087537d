package io.cdccookbook.confluent;

import io.cdccookbook.CookbookException;
import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.config.Settings;
import io.cdccookbook.source.ReadinessCheck;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.cdccookbook.confluent.FakeConfluent.CONNECTOR;
import static io.cdccookbook.confluent.FakeConfluent.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facade the commands call: create, remove and check, live and as a dry run. */
class ConfluentPipelineTest {

    @RegisterExtension
    final FakeConfluent confluent = new FakeConfluent();

    private static final String ENVIRONMENTS = "GET /org/v2/environments?page_size=100";
    private static final String CLUSTERS = "GET /cmk/v2/clusters?environment=env-abc123&page_size=100";
    private static final String CONNECTORS = "/connect/v1/environments/env-abc123/clusters/lkc-00000/connectors";
    private static final String TOPICS = "/kafka/v3/clusters/lkc-00000/topics";

    private final List<String> messages = new ArrayList<>();

    @Test
    void createFindsTheClusterCreatesTheConnectorAndWaitsUntilItRuns() {
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-none.json");
        confluent.replyWith(200, "validate-ok.json");
        confluent.replyWith(201, "connector-created.json");
        confluent.replyWith(200, "connector-config.json");
        confluent.replyWith(200, "status-provisioning.json");
        confluent.replyWith(200, "status-running.json");
        Plan plan = Plan.live();

        ConnectorStatus status = confluent.pipeline(FakeConfluent.settings()).create(FakeConfluent.postgres(), plan, messages::add);

        assertThat(status.isRunning()).isTrue();
        assertThat(confluent.requests()).containsExactly(ENVIRONMENTS, CLUSTERS, "GET " + CONNECTORS,
                "PUT /connect/v1/environments/env-abc123/clusters/lkc-00000/connector-plugins/PostgresCdcSourceV2/config/validate",
                "POST " + CONNECTORS, "GET " + CONNECTORS + "/" + CONNECTOR + "/config",
                "GET " + CONNECTORS + "/" + CONNECTOR + "/status", "GET " + CONNECTORS + "/" + CONNECTOR + "/status");
        assertThat(messages).containsExactly(
                "Created connector '" + CONNECTOR + "' (PostgresCdcSourceV2) in cluster cdc-cluster (lkc-00000); "
                        + "it writes to topic " + TOPIC + ".",
                "Connector '" + CONNECTOR + "' is PROVISIONING (0 s)...",
                "Connector '" + CONNECTOR + "' is RUNNING.");
        assertThat(plan.steps()).extracting(Plan.Step::method).containsExactly("GET", "GET", "GET", "PUT", "POST", "GET", "GET", "GET");
    }

    @Test
    void createLeavesAnExistingConnectorAsItIsAndWaitsForIt() {
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-existing.json");
        confluent.replyWith(200, "connector-config.json");
        confluent.replyWith(200, "status-running.json");

        confluent.pipeline(FakeConfluent.settings()).create(FakeConfluent.postgres(), Plan.live(), messages::add);

        assertThat(confluent.requests()).containsExactly(ENVIRONMENTS, CLUSTERS, "GET " + CONNECTORS,
                "GET " + CONNECTORS + "/" + CONNECTOR + "/config", "GET " + CONNECTORS + "/" + CONNECTOR + "/status");
        assertThat(messages).containsExactly(
                "Connector '" + CONNECTOR + "' exists already in cluster cdc-cluster: not created again.",
                "Connector '" + CONNECTOR + "' is RUNNING.");
    }

    /** The connector-config.json fixture with keys changed (a null value removes the key). */
    private static String keptConfig(Map<String, String> changes) {
        com.google.gson.JsonObject config = com.google.gson.JsonParser.parseString(
                FakeConfluent.resource("connector-config.json")).getAsJsonObject();
        changes.forEach((key, value) -> {
            config.remove(key);
            if (value != null) {
                config.addProperty(key, value);
            }
        });
        return config.toString();
    }

    private static Map<String, String> removed(String... keys) {
        Map<String, String> changes = new java.util.HashMap<>();
        for (String key : keys) {
            changes.put(key, null);
        }
        return changes;
    }

    /** Creates the PostgreSQL connector with Confluent answering the read-back with {@code kept}. */
    private void createKeeping(String kept) {
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-none.json");
        confluent.replyWith(200, "validate-ok.json");
        confluent.replyWith(201, "connector-created.json");
        confluent.reply(200, kept);
        confluent.replyWith(200, "status-running.json");
        confluent.pipeline(FakeConfluent.settings()).create(FakeConfluent.postgres(), Plan.live(), messages::add);
    }

    @Test
    void createFailsWithOneLineWhenConfluentKeptNoFlattening() {
        String kept = keptConfig(Map.of("transforms", "unwrap"));

        assertThatThrownBy(() -> createKeeping(kept))
                .isInstanceOf(CookbookException.class)
                .hasMessage("Connector '" + CONNECTOR + "' does not flatten events as the Tinybird datafiles expect: "
                        + "Confluent kept a config where its transforms are 'unwrap', without flattenRow.")
                .hasMessageNotContaining("\n");
        assertThat(confluent.requests()).last().isEqualTo("GET " + CONNECTORS + "/" + CONNECTOR + "/config");
    }

    @Test
    void createFailsWhenConfluentKeptNeitherDeleteHandling() {
        String kept = keptConfig(removed("transforms.flattenRow.delete.tombstone.handling.mode",
                "transforms.flattenRow.delete.handling.mode"));

        assertThatThrownBy(() -> createKeeping(kept))
                .isInstanceOf(CookbookException.class)
                .hasMessageEndingWith("neither transforms.flattenRow.delete.tombstone.handling.mode nor "
                        + "transforms.flattenRow.delete.handling.mode is rewrite, so deletes would arrive without __deleted.");
    }

    @Test
    void createAcceptsARuntimeThatKeptOnlyTheDeleteKeysItKnows() {
        createKeeping(keptConfig(removed("transforms.flattenRow.delete.tombstone.handling.mode"))); // before 2.5
        createKeeping(keptConfig(removed("transforms.flattenRow.delete.handling.mode",
                "transforms.flattenRow.drop.tombstones"))); // 3.2 and later

        assertThat(messages).filteredOn(m -> m.endsWith("is RUNNING.")).hasSize(2);
    }

    @Test
    void removeOnMySqlDeletesTheSchemaHistoryTopicToo() {
        String topic = "mysql_cdc_demo.mysql_cdc_demo.users";
        String history = "dbhistory.mysql_cdc_demo.lkc-00000";
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-none.json");
        confluent.reply(new MockResponse.Builder().code(204).build());
        confluent.reply(new MockResponse.Builder().code(204).build());

        confluent.pipeline(FakeConfluent.settings()).remove(FakeConfluent.mysql(), Plan.live(), messages::add);

        assertThat(confluent.requests()).containsExactly(ENVIRONMENTS, CLUSTERS, "GET " + CONNECTORS,
                "DELETE " + TOPICS + "/" + topic, "DELETE " + TOPICS + "/" + history);
        assertThat(messages).containsExactly("Connector 'MysqlDbzmConnector_0' was not there.", "Deleted topic " + topic + ".",
                "Deleted schema-history topic " + history + ".");
    }

    @Test
    void removeOnMySqlSaysSoWhenThereIsNoSchemaHistoryTopic() {
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-none.json");
        confluent.reply(new MockResponse.Builder().code(204).build());
        confluent.replyWith(404, "error-kafka-40403.json");

        confluent.pipeline(FakeConfluent.settings()).remove(FakeConfluent.mysql(), Plan.live(), messages::add);

        assertThat(messages).last().isEqualTo("Schema-history topic dbhistory.mysql_cdc_demo.lkc-00000 was not there.");
    }

    private static ConnectorDefinition mariaDb() {
        ConnectorDefinition mysql = FakeConfluent.mysql();
        return new ConnectorDefinition(mysql.db(), mysql.tables(), mysql.name(), ConnectorDefinition.Flavor.MARIADB);
    }

    @Test
    void aMariaDbServerWithoutASchemaRegistryIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> confluent.pipeline(FakeConfluent.settings()).create(mariaDb(), Plan.live(), messages::add))
                .isInstanceOf(CookbookException.class)
                .hasMessageStartingWith("A MariaDB server on the tinybird target (Confluent's MariaDbCdcSource writes Avro,"
                        + " which Tinybird decodes through the Schema Registry) needs CONFLUENT_SCHEMA_REGISTRY_URL, "
                        + "CONFLUENT_SCHEMA_REGISTRY_KEY, CONFLUENT_SCHEMA_REGISTRY_SECRET, which are not set.");
        assertThat(confluent.requests()).isEmpty();
    }

    @Test
    void aMariaDbServerGetsConfluentsMariaDbConnectorWritingAvro() {
        Settings withRegistry = FakeConfluent.settings().with(Map.of(
                io.cdccookbook.config.Setting.CONFLUENT_SCHEMA_REGISTRY_URL, "https://psrc-4kk0p.westeurope.azure.confluent.cloud",
                io.cdccookbook.config.Setting.CONFLUENT_SCHEMA_REGISTRY_KEY, "SRKEYQ4W7ZLMN2",
                io.cdccookbook.config.Setting.CONFLUENT_SCHEMA_REGISTRY_SECRET, "sr-secret-never-shown"));
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-none.json");
        confluent.replyWith(200, "validate-ok.json");
        confluent.replyWith(201, "connector-created.json");
        confluent.reply(200, keptConfig(Map.of("connector.class", "MariaDbCdcSource", "output.data.format", "AVRO")));
        confluent.replyWith(200, "status-running.json");

        confluent.pipeline(withRegistry).create(mariaDb(), Plan.live(), messages::add);

        assertThat(confluent.requests()).contains(
                "PUT /connect/v1/environments/env-abc123/clusters/lkc-00000/connector-plugins/MariaDbCdcSource/config/validate");
        com.google.gson.JsonObject config = com.google.gson.JsonParser.parseString(confluent.body(4)).getAsJsonObject()
                .getAsJsonObject("config");
        assertThat(config.get("connector.class").getAsString()).isEqualTo("MariaDbCdcSource");
        assertThat(config.get("output.data.format").getAsString()).isEqualTo("AVRO");
        assertThat(messages.get(0)).isEqualTo("The server is MariaDB: Confluent's MariaDbCdcSource writes Avro, which"
                + " Tinybird decodes through the Schema Registry at https://psrc-4kk0p.westeurope.azure.confluent.cloud.");
        assertThat(messages).noneMatch(m -> m.contains("SRKEYQ4W7ZLMN2") || m.contains("sr-secret-never-shown"));
    }

    @Test
    void removeDeletesTheConnectorThenItsTopic() {
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-existing.json");
        confluent.replyWith(200, "connector-deleted.json");
        confluent.reply(new MockResponse.Builder().code(204).build());

        confluent.pipeline(FakeConfluent.settings()).remove(FakeConfluent.postgres(), Plan.live(), messages::add);

        assertThat(confluent.requests()).containsExactly(ENVIRONMENTS, CLUSTERS, "GET " + CONNECTORS,
                "DELETE " + CONNECTORS + "/" + CONNECTOR, "DELETE " + TOPICS + "/" + TOPIC);
        assertThat(messages).containsExactly("Deleted connector '" + CONNECTOR + "'.", "Deleted topic " + TOPIC + ".");
    }

    @Test
    void aConnectorOfSeveralTablesWritesATopicEachAndRemoveDeletesEveryOne() {
        ConnectorDefinition one = FakeConfluent.postgres();
        ConnectorDefinition two = new ConnectorDefinition(one.db(), List.of(one.tables().get(0), "orders"), one.name(), one.flavor())
                .withExcludedColumns(List.of("orders.picture"));
        String orders = two.topic("orders");
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-existing.json");
        confluent.replyWith(200, "connector-deleted.json");
        confluent.reply(new MockResponse.Builder().code(204).build());
        confluent.reply(new MockResponse.Builder().code(204).build());

        confluent.pipeline(FakeConfluent.settings()).remove(two, Plan.live(), messages::add);

        assertThat(confluent.requests()).containsExactly(ENVIRONMENTS, CLUSTERS, "GET " + CONNECTORS,
                "DELETE " + CONNECTORS + "/" + CONNECTOR, "DELETE " + TOPICS + "/" + TOPIC, "DELETE " + TOPICS + "/" + orders);
        assertThat(messages).containsExactly("Deleted connector '" + CONNECTOR + "'.", "Deleted topic " + TOPIC + ".",
                "Deleted topic " + orders + ".");
        Map<String, String> config = ConfluentConnectorConfig.render(two, ApiKey.cluster(FakeConfluent.settings()));
        assertThat(config).containsEntry("table.include.list", "public.users,public.orders")
                .containsEntry("column.exclude.list", "public\\.orders\\.picture");
    }

    @Test
    void removeWhenNothingIsThereSaysSoForEachStep() {
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-none.json");
        confluent.replyWith(404, "error-kafka-40403.json");

        confluent.pipeline(FakeConfluent.settings()).remove(FakeConfluent.postgres(), Plan.live(), messages::add);

        assertThat(confluent.requests()).containsExactly(ENVIRONMENTS, CLUSTERS, "GET " + CONNECTORS,
                "DELETE " + TOPICS + "/" + TOPIC);
        assertThat(messages).containsExactly("Connector '" + CONNECTOR + "' was not there.", "Topic " + TOPIC + " was not there.");
    }

    @Test
    void aDryRunSendsNothingAndPlansEveryRequestWithSecretsMasked() {
        Plan create = Plan.dryRun();
        Plan remove = Plan.dryRun();
        ConfluentPipeline pipeline = confluent.pipeline(FakeConfluent.settings());

        ConnectorStatus status = pipeline.create(FakeConfluent.postgres(), create, messages::add);
        pipeline.remove(FakeConfluent.postgres(), remove, messages::add);

        assertThat(confluent.requests()).isEmpty();
        assertThat(messages).isEmpty();
        assertThat(status.state()).isEqualTo("<state of connector '" + CONNECTOR + "'>");
        String base = confluent.url();
        String connectors = base + "/connect/v1/environments/<id of environment 'default'>/clusters/<id of cluster 'cdc-cluster'>/connectors";
        assertThat(create.steps()).extracting(s -> s.method() + " " + s.url() + " # " + s.why()).containsExactly(
                "GET " + base + "/org/v2/environments?page_size=100 # list the environments",
                "GET " + base + "/cmk/v2/clusters?environment=<id of environment 'default'>&page_size=100"
                        + " # list the Kafka clusters of environment 'default'",
                "GET " + connectors + " # list the connectors, to create '" + CONNECTOR + "' only if it is not there",
                "PUT " + base + "/connect/v1/environments/<id of environment 'default'>/clusters/<id of cluster 'cdc-cluster'>"
                        + "/connector-plugins/PostgresCdcSourceV2/config/validate # validate the config of connector '"
                        + CONNECTOR + "' with plugin PostgresCdcSourceV2",
                "POST " + connectors + " # create connector '" + CONNECTOR + "'",
                "GET " + connectors + "/" + CONNECTOR + "/config # read back the config of connector '" + CONNECTOR + "'",
                "GET " + connectors + "/" + CONNECTOR + "/status # wait until connector '" + CONNECTOR + "' runs");
        assertThat(remove.steps()).extracting(s -> s.method() + " " + s.url()).containsExactly(
                "GET " + base + "/org/v2/environments?page_size=100",
                "GET " + base + "/cmk/v2/clusters?environment=<id of environment 'default'>&page_size=100",
                "GET " + connectors,
                "DELETE " + connectors + "/" + CONNECTOR,
                "DELETE <REST endpoint of cluster 'cdc-cluster'>/kafka/v3/clusters/<id of cluster 'cdc-cluster'>/topics/" + TOPIC);

        String text = create.describe() + remove.describe();
        assertThat(text).contains("\"database.user\": \"cdc_user\"", "\"connector.class\": \"PostgresCdcSourceV2\"")
                .doesNotContain(FakeConfluent.CLOUD_KEY, FakeConfluent.CLOUD_SECRET, FakeConfluent.CLUSTER_KEY,
                        FakeConfluent.CLUSTER_SECRET, FakeConfluent.DB_PASSWORD);
    }

    @Test
    void aDryRunNeedsNoCredentials() {
        Plan plan = Plan.dryRun();

        confluent.pipeline(Settings.of(Map.of())).create(FakeConfluent.mysql(), plan, messages::add);

        assertThat(confluent.requests()).isEmpty();
        assertThat(plan.describe()).contains("<id of cluster '<CONFLUENT_CLUSTER_NAME>'>", "MySqlCdcSourceV2");
    }

    @Test
    void aLiveRunNamesEveryMissingSettingBeforeSendingAnything() {
        Settings noKeys = Settings.of(Map.of("CONFLUENT_CLUSTER_NAME", "cdc-cluster"));

        assertThatThrownBy(() -> confluent.pipeline(noKeys).create(FakeConfluent.postgres(), Plan.live(), messages::add))
                .isInstanceOf(CookbookException.class)
                .hasMessageStartingWith("Creating the Confluent Cloud connector needs CONFLUENT_CLOUD_KEY, "
                        + "CONFLUENT_CLOUD_SECRET, CONFLUENT_UNAME, CONFLUENT_SECRET, which are not set.");
        assertThat(confluent.requests()).isEmpty();
    }

    @Test
    void checkPassesEveryRowWhenAllIsWell() {
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "topics.json");

        List<ReadinessCheck> checks = confluent.pipeline(FakeConfluent.settings()).check();

        assertThat(checks).containsExactly(
                ReadinessCheck.pass("Cloud API key", "valid: it sees 2 environment(s)"),
                ReadinessCheck.pass("environment default", "env-abc123"),
                ReadinessCheck.pass("Kafka cluster cdc-cluster", "lkc-00000, bootstrap pkc-12345.us-west-2.aws.confluent.cloud:9092, REST "
                        + confluent.url()),
                ReadinessCheck.pass("Kafka REST with the cluster key", "2 topic(s)"));
        assertThat(confluent.requests()).containsExactly(ENVIRONMENTS, CLUSTERS, "GET " + TOPICS);
    }

    @Test
    void checkStopsAtTheFirstFailureWithAHint() {
        confluent.replyWith(401, "error-jsonapi-401.json");

        List<ReadinessCheck> checks = confluent.pipeline(FakeConfluent.settings()).check();

        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).passed()).isFalse();
        assertThat(checks.get(0).name()).isEqualTo("Cloud API key");
        assertThat(checks.get(0).hint()).contains("CONFLUENT_CLOUD_KEY");
    }

    @Test
    void checkReportsAMissingEnvironmentAndAWrongClusterKey() {
        confluent.replyWith(200, "environments.json");
        List<ReadinessCheck> noEnv = confluent.pipeline(FakeConfluent.settings().with(
                Map.of(io.cdccookbook.config.Setting.CONFLUENT_ENV_NAME, "prod"))).check();

        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(401, "error-kafka-40101.json");
        List<ReadinessCheck> badKey = confluent.pipeline(FakeConfluent.settings()).check();

        assertThat(noEnv).extracting(ReadinessCheck::passed).containsExactly(true, false);
        assertThat(noEnv.get(1)).isEqualTo(ReadinessCheck.fail("environment prod",
                "No environment named 'prod'; found: default, dev.", "Set CONFLUENT_ENV_NAME to one of them."));
        assertThat(badKey).extracting(ReadinessCheck::passed).containsExactly(true, true, true, false);
        assertThat(badKey.get(3).hint()).contains("CONFLUENT_UNAME");
    }

    @Test
    void checkWithoutKeysIsAFailedRowNotAnException() {
        List<ReadinessCheck> checks = confluent.pipeline(Settings.of(Map.of())).check();

        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).passed()).isFalse();
        assertThat(checks.get(0).detail()).contains("CONFLUENT_CLOUD_KEY");
        assertThat(confluent.requests()).isEmpty();
    }
}
