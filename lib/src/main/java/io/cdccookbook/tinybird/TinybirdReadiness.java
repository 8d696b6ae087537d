package io.cdccookbook.tinybird;

import com.google.gson.JsonObject;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Json;
import io.cdccookbook.config.Settings;
import io.cdccookbook.source.ReadinessCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * test-connection's Tinybird rows: the token is the workspace admin token, the workspace's kind, and the
 * Kafka connection is there and can list the cluster's topics. Problems become FAIL rows with a hint.
 */
final class TinybirdReadiness {

    private TinybirdReadiness() {
    }

    /**
     * @param project built on demand: it needs the connection's name, whose absence is itself a row
     * @param topic   the pipeline's topic, mentioned when the connection lists it
     */
    static List<ReadinessCheck> check(Settings settings, TinybirdApi api, Supplier<TinybirdProject> project, String topic) {
        List<ReadinessCheck> rows = new ArrayList<>();
        if (api.isDryRun()) {
            rows.add(ReadinessCheck.fail("Tinybird", "not checked in a dry run", "Run without --dry-run."));
            return rows;
        }
        String token = "Tinybird token";
        TinybirdApi.Answer connectors;
        try {
            // /v0/connectors is for the admin token only, and its answer serves the connection row too
            connectors = api.get("/v0/connectors", "is the token the workspace admin token?");
        } catch (CookbookException e) {
            rows.add(ReadinessCheck.fail(token, e.getMessage(), e.hint()));
            return rows;
        }
        if (!connectors.ok()) {
            CookbookException e = TinybirdErrors.of("GET", "/v0/connectors", connectors.status(), connectors.body());
            String detail = switch (connectors.status()) {
                case 401 -> "not accepted by " + api.baseUrl();
                case 403 -> "accepted, but it is not the workspace admin token";
                default -> e.getMessage();
            };
            rows.add(ReadinessCheck.fail(token, detail, e.hint()));
            return rows;
        }
        rows.add(ReadinessCheck.pass(token, "the workspace admin token, at " + api.baseUrl()));

        try {
            WorkspaceKind.Choice kind = WorkspaceKind.choose(settings, api);
            rows.add(ReadinessCheck.pass("Tinybird workspace", kind.kind().name().toLowerCase() + " (" + kind.reason() + ")"));
        } catch (CookbookException e) {
            rows.add(ReadinessCheck.fail("Tinybird workspace", e.getMessage(), e.hint()));
        }

        rows.add(connection(api, project, topic, Json.objects(connectors.json(), "connectors")));
        return rows;
    }

    private static ReadinessCheck connection(TinybirdApi api, Supplier<TinybirdProject> project, String topic,
                                             List<JsonObject> connectors) {
        String row = "Tinybird Kafka connection";
        try {
            String name = project.get().connectionName();
            row += " " + name;
            Optional<JsonObject> found = KafkaConnections.find(name, connectors);
            if (found.isEmpty()) {
                return ReadinessCheck.fail(row, "not in the workspace",
                        "create-pipeline --target tinybird creates it; --tb-connect-kafka creates only the connection.");
            }
            KafkaConnections.Health health = new KafkaConnections(api, s -> { }).preview(Json.string(found.get(), "id"));
            if (!health.works()) {
                return ReadinessCheck.fail(row, "cannot list the cluster's topics: " + health.problem(),
                        "Check CONFLUENT_BOOTSTRAP_SERVERS, CONFLUENT_UNAME and CONFLUENT_SECRET; on Classic,"
                                + " --tb-connect-kafka deletes and recreates a connection that no data source uses.");
            }
            return ReadinessCheck.pass(row, "lists " + health.topics() + " topics, "
                    + (health.topicNames().contains(topic) ? "including " + topic
                    : "not yet " + topic + " (the Confluent connector creates it)"));
        } catch (CookbookException e) {
            return ReadinessCheck.fail(row, e.getMessage(), e.hint());
        }
    }
}
