package io.cdccookbook.confluent;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdccookbook.cloud.Json;
import io.cdccookbook.config.Redactor;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors in connect/v1's config/validate answer, as "key: message", one per error. The answer lists
 * every key of the plugin; only those with errors count. error_count is used only when it says there are
 * errors that no key shows.
 */
final class ConfigErrors {

    private ConfigErrors() {
    }

    static List<String> of(JsonObject answer) {
        List<String> errors = new ArrayList<>();
        for (JsonElement config : Json.array(answer, "configs")) {
            if (!config.isJsonObject()) {
                continue;
            }
            JsonObject value = Json.object(config.getAsJsonObject(), "value");
            for (JsonElement error : Json.array(value, "errors")) {
                if (error.isJsonPrimitive()) {
                    errors.add(Json.text(value, "name") + ": " + Redactor.redact(error.getAsString().trim()));
                }
            }
        }
        String count = Json.text(answer, "error_count");
        if (errors.isEmpty() && count.matches("[1-9][0-9]*")) {
            errors.add(count + ("1".equals(count) ? " error" : " errors") + " with no key named");
        }
        return errors;
    }
}
