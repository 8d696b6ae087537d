package io.cdccookbook.tinybird;

import io.cdccookbook.cloud.Json;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Forward's workspace secrets (the Environment Variables API, /v0/variables, admin token), which the
 * .connection file reads with {@code tb_secret(...)} so that no credential is ever in a datafile. Values
 * are sent in form bodies, never in URLs, and the plan shows them masked.
 */
final class ForwardSecrets {

    private final TinybirdApi api;
    private final Consumer<String> report;

    ForwardSecrets(TinybirdApi api, Consumer<String> report) {
        this.api = api;
        this.report = report;
    }

    /** Creates each secret, or updates its value when it exists. Names to values. */
    void ensure(Map<String, String> secrets) {
        Set<String> existing = Set.copyOf(Json.names(api.getJson("/v0/variables", "which secrets exist"), "variables"));
        secrets.forEach((name, value) -> {
            if (existing.contains(name)) {
                api.putForm("/v0/variables/" + name, Map.of("value", value), Set.of("value"),
                        "update the secret " + name + " the connection reads");
                report.accept("Secret " + name + " updated.");
            } else {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("name", name);
                form.put("value", value);
                form.put("type", "secret");
                api.postForm("/v0/variables", form, Set.of("value"), "create the secret " + name + " the connection reads");
                report.accept("Secret " + name + " created.");
            }
        });
    }

    void delete(Collection<String> names) {
        for (String name : names) {
            boolean was = api.delete("/v0/variables/" + name, "delete the secret " + name);
            // no colon after the name: "SECRET: x" reads as a secret value to the Redactor
            report.accept("Secret " + name + (was ? " deleted." : " was not there."));
        }
    }
}
