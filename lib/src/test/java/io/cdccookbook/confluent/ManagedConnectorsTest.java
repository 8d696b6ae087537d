package io.cdccookbook.confluent;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.cdccookbook.confluent.FakeConfluent.CONNECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** connect/v1: create once, wait until RUNNING, delete when there. */
class ManagedConnectorsTest {

    @RegisterExtension
    final FakeConfluent confluent = new FakeConfluent();

    private static final String CONNECTORS = "/connect/v1/environments/env-abc123/clusters/lkc-00000/connectors";
    private static final String VALIDATE = "/connect/v1/environments/env-abc123/clusters/lkc-00000/connector-plugins/"
            + "PostgresCdcSourceV2/config/validate";
    private final List<String> progress = new ArrayList<>();

    private ManagedConnectors connectors() {
        Environment env = new Environment("env-abc123", "default");
        return confluent.cloud(Plan.live()).connectors(env,
                new KafkaCluster("lkc-00000", "cdc-cluster", env.id(), confluent.url(), ""));
    }

    private static Map<String, String> config() {
        return ConfluentConnectorConfig.render(FakeConfluent.postgres(),
                new ApiKey(FakeConfluent.CLUSTER_KEY, FakeConfluent.CLUSTER_SECRET));
    }

    @Test
    void createsWithTheNameAtTopLevelAndInTheConfig() {
        confluent.replyWith(200, "connectors-none.json");
        confluent.replyWith(200, "validate-ok.json");
        confluent.replyWith(201, "connector-created.json");

        assertThat(connectors().create(config())).isEqualTo(Outcome.DONE);

        assertThat(confluent.requests()).containsExactly("GET " + CONNECTORS, "PUT " + VALIDATE, "POST " + CONNECTORS);
        JsonObject validated = JsonParser.parseString(confluent.body(1)).getAsJsonObject();
        assertThat(validated.keySet()).as("the flat config is validated").containsExactlyElementsOf(config().keySet());
        JsonObject body = JsonParser.parseString(confluent.body(2)).getAsJsonObject();
        assertThat(body.get("name").getAsString()).isEqualTo(CONNECTOR);
        assertThat(body.getAsJsonObject("config").get("name").getAsString()).isEqualTo(CONNECTOR);
        assertThat(body.getAsJsonObject("config").keySet()).containsExactlyElementsOf(config().keySet());
    }

    @Test
    void doesNotCreateAConnectorThatExists() {
        confluent.replyWith(200, "connectors-existing.json");

        assertThat(connectors().create(config())).isEqualTo(Outcome.ALREADY);
        assertThat(confluent.requests()).containsExactly("GET " + CONNECTORS);
    }

