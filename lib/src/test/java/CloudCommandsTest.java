import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.CommandRun;
import io.cdccookbook.testing.TestDatabases;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands with --target tinybird, as a user runs them. Confluent Cloud and Tinybird are a local HTTP
 * server answering with payloads from their documentation; the database is the test run's embedded one.
 */
class CloudCommandsTest {

    static final String CLOUD_SECRET = "cloud-secret-never-printed-77";
    static final String KAFKA_SECRET = "kafka-secret-never-printed-88";
    static final String TINYBIRD_TOKEN = "p.tinybird-token-never-printed-99";

    @TempDir
    Path dir;
    MockWebServer cloud = new MockWebServer();
    List<String> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        cloud.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getTarget();
                requests.add(request.getMethod() + " " + path);
                String body = switch (path.replaceAll("\\?.*", "")) {
                    case "/org/v2/environments" -> fixture("confluent/environments.json");
                    case "/cmk/v2/clusters" -> fixture("confluent/clusters.json").replace("{{SERVER}}",
                            cloud.url("/").toString().replaceAll("/$", ""));
                    case "/kafka/v3/clusters/lkc-00000/topics" -> fixture("confluent/topics.json");
                    case "/v0/connectors" -> fixture("tinybird/connectors_ours.json");
                    case "/v1/deployments" -> fixture("tinybird/deployments_live_4.json");
                    case "/v0/connectors/4a0c3a6e-7b7e-4a56-9d6c-0f3c1a2b3c4d/preview" -> fixture("tinybird/preview_topics.json");
                    default -> null;
                };
                return body == null ? new MockResponse.Builder().code(404).body("{\"error\": \"not found: " + path + "\"}").build()
                        : new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
            }
        });
        cloud.start();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private static String fixture(String name) {
        try (var in = CloudCommandsTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name, e);
        }
    }

    private CommandRun run(Object command, String... args) throws IOException {
        Path config = Files.writeString(dir.resolve("cdc.properties"), String.join("\n",
                "CDC_STATE_DIR=" + TestDatabases.stateDir(),
                "CONFLUENT_API_URL=" + cloud.url("/"),
                "CONFLUENT_CLOUD_KEY=CLOUDKEY42",
                "CONFLUENT_CLOUD_SECRET=" + CLOUD_SECRET,
                "CONFLUENT_ENV_NAME=default",
                "CONFLUENT_CLUSTER_NAME=cdc-cluster",
                "CONFLUENT_BOOTSTRAP_SERVERS=pkc-12345.us-west-2.aws.confluent.cloud:9092",
                "CONFLUENT_UNAME=KAFKAKEY42",
                "CONFLUENT_SECRET=" + KAFKA_SECRET,
                "TINYBIRD_API_URI=" + cloud.url("/"),
                "TINYBIRD_API_KEY=" + TINYBIRD_TOKEN,
                "TINYBIRD_CONFLUENT_CONNECTION_NAME=cluster_eu",
                "PG_DATABASE=" + TestDatabases.TEST_DATABASE, ""));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return CommandRun.of(command, all.toArray(String[]::new));
    }

    private static void assertNoSecrets(CommandRun run) {
        assertThat(run.all()).doesNotContain(CLOUD_SECRET, KAFKA_SECRET, TINYBIRD_TOKEN, "CLOUDKEY42", "KAFKAKEY42");
    }

    @Test
    void theTargetIsTinybirdWhenATokenIsConfiguredAndADryRunSendsNothing() throws IOException {
        CommandRun run = run(new CreatePipeline(), "--dry-run", "--set", "PG_HOST_URL=db.example.com");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.err()).contains("Target: tinybird (TINYBIRD_API_KEY is set).");
        assertThat(run.out()).contains("Plan of requests (dry run: nothing was sent, nothing changed):",
                "POST " + cloud.url("/").toString().replaceAll("/$", "") + "/connect/v1/environments/",
                "\"connector.class\": \"PostgresCdcSourceV2\"", "\"database.hostname\": \"db.example.com\"",
                "/v1/deploy", "KAFKA_TOPIC cdc_cookbook_test.public.users", "KAFKA_AUTO_OFFSET_RESET earliest");
        assertThat(requests).as("a dry run sends nothing").isEmpty();
        assertNoSecrets(run);

        CommandRun remove = run(new RemovePipeline(), "--dry-run", "--include-connection", "--set", "PG_HOST_URL=db.example.com");
        assertThat(remove.exit()).as(remove.all()).isZero();
        assertThat(remove.out()).contains("DELETE ", "/connectors/PostgresDbzmConnector_0", "/topics/cdc_cookbook_test.public.users",
                "Would drop replication slot confluent_cdc_cdc_cookbook_test_users");
        assertThat(requests).isEmpty();
        assertNoSecrets(remove);
    }

    @Test
    void theOriginalsTinybirdSwitchesPlanTheTinybirdPartOnly() throws IOException {
        CommandRun connect = run(new CreatePipeline(), "--dry-run", "--tb-connect-kafka", "--set", "PG_HOST_URL=db.example.com");
        assertThat(connect.exit()).as(connect.all()).isZero();
        assertThat(connect.all()).contains("Kafka connection cluster_eu: created.", "connections/cluster_eu.connection")
                .doesNotContain("/connect/v1/", "pg_users_raw", "Would create table");

        CommandRun clean = run(new RemovePipeline(), "--dry-run", "--tb-clean", "--set", "PG_HOST_URL=db.example.com");
        assertThat(clean.exit()).as(clean.all()).isZero();
        assertThat(clean.all()).contains("pg_users_api: removed.", "pg_users_raw: removed.")
                .doesNotContain("Kafka connection cluster_eu: removed.", "/connect/v1/", "/kafka/v3/", "replication slot");

        CommandRun withConnection = run(new RemovePipeline(), "--dry-run", "--tb-clean", "--tb-include-connector",
                "--set", "PG_HOST_URL=db.example.com");
        assertThat(withConnection.exit()).as(withConnection.all()).isZero();
        assertThat(withConnection.all()).contains("pg_users_raw: removed.", "Kafka connection cluster_eu: removed.")
                .doesNotContain("/connect/v1/");
        assertThat(requests).as("a dry run sends nothing").isEmpty();
        List.of(connect, clean, withConnection).forEach(CloudCommandsTest::assertNoSecrets);
    }

    @Test
    void aDatabaseOnThisMachineIsRefusedBeforeAnythingIsCreated() throws IOException {
        CommandRun run = run(new CreatePipeline(), "--set", "PG_HOST_URL=127.0.0.1");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: Confluent Cloud cannot reach a database on this machine (PG_HOST_URL=127.0.0.1).",
                "--target local");
        assertThat(requests).as("nothing was created").isEmpty();
    }

    @Test
    void testConnectionChecksTheDatabaseConfluentCloudAndTinybird() throws IOException {
        var embedded = TestDatabases.embedded(SourceDb.PG).settings();
        CommandRun run = run(new TestConnection(), "--set", "PG_HOST_URL=127.0.0.1", "--set", "PG_PORT=" + embedded.port(),
                "--set", "PG_PASSWORD=" + embedded.password());

        assertThat(run.out()).contains("PostgreSQL source database", "wal_level", "Confluent Cloud and Tinybird",
                "Cloud API key", "environment default", "env-abc123", "Kafka cluster cdc-cluster", "lkc-00000",
                "Kafka REST with the cluster key", "the workspace admin token");
        assertThat(run.out()).as("an embedded database is on this machine, which Confluent cannot reach")
                .containsPattern("database reachable from Confluent Cloud\\s*\\|\\s*FAIL");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).as("the reason names what the user did").contains("(the tinybird target uses PG_HOST_URL, from --set)")
                .doesNotContain("--db-provider external");
        assertThat(requests).contains("GET /org/v2/environments?page_size=100", "GET /v0/connectors")
                .anyMatch(r -> r.startsWith("GET /cmk/v2/clusters?environment=env-abc123"))
                .anyMatch(r -> r.startsWith("GET /kafka/v3/clusters/lkc-00000/topics"));
        assertNoSecrets(run);
    }
}
