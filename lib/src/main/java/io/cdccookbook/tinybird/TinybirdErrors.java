package io.cdccookbook.tinybird;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Json;
import io.cdccookbook.config.Redactor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a Tinybird error answer into one readable line with a hint. Tinybird answers errors as
 * {@code {"error": "..."}}, sometimes with an {@code errors} list (strings, or {filename, error} from a
 * deployment) and a {@code documentation} link. Everything shown passes through {@link Redactor}.
 */
final class TinybirdErrors {

    private TinybirdErrors() {
    }

    static CookbookException of(String method, String path, int status, String body) {
        String detail = detail(body);
        String message = "Tinybird answered " + status + " to " + method + " " + path
                + (detail.isEmpty() ? "." : ": " + detail);
        return new CookbookException(Redactor.redact(message), hint(status, detail));
    }

    static CookbookException unreachable(String baseUrl, IOException e) {
        return new CookbookException(Redactor.redact("Cannot reach Tinybird at " + baseUrl + ": " + e.getMessage()),
                "Check TINYBIRD_API_URI (api, api.us-east, ... or a full URL) and your network.", e);
    }

    /** What the body says: error, then the errors list, then where the documentation is. */
    static String detail(String body) {
        JsonObject json = Json.object(body);
        List<String> parts = new ArrayList<>();
        String error = Json.string(json, "error");
        if (error != null && !error.isBlank()) {
            parts.add(error.strip());
        }
        for (JsonElement e : Json.array(json, "errors")) {
            if (e.isJsonPrimitive()) {
                parts.add(e.getAsString());
            } else if (e.isJsonObject()) {
                String file = Json.string(e.getAsJsonObject(), "filename");
                String text = Json.string(e.getAsJsonObject(), "error");
                parts.add((file == null ? "" : "[" + file + "] ") + (text == null ? e.toString() : text));
            }
        }
        if (parts.isEmpty() && json.size() == 0 && body != null && !body.isBlank()) {
            parts.add(body.strip().length() > 300 ? body.strip().substring(0, 300) + "..." : body.strip());
        }
        String documentation = Json.string(json, "documentation");
        String text = String.join("; ", parts);
        return documentation == null ? text : text + (text.isEmpty() ? "" : ". ") + "See " + documentation;
    }

    private static String hint(int status, String detail) {
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("forward workspace") || lower.contains("only be done via deployments")) {
            return "This workspace is Tinybird Forward: set TINYBIRD_DEPLOY=forward (or auto).";
        }
        if (lower.contains("classic workspace")) {
            return "This workspace is Tinybird Classic: set TINYBIRD_DEPLOY=classic (or auto).";
        }
        return switch (status) {
            case 400 -> "Tinybird refused the request as it is: the message says what to change in the datafile or settings.";
            case 401 -> "The token was not accepted: check TINYBIRD_API_KEY (the workspace admin token) and that"
                    + " TINYBIRD_API_URI is the token's region.";
            case 403 -> "The token may not do this: use the workspace admin token (Tokens > Workspace admin token in"
                    + " the Tinybird UI) as TINYBIRD_API_KEY.";
            case 404 -> "Not found in this workspace: check the name, and that TINYBIRD_API_URI and TINYBIRD_API_KEY"
                    + " point at the workspace you expect.";
            case 409 -> "Other resources depend on it (the message names them): remove those first, or leave it.";
            case 422 -> "Tinybird could not read the topic: check that the topic exists (create the Confluent"
                    + " connector first), CONFLUENT_BOOTSTRAP_SERVERS, CONFLUENT_UNAME and CONFLUENT_SECRET, and that"
                    + " no other consumer uses the group.";
            case 429 -> "Tinybird's rate limit held even after waiting and retrying: wait a minute and run the command again.";
            default -> status >= 500
                    ? "Tinybird had a problem on its side: try again in a few minutes (status: https://status.tinybird.co)."
                    : null;
        };
    }
}
