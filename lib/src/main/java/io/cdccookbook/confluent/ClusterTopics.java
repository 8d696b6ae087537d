package io.cdccookbook.confluent;

import com.google.gson.JsonElement;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The topics of one Kafka cluster, through Kafka REST v3 on the cluster's own endpoint with the cluster's
 * API key (the Cloud key is refused there).
 */
public final class ClusterTopics {

    /** Kafka REST's code for "this server does not host this topic-partition". */
    private static final String UNKNOWN_TOPIC = "40403";

    private final ConfluentHttp http;
    private final ApiKey clusterKey;
    private final KafkaCluster cluster;

    ClusterTopics(ConfluentHttp http, ApiKey clusterKey, KafkaCluster cluster) {
        this.http = http;
        this.clusterKey = clusterKey;
        this.cluster = cluster;
    }

    /** Every topic's name; none in a dry run. Kafka REST lists them all on one page. */
    public List<String> names() {
        Optional<JsonElement> answer = http.call(ConfluentApi.KAFKA_REST, clusterKey, "GET", topics(),
                null, "list the topics of Kafka cluster '" + cluster.name() + "'");
        List<String> names = new ArrayList<>();
        answer.filter(JsonElement::isJsonObject).ifPresent(body -> {
            for (JsonElement topic : Json.array(body.getAsJsonObject(), "data")) {
                if (topic.isJsonObject()) {
                    names.add(Json.text(topic.getAsJsonObject(), "topic_name"));
                }
            }
        });
        return names;
    }

    /**
     * Deletes a topic; one that is not there is fine. Only Kafka REST's 40403 means that: a 404 with
     * another code says the cluster or the endpoint is wrong, which is an error.
     */
    public Outcome delete(String topic) {
        String what = "delete topic '" + topic + "'";
        Optional<ConfluentHttp.Answer> answer = http.exchange(ConfluentApi.KAFKA_REST, clusterKey, "DELETE",
                topics().then(topic), null, what);
        if (answer.isEmpty()) {
            return Outcome.PLANNED;
        }
        ConfluentHttp.Answer a = answer.get();
        if (a.ok()) {
            return Outcome.DONE;
        }
        if (a.status() == 404 && UNKNOWN_TOPIC.equals(ConfluentError.parse(a.body()).code())) {
            return Outcome.ALREADY;
        }
        throw ConfluentError.exception(ConfluentApi.KAFKA_REST, what, a.status(), a.body());
    }

    private Route topics() {
        if (cluster.restEndpoint().isEmpty()) {
            throw new CookbookException("Kafka cluster '" + cluster.name() + "' (" + cluster.id()
                    + ") has no public REST endpoint.",
                    "The cookbook reaches topics through Kafka REST over the internet: manage this cluster's topics "
                            + "in the Confluent Cloud UI instead.");
        }
        return Route.of(cluster.restEndpoint(), "kafka", "v3", "clusters", cluster.id(), "topics");
    }
}
