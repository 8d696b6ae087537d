package io.cdccookbook.confluent;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Json;
import io.cdccookbook.config.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an error answer from any Confluent API and turns it into one line and a hint. The APIs disagree on
 * the shape: connect/v1 alone uses three ({@code {"error":{"code","message"}}}, {@code {"error_code","message"}},
 * {@code {"code","message"}}), org/v2 and cmk/v2 use JSON:API ({@code {"errors":[{"status","code","title","detail"}]}}),
 * Kafka REST uses {@code {"error_code":40403,"message"}} and its rate limiter answers with an HTML page.
 */
final class ConfluentError {

    /** What an error body says, and its code when it has one (Kafka REST's 40403 says "no such topic"). */
    record Body(String message, String code) {
    }

    private static final int LONGEST = 300;
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title>(.*?)</title>");

    private ConfluentError() {
    }

    static Body parse(String body) {
        if (body == null || body.isBlank()) {
            return new Body("", null);
        }
        JsonElement json;
        try {
            json = JsonParser.parseString(body);
        } catch (RuntimeException notJson) {
            return new Body(shorten(plainText(body)), null);
        }
        if (!json.isJsonObject()) {
            return new Body(shorten(plainText(body)), null);
        }
        JsonObject o = json.getAsJsonObject();
        if (o.has("errors")) {
            return jsonApi(Json.array(o, "errors"));
        }
        if (o.has("error") && o.get("error").isJsonObject()) {
            JsonObject error = Json.object(o, "error");
            return new Body(Json.text(error, "message"), Json.text(error, "code"));
        }
        if (o.has("message")) {
            String code = o.has("error_code") ? Json.text(o, "error_code") : Json.text(o, "code");
            return new Body(Json.text(o, "message"), code);
        }
        return new Body(shorten(o.toString()), null);
    }

    private static Body jsonApi(JsonArray errors) {
        List<String> parts = new ArrayList<>();
        String code = null;
        for (JsonElement e : errors) {
            if (!e.isJsonObject()) {
                continue;
            }
            JsonObject error = e.getAsJsonObject();
            String title = Json.text(error, "title");
            String detail = Json.text(error, "detail");
            String part = title.isEmpty() || detail.equals(title) ? detail
                    : detail.isEmpty() ? title : title + ": " + detail;
            if (!part.isEmpty()) {
                parts.add(part);
            }
            if (code == null && !Json.text(error, "code").isEmpty()) {
                code = Json.text(error, "code");
            }
        }
        return new Body(String.join("; ", parts), code);
    }

    /** An HTML page's title, else its text without tags; any text on one line. */
    private static String plainText(String body) {
        Matcher title = HTML_TITLE.matcher(body);
        String text = title.find() ? title.group(1) : body.replaceAll("(?s)<[^>]*>", " ");
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String shorten(String text) {
        return text.length() <= LONGEST ? text : text.substring(0, LONGEST) + "...";
    }

    /**
     * The error for a failed request.
     *
     * @param what what the request was for, as it follows "Could not": "list the environments"
     */
    static CookbookException exception(ConfluentApi api, String what, int status, String body) {
        String message = Redactor.redact(parse(body).message());
        return new CookbookException("Could not " + what + ": Confluent Cloud " + api.label + " answered " + status
                + (message.isEmpty() ? "." : ": " + message), hint(api, status));
    }

    static String hint(ConfluentApi api, int status) {
        boolean rest = api == ConfluentApi.KAFKA_REST;
        return switch (status) {
            case 400 -> "Confluent rejected the request: the message names what it objects to.";
            case 401 -> api.keyHint();
            case 403 -> rest
                    ? "The cluster key is valid but may not do this: its service account needs ACLs to describe "
                            + "and delete topics on this cluster."
                    : "The Cloud API key is valid but may not do this: give its account a role on the environment "
                            + "(EnvironmentAdmin, or CloudClusterAdmin on the cluster).";
            case 404 -> "It does not exist (any more): check CONFLUENT_ENV_NAME and CONFLUENT_CLUSTER_NAME.";
            case 409 -> "It exists already or is being changed right now: wait a moment and run the command again.";
            case 429 -> "Confluent Cloud kept limiting the request rate after several retries: wait a minute and "
                    + "run the command again.";
            default -> status < 500 ? null : api == ConfluentApi.CONNECT
                    ? "Confluent sometimes answers 500 for a connector setting it rejects: try the same connector "
                            + "in the Confluent Cloud UI, which names the field at fault."
                    : "Confluent Cloud had a problem on its side: try again in a few minutes.";
        };
    }
}