    @Test
    void aRejectedCreateIsSentOnceAndShowsConfluentsMessage() {
        confluent.replyWith(200, "connectors-none.json");
        confluent.replyWith(200, "validate-ok.json");
        confluent.replyWith(500, "error-connect-500-create.json");

        assertThatThrownBy(() -> connectors().create(config()))
                .hasMessage("Could not create connector '" + CONNECTOR + "': Confluent Cloud connect/v1 answered 500: "
                        + "Failed to find any class that implements Connector and which name matches "
                        + "io.confluent.connect.<connector-class>...")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("Confluent Cloud UI"));
        assertThat(confluent.requests()).as("a POST is not retried").hasSize(3);
        assertThat(confluent.waits).isEmpty();
    }

    @Test
    void aConflictOnCreateSaysToTryAgain() {
        confluent.replyWith(200, "connectors-none.json");
        confluent.replyWith(200, "validate-ok.json");
        confluent.replyWith(409, "error-connect-409.json");

        assertThatThrownBy(() -> connectors().create(config()))
                .hasMessageEndingWith("answered 409: Connector " + CONNECTOR + " already exists")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("run the command again"));
    }

    @Test
    void aBadRequestNamesTheField() {
        confluent.replyWith(200, "connectors-none.json");
        confluent.replyWith(200, "validate-ok.json");
        confluent.replyWith(400, "error-connect-400.json");

        assertThatThrownBy(() -> connectors().create(config()))
                .hasMessageEndingWith("answered 400: Validation error: database.hostname: Must be a resolvable host name");
    }

    @Test
    void aConfigThePluginRefusesIsNotCreatedAndEveryErrorIsNamed() {
        confluent.replyWith(200, "connectors-none.json");
        confluent.replyWith(200, "validate-errors.json");

        assertThatThrownBy(() -> connectors().create(config()))
                .hasMessage("Confluent Cloud's PostgresCdcSourceV2 refuses the connector config (2 errors): "
                        + "database.hostname: Must be a resolvable host name; "
                        + "database.dbname: Database postgres_cdc_demo does not exist on db.example.com")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("nothing was created"));
        assertThat(confluent.requests()).containsExactly("GET " + CONNECTORS, "PUT " + VALIDATE);
    }

    @Test
    void anErrorCountWithoutKeysStillStopsTheCreate() {
        confluent.replyWith(200, "connectors-none.json");
        confluent.reply(200, "{\"name\":\"PostgresCdcSourceV2\",\"groups\":[],\"error_count\":1,\"configs\":[]}");

        assertThatThrownBy(() -> connectors().create(config()))
                .hasMessageEndingWith("(1 error): 1 error with no key named");
    }

    @Test
    void waitsThroughProvisioningUntilRunning() {
        confluent.replyWith(200, "status-provisioning.json");
        confluent.replyWith(200, "status-provisioning.json");
        confluent.replyWith(200, "status-running.json");

        ConnectorStatus status = connectors().awaitRunning(CONNECTOR, Duration.ofMinutes(10), progress::add);

        assertThat(status.isRunning()).isTrue();
        assertThat(status.tasks()).containsExactly(new ConnectorStatus.Task(0, "RUNNING", ""));
        assertThat(confluent.waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(progress).containsExactly("Connector '" + CONNECTOR + "' is PROVISIONING (0 s)...",
                "Connector '" + CONNECTOR + "' is RUNNING.");
        assertThat(confluent.requests()).containsOnly("GET " + CONNECTORS + "/" + CONNECTOR + "/status");
    }

    @Test
    void givesUpOnAConnectorStuckInProvisioningAtTheTimeout() {
        for (int i = 0; i < 20; i++) {
            confluent.replyWith(200, "status-provisioning.json");
        }

        assertThatThrownBy(() -> connectors().awaitRunning(CONNECTOR, Duration.ofSeconds(30), progress::add))
                .hasMessage("Connector '" + CONNECTOR + "' is still PROVISIONING after 30 s.")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("does not create the connector twice"));
        assertThat(confluent.waits).isEqualTo(Collections.nCopies(6, Duration.ofSeconds(5)));
        assertThat(progress).hasSize(1);
    }

    @Test
    void reportsAWaitThatLastsOnceAMinute() {
        for (int i = 0; i < 30; i++) {
            confluent.replyWith(200, "status-provisioning.json");
        }

        assertThatThrownBy(() -> connectors().awaitRunning(CONNECTOR, Duration.ofSeconds(130), progress::add));
        assertThat(progress).containsExactly("Connector '" + CONNECTOR + "' is PROVISIONING (0 s)...",
                "Connector '" + CONNECTOR + "' is PROVISIONING (60 s)...",
                "Connector '" + CONNECTOR + "' is PROVISIONING (120 s)...");
    }

    @Test
    void aFailedConnectorShowsItsTraceOnOneLine() {
        confluent.replyWith(200, "status-provisioning.json");
        confluent.replyWith(200, "status-failed.json");

        assertThatThrownBy(() -> connectors().awaitRunning(CONNECTOR, Duration.ofMinutes(10), progress::add))
                // (the Redactor masks whatever follows "secret:", here a harmless word)
                .hasMessageStartingWith("Connector '" + CONNECTOR + "' FAILED: There were some errors with your configuration: | "
                        + "topics: Provided Kafka ApiKey is invalid | kafka.api.secret: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aDegradedConnectorShowsWhatItsTasksSay() {
        confluent.replyWith(200, "status-degraded.json");

        assertThatThrownBy(() -> connectors().awaitRunning(CONNECTOR, Duration.ofMinutes(10), progress::add))
                .hasMessage("Connector '" + CONNECTOR + "' is DEGRADED: task 0 FAILED: Connection to db.example.com:5432 "
                        + "refused. Check that the hostname and port are correct.");
    }

    @Test
    void deletesAConnectorThatIsThere() {
        confluent.replyWith(200, "connectors-existing.json");
        confluent.replyWith(200, "connector-deleted.json");

        assertThat(connectors().delete(CONNECTOR)).isEqualTo(Outcome.DONE);
        assertThat(confluent.requests()).containsExactly("GET " + CONNECTORS, "DELETE " + CONNECTORS + "/" + CONNECTOR);
    }

    @Test
    void aConnectorThatIsNotThereNeedsNoDelete() {
        confluent.replyWith(200, "connectors-none.json");

        assertThat(connectors().delete(CONNECTOR)).isEqualTo(Outcome.ALREADY);
        assertThat(confluent.requests()).containsExactly("GET " + CONNECTORS);
    }

    @Test
    void aConnectorDeletedMeanwhileCountsAsGone() {
        confluent.replyWith(200, "connectors-existing.json");
        confluent.replyWith(404, "error-connect-404.json");

        assertThat(connectors().delete(CONNECTOR)).isEqualTo(Outcome.ALREADY);
    }

    @Test
    void anUnauthorizedListSaysToUseTheCloudKey() {
        confluent.replyWith(401, "error-connect-401.json");

        assertThatThrownBy(() -> connectors().names())
                .hasMessage("Could not list the connectors: Confluent Cloud connect/v1 answered 401: Unauthorized")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("CONFLUENT_CLOUD_KEY"));
    }
}
