package io.cdccookbook.confluent;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdccookbook.cloud.Json;
import io.cdccookbook.config.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What connect/v1 says about a connector: its state, the error trace when it failed, and its tasks.
 *
 * @param state NONE, PROVISIONING, RUNNING, DEGRADED, FAILED, PAUSED or DELETED (connect/v1's enum)
 * @param trace why it failed ("" otherwise), secrets masked
 */
public record ConnectorStatus(String name, String state, String trace, List<Task> tasks) {

    /** One task: Confluent gives its state as free text and, when it is unwell, a message. */
    public record Task(int id, String state, String msg) {
    }

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    static ConnectorStatus fromJson(JsonObject status) {
        JsonObject connector = Json.object(status, "connector");
        List<Task> tasks = new ArrayList<>();
        for (JsonElement t : Json.array(status, "tasks")) {
            if (t.isJsonObject()) {
                JsonObject task = t.getAsJsonObject();
                tasks.add(new Task(task.has("id") ? task.get("id").getAsInt() : tasks.size(),
                        Json.text(task, "state"), Redactor.redact(Json.text(task, "msg"))));
            }
        }
        return new ConnectorStatus(Json.text(status, "name"), Json.text(connector, "state"),
                Redactor.redact(Json.text(connector, "trace")), tasks);
    }

    public boolean isRunning() {
        return state.equals("RUNNING");
    }

    /** Still being set up: connect/v1 says NONE or PROVISIONING until the connector starts. */
    public boolean isPending() {
        return state.equals("PROVISIONING") || state.equals("NONE") || state.isEmpty();
    }

    /** The tasks' messages, for a DEGRADED connector: they say which task is unwell and why. */
    String taskMessages() {
        return tasks.stream().filter(t -> !t.msg().isEmpty())
                .map(t -> "task " + t.id() + " " + t.state() + ": " + t.msg())
                .collect(Collectors.joining("; "));
    }
}
