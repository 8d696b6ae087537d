package io.cdccookbook.tinybird;

import com.google.gson.JsonObject;
import io.cdccookbook.cloud.Json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Forward's workspace secrets (the Environment Variables API, /v0/variables, admin token), which the
 * .connection file reads with {@code tb_secret(...)} so that no credential is ever in a datafile. Values
 * are sent in form bodies, never in URLs, and the plan shows them masked. A secret is written only when
 * it is missing or differs from what the cookbook last set ({@link SecretFingerprints}), because each
 * write needs a deployment to take effect ("Secrets are only replaced in your resources when you
 * deploy", https://www.tinybird.co/docs/forward/commands/tb-secret).
 */
final class ForwardSecrets {

    /**
     * What {@link #sync} wrote. Nothing is remembered until {@link #remember} (after the deployment that
     * makes the values take effect), so a failed deployment is tried again on the next run.
     */
    static final class Changes {
        final List<String> created = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        private final Map<String, String[]> written = new LinkedHashMap<>(); // name -> value, updated_at

        boolean any() {
            return !created.isEmpty() || !updated.isEmpty();
        }

        /** The names written, e.g. "CDC_KAFKA_KEY, CDC_KAFKA_SECRET". */
        String names() {
            return String.join(", ", written.keySet());
        }
    }

    private final TinybirdApi api;
    private final SecretFingerprints fingerprints;
    private final Consumer<String> report;

    ForwardSecrets(TinybirdApi api, SecretFingerprints fingerprints, Consumer<String> report) {
        this.api = api;
        this.fingerprints = fingerprints;
        this.report = report;
    }

    /** Creates each missing secret and updates each that differs from what the cookbook last set. Names to values. */
    Changes sync(Map<String, String> secrets) {
        Map<String, JsonObject> existing = new HashMap<>();
        for (JsonObject v : Json.objects(api.getJson("/v0/variables", "which secrets exist"), "variables")) {
            existing.put(Json.string(v, "name"), v);
        }
        Changes changes = new Changes();
        secrets.forEach((name, value) -> {
            JsonObject there = existing.get(name);
            if (there == null) {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("name", name);
                form.put("value", value);
                form.put("type", "secret");
                JsonObject answer = api.postForm("/v0/variables", form, Set.of("value"), "create the secret " + name + " the connection reads");
                changes.created.add(name);
                changes.written.put(name, new String[] {value, Json.string(answer, "updated_at")});
                report.accept("Secret " + name + " created.");
            } else if (fingerprints.matches(name, value, Json.string(there, "updated_at"))) {
                // no colon after the name: "SECRET: x" reads as a secret value to the Redactor
                report.accept("Secret " + name + " unchanged (as the cookbook last set it).");
            } else {
                JsonObject answer = api.putForm("/v0/variables/" + name, Map.of("value", value), Set.of("value"),
                        "update the secret " + name + " the connection reads (it differs from what the cookbook last set, or that is unknown)");
                changes.updated.add(name);
                changes.written.put(name, new String[] {value, Json.string(answer, "updated_at")});
                report.accept("Secret " + name + " updated.");
            }
        });
        return changes;
    }

    /** Remembers what {@code changes} wrote, once it has taken effect. Nothing in a dry run. */
    void remember(Changes changes) {
        if (!api.isDryRun()) {
            changes.written.forEach((name, v) -> fingerprints.record(name, v[0], v[1]));
        }
    }

    void delete(Collection<String> names) {
        for (String name : names) {
            boolean was = api.delete("/v0/variables/" + name, "delete the secret " + name);
            if (!api.isDryRun()) {
                fingerprints.forget(name);
            }
            report.accept("Secret " + name + (was ? " deleted." : " was not there."));
        }
    }
}
