package io.cdccookbook.tinybird;

import com.google.gson.JsonObject;
import io.cdccookbook.cloud.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a Forward deployment may do to the workspace. A deployment is the whole project: whatever it
 * leaves out, Tinybird removes. The deployers send every other resource along unchanged, and this guard
 * checks what Tinybird says the staged deployment would do (its new_*, changed_* and deleted_* names,
 * and the data sources it would disconnect from their Kafka connection) before it goes live: anything
 * outside these sets stops it. Disconnecting is allowed only where deleting is.
 *
 * @param mayAdd    names the deployment may create
 * @param mayChange names it may change
 * @param mayDelete names it may delete, or disconnect from their Kafka connection
 */
record DeploymentGuard(Set<String> mayAdd, Set<String> mayChange, Set<String> mayDelete) {

    private static final List<String> KINDS = List.of("datasource", "pipe", "data_connector");

    /** What the deployment would do beyond its allowance, e.g. "delete other_events"; empty when safe. */
    List<String> violations(JsonObject deployment) {
        List<String> out = new ArrayList<>();
        for (String kind : KINDS) {
            check(out, Json.strings(deployment, "new_" + kind + "_names"), mayAdd, "create");
            check(out, Json.strings(deployment, "changed_" + kind + "_names"), mayChange, "change");
            check(out, Json.strings(deployment, "deleted_" + kind + "_names"), mayDelete, "delete");
        }
        // A data source cut off from its Kafka connection stops ingesting as surely as a deleted one; the
        // Forward CLI reports these as changes (tb/modules deployment code, print_changes).
        check(out, Json.strings(deployment, "disconnected_data_source_names"), mayDelete, "disconnect");
        return out;
    }

    private static void check(List<String> out, List<String> names, Set<String> allowed, String verb) {
        names.stream().filter(n -> !allowed.contains(n)).forEach(n -> out.add(verb + " " + n));
    }
}
