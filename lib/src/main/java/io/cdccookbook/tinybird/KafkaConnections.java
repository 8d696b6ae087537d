package io.cdccookbook.tinybird;

import com.google.gson.JsonObject;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Json;
import io.cdccookbook.cloud.Plan;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Kafka connections through /v0/connectors, Tinybird's API behind the UI's "connections" (undocumented,
 * as the original noted; its shape is taken from Tinybird's own demo and server code). Finding one and
 * checking it with its topic preview works on both kinds of workspace; creating and deleting is for
 * Classic, where a connection is not a datafile.
 */
final class KafkaConnections {

    /** A connection and whether its preview worked. */
    record Health(boolean works, int topics, List<String> topicNames, String problem) {
    }

    private final TinybirdApi api;
    private final Consumer<String> report;

    KafkaConnections(TinybirdApi api, Consumer<String> report) {
        this.api = api;
        this.report = report;
    }

    /** The Kafka connection named {@code name}, if there is one; two of the same name are an error. */
    Optional<JsonObject> find(String name) {
        return find(name, Json.objects(api.getJson("/v0/connectors", "find the Kafka connection " + name), "connectors"));
    }

    static Optional<JsonObject> find(String name, List<JsonObject> connectors) {
        List<JsonObject> named = connectors.stream()
                .filter(c -> name.equals(Json.string(c, "name")))
                .filter(c -> Json.string(c, "service") == null || "kafka".equals(Json.string(c, "service")))
                .toList();
        if (named.size() > 1) {
            // names were not unique in older Tinybird versions (the original checked too)
            throw new CookbookException("The workspace has " + named.size() + " Kafka connections named " + name + ".",
                    "Delete the extra ones in the Tinybird UI, or set TINYBIRD_CONFLUENT_CONNECTION_NAME to another name.");
        }
        return named.stream().findFirst();
    }

    /**
     * Lists the cluster's topics through the connection ({@code preview_activity=false}): the check the
     * original made. A bad token still fails as an error; any other failure is the connection's.
     */
    Health preview(String id) {
        TinybirdApi.Answer answer = api.get("/v0/connectors/" + id + "/preview?preview_activity=false",
                "check the connection: list the cluster's topics through it");
        if (answer.planned()) {
            return new Health(true, 0, List.of(), null);
        }
        if (answer.status() == 401 || answer.status() == 403) {
            throw TinybirdErrors.of("GET", "/v0/connectors/" + id + "/preview", answer.status(), answer.body());
        }
        if (!answer.ok()) {
            return new Health(false, 0, List.of(), answer.status() + " " + TinybirdErrors.detail(answer.body()));
        }
        List<String> topics = Json.objects(answer.json(), "preview").stream()
                .map(p -> Json.string(p, "topic")).filter(t -> t != null).toList();
        return new Health(true, topics.size(), topics, null);
    }

    /**
     * Classic: makes sure the connection exists, has the configured credentials and works. A missing one is
     * created; one whose credentials differ (rotated keys) is updated in place; one whose preview still
     * fails is deleted and created again, as the original did, but only when no data source uses it:
     * deleting a connection unlinks its data sources, which may belong to other pipelines.
     */
    void ensure(String name, Supplier<KafkaCredentials> credentials, SecretFingerprints fingerprints) {
        Optional<JsonObject> existing = find(name);
        if (existing.isPresent()) {
            String id = Json.string(existing.get(), "id");
            KafkaCredentials wanted = credentials.get();
            List<String> differ = differences(existing.get(), wanted, fingerprints);
            if (!differ.isEmpty()) {
                update(id, name, wanted);
            }
            Health health = preview(id);
            if (health.works()) {
                if (!api.isDryRun()) {
                    remember(fingerprints, name, wanted);
                }
                report.accept("Kafka connection " + name + (differ.isEmpty() ? ": there, and it lists " + health.topics() + " topics."
                        : ": updated its " + String.join(", ", differ) + " (they differed from the settings, or were not known to);"
                        + (api.isDryRun() ? "" : " with them it lists " + health.topics() + " topics.")));
                return;
            }
            report.accept("Kafka connection " + name + ": there, but its preview fails (" + health.problem()
                    + "); deleting it to create it again.");
            delete(existing.get());
        }
        String id = create(name, credentials.get());
        Health health = preview(id);
        if (!health.works()) {
            throw new CookbookException("The new Kafka connection " + name + " cannot list the cluster's topics: "
                    + health.problem(), "Check CONFLUENT_BOOTSTRAP_SERVERS, CONFLUENT_UNAME and CONFLUENT_SECRET"
                    + " (a Kafka API key of that cluster, not a Cloud API key).");
        }
        if (!api.isDryRun()) {
            remember(fingerprints, name, credentials.get());
        }
        report.accept("Kafka connection " + name + ": created" + (api.isDryRun() ? "" : "; it lists " + health.topics() + " topics") + ".");
    }

    /**
     * Which credentials of an existing connection differ from the settings. Tinybird shows the bootstrap
     * servers and the key (the SASL user name) as they are, so those are compared; the password it shows as
     * "******" (clean_data_connector in Tinybird's server, views/api_data_connectors.py), so that one is
     * compared with what the cookbook last set, and counts as different when that is not known.
     */
    private static List<String> differences(JsonObject connector, KafkaCredentials wanted, SecretFingerprints fingerprints) {
        JsonObject settings = Json.object(connector, "settings");
        List<String> differ = new java.util.ArrayList<>();
        if (!wanted.bootstrapServers().equals(Json.string(settings, "kafka_bootstrap_servers"))) {
            differ.add("bootstrap servers");
        }
        if (!wanted.key().equals(Json.string(settings, "kafka_sasl_plain_username"))) {
            differ.add("key");
        }
        if (!fingerprints.matches(passwordEntry(Json.string(connector, "name")), wanted.secret(), null)) {
            differ.add("secret");
        }
        // the registry URL carries the registry's key and secret, so it is compared like the password
        if (!wanted.schemaRegistryUrl().isEmpty()
                && !fingerprints.matches(registryEntry(Json.string(connector, "name")), wanted.schemaRegistryUrl(), null)) {
            differ.add("schema registry");
        }
        return differ;
    }

    private static String passwordEntry(String connection) {
        return "classic connection " + connection + " kafka_sasl_plain_password";
    }

    private static String registryEntry(String connection) {
        return "classic connection " + connection + " kafka_schema_registry_url";
    }

    /** What the cookbook set, remembered once the connection works with it. */
    private static void remember(SecretFingerprints fingerprints, String name, KafkaCredentials credentials) {
        fingerprints.record(passwordEntry(name), credentials.secret(), null);
        if (!credentials.schemaRegistryUrl().isEmpty()) {
            fingerprints.record(registryEntry(name), credentials.schemaRegistryUrl(), null);
        }
    }

    /**
     * Classic's update of a connection: {@code PUT /v0/connectors/{id}} takes settings like the create call
     * (form or JSON) and publishes the connector again (APIDataConnectorHandler.put in Tinybird's server,
     * views/api_data_connectors.py). Whether it merges or replaces the settings is not documented, so every
     * Kafka setting the create call sends is sent again.
     */
    private void update(String id, String name, KafkaCredentials credentials) {
        JsonObject body = kafkaSettings(credentials);
        api.putJson("/v0/connectors/" + id, body, "update the Kafka connection " + name + "'s credentials");
    }

    private static JsonObject kafkaSettings(KafkaCredentials credentials) {
        JsonObject body = new JsonObject();
        body.addProperty("kafka_bootstrap_servers", credentials.bootstrapServers());
        body.addProperty("kafka_security_protocol", "SASL_SSL");
        body.addProperty("kafka_sasl_mechanism", "PLAIN");
        body.addProperty("kafka_sasl_plain_username", credentials.key());
        body.addProperty("kafka_sasl_plain_password", credentials.secret());
        if (!credentials.schemaRegistryUrl().isEmpty()) {
            body.addProperty("kafka_schema_registry_url", credentials.schemaRegistryUrl());
        }
        return body;
    }

    private String create(String name, KafkaCredentials credentials) {
        JsonObject body = new JsonObject();
        body.addProperty("service", "kafka");
        body.addProperty("name", name);
        kafkaSettings(credentials).entrySet().forEach(e -> body.add(e.getKey(), e.getValue()));
        JsonObject created = api.postJson("/v0/connectors", body, "create the Kafka connection " + name);
        String id = Json.string(created, "id");
        return id != null ? id : Plan.placeholder("id of connection '" + name + "'");
    }

    /** Deletes a connection no data source uses; refuses, naming them, when some do. */
    void delete(JsonObject connector) {
        String name = Json.string(connector, "name");
        List<String> linked = Json.objects(connector, "linkers").stream()
                .map(l -> Json.string(l, "name") != null ? Json.string(l, "name") : String.valueOf(Json.string(l, "id")))
                .toList();
        if (!linked.isEmpty()) {
            throw new CookbookException("The Kafka connection " + name + " is used by " + String.join(", ", linked)
                    + ", which deleting it would unlink.", "Remove those data sources first (remove-pipeline for the"
                    + " other source database), or fix the connection's credentials in the Tinybird UI.");
        }
        api.delete("/v0/connectors/" + Json.string(connector, "id"), "delete the Kafka connection " + name);
    }
}
