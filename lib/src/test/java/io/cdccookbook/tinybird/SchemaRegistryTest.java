package io.cdccookbook.tinybird;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Settings;
import io.cdccookbook.source.SourceDb;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Avro path Confluent's MariaDB connector needs: the Kafka connection reaches the Schema Registry through
 * a workspace secret (Forward) or its kafka_schema_registry_url (Classic), and the raw data source decodes
 * Avro values. Nothing shows the registry's key or secret.
 */
class SchemaRegistryTest {

    static final String REGISTRY = "https://psrc-4kk0p.westeurope.azure.confluent.cloud";
    static final String REGISTRY_KEY = "SRKEYQ4W7ZLMN2";
    static final String REGISTRY_SECRET = "sr/Secret+never=shown-0003";
    static final String TOPIC = "mysql_cdc_demo.mysql_cdc_demo.users";
    static final Map<String, String> WITH_REGISTRY = Map.of("CONFLUENT_SCHEMA_REGISTRY_URL", REGISTRY,
            "CONFLUENT_SCHEMA_REGISTRY_KEY", REGISTRY_KEY, "CONFLUENT_SCHEMA_REGISTRY_SECRET", REGISTRY_SECRET);

    Testbed bed = new Testbed();

    @AfterEach
    void stop() {
        bed.close();
    }

    private TinybirdTarget mariaDb(String deploy) {
        return TinybirdTarget.of(bed.settings(deploy, WITH_REGISTRY), SourceDb.MYSQL, TOPIC, bed.api(), bed.timing(),
                bed.reports::add).readingAvro();
    }

    /** The same wiring on the PostgreSQL files, which the deployment fixtures are written for. */
    private TinybirdTarget avroOnPostgresFiles(String deploy) {
        return bed.target(deploy, WITH_REGISTRY).readingAvro();
    }

    private static String authenticated() {
        return "https://" + REGISTRY_KEY + ":sr%2FSecret%2Bnever%3Dshown-0003@psrc-4kk0p.westeurope.azure.confluent.cloud";
    }

    @Test
    void theProjectReadsAvroThroughTheConnectionsRegistry() {
        TinybirdProject project = mariaDb("forward").project();

        assertThat(project.raw().setting("KAFKA_VALUE_FORMAT")).isEqualTo("avro");
        assertThat(project.connection().setting("KAFKA_SCHEMA_REGISTRY_URL"))
                .isEqualTo("{{ tb_secret(\"CDC_KAFKA_SCHEMA_REGISTRY_URL\") }}");
        assertThat(project.connectionSecrets()).containsEntry("KAFKA_SCHEMA_REGISTRY_URL", "CDC_KAFKA_SCHEMA_REGISTRY_URL");
        assertThat(project.resourceFiles().get(0).text()).contains("KAFKA_VALUE_FORMAT avro");
    }

    @Test
    void withoutARegistryNothingChanges() {
        TinybirdProject project = TinybirdTarget.of(bed.settings("forward", Map.of()), SourceDb.MYSQL, TOPIC, bed.api(),
                bed.timing(), bed.reports::add).project();

        assertThat(project.raw().setting("KAFKA_VALUE_FORMAT")).isNull();
        assertThat(project.connection().setting("KAFKA_SCHEMA_REGISTRY_URL")).isNull();
        assertThat(project.connectionSecrets()).doesNotContainKey("KAFKA_SCHEMA_REGISTRY_URL");
    }

    @Test
    void theCredentialsPutTheKeyAndSecretIntoTheUrlEncoded() {
        KafkaCredentials credentials = KafkaCredentials.from(bed.settings("forward", WITH_REGISTRY));

        assertThat(credentials.schemaRegistryUrl()).isEqualTo(authenticated());
        assertThat(credentials.toString()).doesNotContain(REGISTRY_KEY, "sr%2FSecret", REGISTRY_SECRET);
        assertThat(KafkaCredentials.from(bed.settings("forward", Map.of())).schemaRegistryUrl()).isEmpty();
    }

