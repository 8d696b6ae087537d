package io.cdccookbook.confluent;

import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Plan;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.cdccookbook.confluent.FakeConfluent.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kafka REST v3 on the cluster's endpoint, with the cluster key. */
class ClusterTopicsTest {

    @RegisterExtension
    final FakeConfluent confluent = new FakeConfluent();

    private static final String TOPICS = "/kafka/v3/clusters/lkc-00000/topics";

    private ClusterTopics topics() {
        return confluent.cloud(Plan.live()).topics(new KafkaCluster("lkc-00000", "cdc-cluster", "env-abc123",
                confluent.url(), ""));
    }

    @Test
    void listsTopicNames() {
        confluent.replyWith(200, "topics.json");

        assertThat(topics().names()).containsExactly(TOPIC, "orders");
        assertThat(confluent.requests()).containsExactly("GET " + TOPICS);
    }

    @Test
    void deletesATopic() {
        confluent.reply(new MockResponse.Builder().code(204).build());

        assertThat(topics().delete(TOPIC)).isEqualTo(Outcome.DONE);
        assertThat(confluent.requests()).containsExactly("DELETE " + TOPICS + "/" + TOPIC);
    }

    @Test
    void anUnknownTopicIsAlreadyGone() {
        confluent.replyWith(404, "error-kafka-40403.json");

        assertThat(topics().delete(TOPIC)).isEqualTo(Outcome.ALREADY);
    }

    @Test
    void anUnknownClusterIsAnErrorNotAMissingTopic() {
        confluent.replyWith(404, "error-kafka-404-cluster.json");

        assertThatThrownBy(() -> topics().delete(TOPIC))
                .hasMessage("Could not delete topic '" + TOPIC + "': Confluent Cloud Kafka REST v3 answered 404: "
                        + "Cluster lkc-00000 cannot be found.");
    }

    @Test
    void theCloudKeyIsNotTheClusterKey() {
        confluent.replyWith(401, "error-kafka-40101.json");

        assertThatThrownBy(() -> topics().names())
                .hasMessageEndingWith("Kafka REST v3 answered 401: Authentication failed")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("CONFLUENT_UNAME", "this Kafka cluster"));
    }

    @Test
    void theRateLimitersHtmlPageReadsAsOneLine() {
        for (int i = 0; i < 5; i++) {
            confluent.reply(new MockResponse.Builder().code(429).addHeader("Content-Type", "text/html")
                    .body(confluent.fixture("kafka-429.html")).build());
        }

        assertThatThrownBy(() -> topics().names())
                .hasMessageEndingWith("Kafka REST v3 answered 429: Error 429 Too Many Requests");
        assertThat(confluent.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8));
    }

    @Test
    void aClusterWithoutAPublicRestEndpointSaysSo() {
        ClusterTopics topics = confluent.cloud(Plan.live()).topics(new KafkaCluster("lkc-2", "private", "env-abc123", "", ""));

        assertThatThrownBy(() -> topics.delete(TOPIC)).hasMessage("Kafka cluster 'private' (lkc-2) has no public REST endpoint.");
        assertThat(confluent.requests()).isEmpty();
    }
}
