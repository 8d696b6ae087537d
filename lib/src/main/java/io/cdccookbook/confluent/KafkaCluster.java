package io.cdccookbook.confluent;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdccookbook.cloud.Json;

import java.util.Map;

/**
 * A Kafka cluster in Confluent Cloud, as cmk/v2 describes it.
 *
 * @param id               lkc-...
 * @param name             its display name
 * @param environmentId    env-...
 * @param restEndpoint     where its Kafka REST API answers (https://pkc-...:443), or "" when it has no public one
 * @param bootstrapServers host:port for Kafka clients, without the SASL_SSL:// some tools put before it
 */
public record KafkaCluster(String id, String name, String environmentId, String restEndpoint, String bootstrapServers) {

    private static final String SASL_SSL = "SASL_SSL://";

    /**
     * Reads one item of a cmk/v2 cluster list. The endpoints come from the {@code spec.endpoints} entry
     * whose connection type is PUBLIC (the cookbook calls from the internet); the older flat
     * {@code spec.http_endpoint} and {@code spec.kafka_bootstrap_endpoint} are deprecated but are all that
     * some clusters have, so they are the fallback.
     */
    static KafkaCluster fromJson(JsonObject item) {
        JsonObject spec = Json.object(item, "spec");
        JsonObject publicEndpoints = publicEndpoints(Json.object(spec, "endpoints"));
        String rest = Json.text(publicEndpoints, "http_endpoint");
        String bootstrap = Json.text(publicEndpoints, "kafka_bootstrap_endpoint");
        if (rest.isEmpty()) {
            rest = Json.text(spec, "http_endpoint");
        }
        if (bootstrap.isEmpty()) {
            bootstrap = Json.text(spec, "kafka_bootstrap_endpoint");
        }
        if (bootstrap.regionMatches(true, 0, SASL_SSL, 0, SASL_SSL.length())) {
            bootstrap = bootstrap.substring(SASL_SSL.length());
        }
        String environmentId = Json.text(Json.object(spec, "environment"), "id");
        return new KafkaCluster(Json.text(item, "id"), Json.text(spec, "display_name"), environmentId, rest, bootstrap);
    }

    private static JsonObject publicEndpoints(JsonObject endpoints) {
        for (Map.Entry<String, JsonElement> e : endpoints.entrySet()) {
            if (e.getValue().isJsonObject()
                    && "PUBLIC".equals(Json.text(e.getValue().getAsJsonObject(), "connection_type"))) {
                return e.getValue().getAsJsonObject();
            }
        }
        return new JsonObject();
    }
}
