package io.cdccookbook.confluent;

import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Plan;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding the environment and the cluster by name, and how API failures read. */
class ConfluentCloudTest {

    @RegisterExtension
    final FakeConfluent confluent = new FakeConfluent();

    private final Environment env = new Environment("env-abc123", "default");

    @Test
    void followsEnvironmentPagesToTheNameAskedFor() {
        confluent.replyWith(200, "environments-page-1.json");
        confluent.replyWith(200, "environments-page-2.json");

        Environment found = confluent.cloud(Plan.live()).environment("default");

        assertThat(found).isEqualTo(new Environment("env-abc123", "default"));
        assertThat(confluent.requests()).containsExactly(
                "GET /org/v2/environments?page_size=100",
                "GET /org/v2/environments?page_size=100&page_token=UvmDWOB1iwfAIBPj6EYb");
    }

    @Test
    void followsClusterPagesAndReadsTheClusterEndpoints() {
        confluent.replyWith(200, "clusters-page-1.json");
        confluent.replyWith(200, "clusters-page-2.json");

        KafkaCluster cluster = confluent.cloud(Plan.live()).cluster(env, "cdc-cluster");

        assertThat(cluster).isEqualTo(new KafkaCluster("lkc-00000", "cdc-cluster", "env-abc123", confluent.url(),
                "pkc-12345.us-west-2.aws.confluent.cloud:9092"));
        assertThat(confluent.requests()).containsExactly(
                "GET /cmk/v2/clusters?environment=env-abc123&page_size=100",
                "GET /cmk/v2/clusters?environment=env-abc123&page_size=100&page_token=bcAOehAY8F16YD84Z1wT");
    }

    @Test
    void aNameThatIsNotThereListsTheNamesThatAre() {
        confluent.replyWith(200, "environments.json");
        confluent.replyWith(200, "clusters.json");
        ConfluentCloud cloud = confluent.cloud(Plan.live());

        assertThatThrownBy(() -> cloud.environment("prod")).isInstanceOf(CookbookException.class)
                .hasMessage("No environment named 'prod'; found: default, dev.")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).isEqualTo("Set CONFLUENT_ENV_NAME to one of them."));
        assertThatThrownBy(() -> cloud.cluster(env, "orders"))
                .hasMessage("No Kafka cluster named 'orders' in environment 'default' (env-abc123); found: analytics, cdc-cluster.")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("CONFLUENT_CLUSTER_NAME"));
    }

    @Test
    void aNameGivenTwiceIsAnErrorNotAGuess() {
        confluent.reply(200, confluent.fixture("environments.json").replace("\"dev\"", "\"default\""));

        assertThatThrownBy(() -> confluent.cloud(Plan.live()).environment("default"))
                .hasMessage("2 environments are named 'default' (env-abc123, env-def456).");
    }

    @Test
    void unauthorizedSaysWhichKeyToCheck() {
        confluent.replyWith(401, "error-jsonapi-401.json");

        assertThatThrownBy(() -> confluent.cloud(Plan.live()).environment("default"))
                .hasMessage("Could not list the environments: Confluent Cloud org/v2 answered 401: "
                        + "Authentication Required: Valid authentication credentials must be provided")
                .satisfies(e -> assertThat(((CookbookException) e).hint())
                        .contains("CONFLUENT_CLOUD_KEY", "Cloud API key", "not a Kafka cluster key"));
    }

    @Test
    void forbiddenSaysTheKeyLacksARole() {
        confluent.replyWith(403, "error-jsonapi-403.json");

        assertThatThrownBy(() -> confluent.cloud(Plan.live()).cluster(env, "cdc-cluster"))
                .hasMessageContaining("cmk/v2 answered 403: User Access Unauthorized: The user 'mcfly' is not allowed")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("role"));
    }

    @Test
    void rateLimitsAreWaitedOutAsTheServerAsks() {
        confluent.reply(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .addHeader("X-RateLimit-Reset", "30").build());
        confluent.replyWith(200, "environments.json");

        assertThat(confluent.cloud(Plan.live()).environment("dev").id()).isEqualTo("env-def456");
        assertThat(confluent.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(confluent.requests()).hasSize(2);
    }

    @Test
    void aRateLimitThatLastsBecomesAnErrorAfterTheRetries() {
        for (int i = 0; i < 5; i++) {
            confluent.reply(new MockResponse.Builder().code(429).addHeader("X-RateLimit-Reset", "2").build());
        }

        assertThatThrownBy(() -> confluent.cloud(Plan.live()).environments())
                .hasMessage("Could not list the environments: Confluent Cloud org/v2 answered 429.")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("wait a minute"));
        assertThat(confluent.waits).hasSize(4).containsOnly(Duration.ofSeconds(2));
    }

    @Test
    void aServerErrorShowsTheApisMessage() {
        for (int i = 0; i < 5; i++) {
            confluent.reply(500, "{\"error\":{\"code\":500,\"message\":\"Oops, something went wrong\"}}");
        }

        assertThatThrownBy(() -> confluent.cloud(Plan.live()).connectors(env,
                new KafkaCluster("lkc-00000", "cdc-cluster", env.id(), confluent.url(), "")).names())
                .hasMessage("Could not list the connectors: Confluent Cloud connect/v1 answered 500: Oops, something went wrong")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("Confluent Cloud UI"));
    }

    @Test
    void anUnreachableApiIsOneReadableLine() {
        ConfluentCloud cloud = new ConfluentCloud(new ApiKey(FakeConfluent.CLOUD_KEY, FakeConfluent.CLOUD_SECRET),
                new ApiKey("k", "s"), Plan.live(), new ConfluentCloud.Options("http://127.0.0.1:1", d -> { },
                confluent.clock, Duration.ofSeconds(5), Duration.ofSeconds(30)));

        assertThatThrownBy(cloud::environments).isInstanceOf(CookbookException.class)
                .hasMessageStartingWith("Could not list the environments: cannot reach 127.0.0.1 (");
    }
}
