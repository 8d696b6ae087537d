package io.cdccookbook.tinybird;

import com.google.gson.JsonObject;
import io.cdccookbook.cloud.Json;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a workspace holds, by name: data sources, pipes and Kafka connections. Deployers read it to skip
 * what exists, to delete only what is there and, on Forward, to carry the rest over.
 */
record WorkspaceInventory(Set<String> datasources, Set<String> pipes, List<JsonObject> connectors) {

    /** Data sources, pipes and connections. */
    static WorkspaceInventory read(TinybirdApi api) {
        WorkspaceInventory resources = resources(api);
        List<JsonObject> connectors = Json.objects(api.getJson("/v0/connectors", "which connections exist"), "connectors");
        return new WorkspaceInventory(resources.datasources, resources.pipes, connectors);
    }

    /** Data sources and pipes only. */
    static WorkspaceInventory resources(TinybirdApi api) {
        Set<String> datasources = new LinkedHashSet<>(
                Json.names(api.getJson("/v0/datasources", "which data sources exist"), "datasources"));
        Set<String> pipes = new LinkedHashSet<>(Json.names(api.getJson("/v0/pipes", "which pipes exist"), "pipes"));
        return new WorkspaceInventory(datasources, pipes, List.of());
    }

    /** A data source or pipe of that name exists. */
    boolean has(String name) {
        return datasources.contains(name) || pipes.contains(name);
    }

    boolean hasConnection(String name) {
        return connectors.stream().anyMatch(c -> name.equals(Json.string(c, "name")));
    }

    Set<String> connectionNames() {
        Set<String> names = new LinkedHashSet<>();
        connectors.forEach(c -> names.add(Json.string(c, "name")));
        names.remove(null);
        return names;
    }
}
