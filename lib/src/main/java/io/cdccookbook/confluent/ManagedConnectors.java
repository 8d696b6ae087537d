package io.cdccookbook.confluent;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The managed connectors of one Kafka cluster, through connect/v1 with the Cloud API key. */
public final class ManagedConnectors {

    private static final Gson GSON = new Gson();
    // a failed connector's trace can be a whole stack trace; the start says what went wrong
    private static final int LONGEST_TRACE = 600;
    private static final Duration REPORT_EVERY = Duration.ofMinutes(1);

    private final ConfluentHttp http;
    private final ApiKey cloudKey;
    private final Route connectors;
    private final Route plugins;
    private final ConfluentCloud.Options options;

    /** @param cluster connect/v1's route to the cluster: its connectors and connector plugins are below it */
    ManagedConnectors(ConfluentHttp http, ApiKey cloudKey, Route cluster, ConfluentCloud.Options options) {
        this.http = http;
        this.cloudKey = cloudKey;
        this.connectors = cluster.then("connectors");
        this.plugins = cluster.then("connector-plugins");
        this.options = options;
    }

    /** The names of the cluster's connectors; none in a dry run. connect/v1 lists them all at once. */
    public List<String> names() {
        return names("list the connectors");
    }

    private List<String> names(String what) {
        List<String> names = new ArrayList<>();
        http.call(ConfluentApi.CONNECT, cloudKey, "GET", connectors, null, what)
                .filter(JsonElement::isJsonArray)
                .ifPresent(list -> list.getAsJsonArray().forEach(n -> names.add(n.getAsString())));
        return names;
    }

    /** The connector's state and, when it failed, why. */
    public ConnectorStatus status(String name) {
        return status(name, "read the status of connector '" + name + "'").orElseGet(() -> planned(name));
    }

    /** What a dry run says instead of a status: it cannot know. */
    private static ConnectorStatus planned(String name) {
        return new ConnectorStatus(name, Plan.placeholder("state of connector '" + name + "'"), "", List.of());
    }

    private Optional<ConnectorStatus> status(String name, String what) {
        return http.call(ConfluentApi.CONNECT, cloudKey, "GET", connectors.then(name, "status"), null, what)
                .filter(JsonElement::isJsonObject)
                .map(json -> ConnectorStatus.fromJson(json.getAsJsonObject()));
    }

    /**
     * Creates the connector unless one of that name exists. The name is checked first because connect/v1
     * documents no answer for a duplicate name (a 409 is likely but not promised). Before creating, the
     * plugin validates the config, so a key it does not know or a value it refuses is reported, every one
     * of them, before anything exists.
     *
     * @param config the flat config; its "name" names the connector, its "connector.class" the plugin
     */
    public Outcome create(Map<String, String> config) {
        String name = config.get("name");
        if (names("list the connectors, to create '" + name + "' only if it is not there").contains(name)) {
            return Outcome.ALREADY;
        }
        validate(config);
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        body.add("config", GSON.toJsonTree(config));
        return http.call(ConfluentApi.CONNECT, cloudKey, "POST", connectors, GSON.toJson(body),
                "create connector '" + name + "'").isPresent() ? Outcome.DONE : Outcome.PLANNED;
    }

    /**
     * The connector's config as Confluent keeps it (connect/v1 GET .../config; secrets come back masked);
     * empty in a dry run.
     */
    public Optional<Map<String, String>> config(String name) {
        return http.call(ConfluentApi.CONNECT, cloudKey, "GET", connectors.then(name, "config"), null,
                        "read back the config of connector '" + name + "'")
                .filter(JsonElement::isJsonObject)
                .map(json -> {
                    Map<String, String> config = new LinkedHashMap<>();
                    json.getAsJsonObject().entrySet().forEach(e -> config.put(e.getKey(),
                            e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString()));
                    return config;
                });
    }

    /**
     * Asks the connector plugin to check the config (connect/v1 config/validate). It answers 200 with an
     * error list per key; any error stops the create with all of them on one line.
     */
    void validate(Map<String, String> config) {
        String plugin = config.get("connector.class");
        http.call(ConfluentApi.CONNECT, cloudKey, "PUT", plugins.then(plugin, "config", "validate"), GSON.toJson(config),
                        "validate the config of connector '" + config.get("name") + "' with plugin " + plugin)
                .filter(JsonElement::isJsonObject)
                .map(JsonElement::getAsJsonObject)
                .ifPresent(answer -> {
                    List<String> errors = ConfigErrors.of(answer);
                    if (!errors.isEmpty()) {
                        throw new CookbookException("Confluent Cloud's " + plugin + " refuses the connector config ("
                                + errors.size() + (errors.size() == 1 ? " error" : " errors") + "): "
                                + String.join("; ", errors), "Fix the settings behind these keys (cdc.properties), "
                                + "then run create-pipeline again; nothing was created.");
                    }
                });
    }