    @Test
    void aRegistryWithoutItsKeyIsNamedBeforeAnythingIsSent() {
        Settings noKey = bed.settings("forward", Map.of("CONFLUENT_SCHEMA_REGISTRY_URL", REGISTRY));

        assertThatThrownBy(() -> KafkaCredentials.from(noKey)).isInstanceOf(CookbookException.class)
                .hasMessageStartingWith("Connecting Tinybird to the Schema Registry needs CONFLUENT_SCHEMA_REGISTRY_KEY, "
                        + "CONFLUENT_SCHEMA_REGISTRY_SECRET");
    }

    @Test
    void forwardKeepsTheAuthenticatedUrlInAWorkspaceSecret() {
        bed.tinybird.answerFile("GET /v0/datasources", 200, "datasources_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_other.json")
                .answerFile("GET /v0/connectors", 200, "connectors_none.json")
                .answerFile("GET /v0/datasources/other_events.datasource", 200, "other_events.datasource")
                .answerFile("GET /v1/pipes/other_api.pipe", 200, "other_api.pipe")
                .answerFile("GET /v1/deployments", 200, "deployments_live_4.json")
                .answerFile("GET /v0/variables", 200, "variables_key_only.json")
                .answerFile("POST /v0/variables", 200, "variable_created.json")
                .answerFile("PUT /v0/variables/CDC_KAFKA_KEY", 200, "variable_created.json")
                .answerFile("POST /v1/deploy", 200, "deploy_created.json")
                .answerFile("GET /v1/deployments/5", 200, "deployment_data_ready.json")
                .answer("POST /v1/deployments/5/set-live", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/4", 200, "{\"result\": \"success\"}");

        avroOnPostgresFiles("forward").create();

        assertThat(bed.tinybird.unexpected).isEmpty();
        List<String> secrets = bed.tinybird.requests("POST /v0/variables").stream().map(FakeTinybird::body).toList();
        assertThat(secrets).contains("name=CDC_KAFKA_SCHEMA_REGISTRY_URL&value="
                + java.net.URLEncoder.encode(authenticated(), java.nio.charset.StandardCharsets.UTF_8) + "&type=secret");
        List<FakeTinybird.Part> parts = FakeTinybird.parts(bed.tinybird.requests("POST /v1/deploy").get(0));
        FakeTinybird.Part connection = parts.stream().filter(p -> p.filename().startsWith("connections/")).findFirst().orElseThrow();
        assertThat(connection.text()).contains("KAFKA_SCHEMA_REGISTRY_URL {{ tb_secret(\"CDC_KAFKA_SCHEMA_REGISTRY_URL\") }}")
                .doesNotContain(REGISTRY_KEY, REGISTRY);
        FakeTinybird.Part raw = parts.stream().filter(p -> p.filename().endsWith("pg_users_raw.datasource")).findFirst().orElseThrow();
        assertThat(DatafileParser.parse(raw.filename(), raw.text()).setting("KAFKA_VALUE_FORMAT")).isEqualTo("avro");
        assertThat(bed.plan.describe() + String.join("\n", bed.reports)).doesNotContain(REGISTRY_KEY, REGISTRY_SECRET,
                "sr%2FSecret");
        bed.assertNothingShowsASecret();
    }

    @Test
    void classicGivesTheConnectionItsRegistry() {
        String created = "/v0/connectors/9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a";
        bed.tinybird.answerFile("GET /v0/connectors", 200, "connectors_none.json")
                .answerFile("POST /v0/connectors", 200, "connector_created.json")
                .answerFile("GET " + created + "/preview", 200, "preview_topics.json")
                .answerFile("GET /v0/datasources", 200, "datasources_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_other.json")
                .answer("POST /v0/datafiles", 200, "");

        avroOnPostgresFiles("classic").create();

        assertThat(bed.tinybird.unexpected).isEmpty();
        RecordedRequest post = bed.tinybird.requests("POST /v0/connectors").get(0);
        JsonObject connector = JsonParser.parseString(FakeTinybird.body(post)).getAsJsonObject();
        assertThat(connector.get("kafka_schema_registry_url").getAsString()).isEqualTo(authenticated());
        assertThat(bed.plan.describe() + String.join("\n", bed.reports)).doesNotContain(REGISTRY_KEY, REGISTRY_SECRET);
    }
}