    /**
     * Polls the connector's status until it runs. NONE and PROVISIONING mean it is still being set up;
     * any other state, or the timeout, is an error that says why.
     *
     * @param progress told when the state changes, and once a minute while it does not
     */
    public ConnectorStatus awaitRunning(String name, Duration timeout, Consumer<String> progress) {
        String what = "wait until connector '" + name + "' runs";
        Instant start = options.clock().instant();
        Instant deadline = start.plus(timeout);
        String reportedState = null;
        Instant reportedAt = start;
        while (true) {
            Optional<ConnectorStatus> read = status(name, what);
            if (read.isEmpty()) {
                return planned(name); // a dry run: nothing to wait for
            }
            ConnectorStatus status = read.get();
            if (status.isRunning()) {
                progress.accept("Connector '" + name + "' is RUNNING.");
                return status;
            }
            if (!status.isPending()) {
                throw notRunning(status);
            }
            Instant now = options.clock().instant();
            long seconds = Duration.between(start, now).toSeconds();
            if (!now.isBefore(deadline)) {
                throw new CookbookException("Connector '" + name + "' is still " + status.state() + " after "
                        + seconds + " s.", "Provisioning sometimes takes longer: run the command again to keep waiting "
                        + "(it does not create the connector twice), or look at the connector in the Confluent Cloud UI.");
            }
            if (!status.state().equals(reportedState) || !now.isBefore(reportedAt.plus(REPORT_EVERY))) {
                progress.accept("Connector '" + name + "' is " + status.state() + " (" + seconds + " s)...");
                reportedState = status.state();
                reportedAt = now;
            }
            pause();
        }
    }

    private CookbookException notRunning(ConnectorStatus status) {
        String name = "Connector '" + status.name() + "'";
        return switch (status.state()) {
            case "FAILED" -> new CookbookException(name + " FAILED: " + oneLine(status.trace()),
                    "Fix what the trace says (often: Confluent Cloud cannot reach or log in to the database), "
                            + "then remove the pipeline and create it again.");
            case "DEGRADED" -> new CookbookException(name + " is DEGRADED: "
                    + (status.taskMessages().isEmpty() ? "its tasks do not say why." : oneLine(status.taskMessages())),
                    "Look at the failed task in the Confluent Cloud UI; once it is fixed, remove the pipeline and "
                            + "create it again.");
            case "PAUSED" -> new CookbookException(name + " is PAUSED.",
                    "Resume it in the Confluent Cloud UI, or remove the pipeline and create it again.");
            default -> new CookbookException(name + " is " + status.state() + ".",
                    "Look at the connector in the Confluent Cloud UI.");
        };
    }

    private static String oneLine(String text) {
        String line = text.isEmpty() ? "no trace given." : text.replaceAll("\\s*\\R\\s*", " | ");
        return line.length() <= LONGEST_TRACE ? line : line.substring(0, LONGEST_TRACE) + "...";
    }

    private void pause() {
        try {
            options.sleeper().sleep(options.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CookbookException("Interrupted while waiting for the connector to run.",
                    "The connector itself is not affected: run the command again to keep waiting.", e);
        }
    }

    /**
     * Deletes the connector; one that is not there is fine. In a dry run the delete is planned whatever
     * the list would say.
     */
    public Outcome delete(String name) {
        List<String> names = names("list the connectors, to delete '" + name + "' only if it is there");
        if (!http.isDryRun() && !names.contains(name)) {
            return Outcome.ALREADY;
        }
        String what = "delete connector '" + name + "'";
        Optional<ConfluentHttp.Answer> answer = http.exchange(ConfluentApi.CONNECT, cloudKey, "DELETE",
                connectors.then(name), null, what);
        if (answer.isEmpty()) {
            return Outcome.PLANNED;
        }
        ConfluentHttp.Answer a = answer.get();
        if (a.ok()) {
            return Outcome.DONE;
        }
        if (a.status() == 404) {
            return Outcome.ALREADY; // deleted by someone else since it was listed
        }
        throw ConfluentError.exception(ConfluentApi.CONNECT, what, a.status(), a.body());
    }
}
