package io.cdccookbook.cloud;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdccookbook.config.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The requests a command makes or, with --dry-run, would make. In a dry run nothing is sent: clients
 * record each request here and carry on with placeholders for what the API would have answered (an
 * id they cannot know, written like {@code <id of environment 'default'>}). Secrets are masked: any
 * JSON member whose name says password, secret, key, token or jaas, and every registered secret.
 */
public final class Plan {

    /** One request, as printed. */
    public record Step(String method, String url, String body, String why) {
        @Override
        public String toString() {
            return method + " " + url + (why == null || why.isEmpty() ? "" : "   # " + why)
                    + (body == null || body.isEmpty() ? "" : "\n" + body.indent(4).stripTrailing());
        }
    }

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|api[._-]?key|token|jaas|kafka_sasl_plain_username|\\.key$).*");
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final boolean dryRun;
    private final List<Step> steps = new ArrayList<>();

    private Plan(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** A plan that is only recorded and printed: nothing may be sent. */
    public static Plan dryRun() {
        return new Plan(true);
    }

    /** A plan that is carried out; steps are still recorded, for --verbose and tests. */
    public static Plan live() {
        return new Plan(false);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** Records a request. {@code body} may be JSON (masked member by member) or any text (redacted). */
    public synchronized void record(String method, String url, String body, String why) {
        steps.add(new Step(method.toUpperCase(Locale.ROOT), Redactor.redact(url), mask(body), why));
    }

    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Every step, numbered, as a dry run prints it. */
    public synchronized String describe() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            out.append(String.format(Locale.ROOT, "%2d. ", i + 1)).append(steps.get(i)).append('\n');
        }
        return out.toString();
    }

    /** A placeholder for a value only the API could give. */
    public static String placeholder(String what) {
        return "<" + what + ">";
    }

    static String mask(String body) {
        if (body == null || body.isEmpty()) {
            return body;
        }
        try {
            JsonElement json = JsonParser.parseString(body);
            if (json.isJsonObject() || json.isJsonArray()) {
                return Redactor.redact(PRETTY.toJson(maskJson(json)));
            }
        } catch (RuntimeException notJson) {
            // multipart or form text: redact what can be recognised
        }
        return Redactor.redact(body);
    }

    private static JsonElement maskJson(JsonElement json) {
        if (json.isJsonObject()) {
            JsonObject masked = new JsonObject();
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
                boolean secret = SECRET_NAME.matcher(e.getKey()).matches() && e.getValue().isJsonPrimitive();
                masked.add(e.getKey(), secret ? new com.google.gson.JsonPrimitive(Redactor.MASK) : maskJson(e.getValue()));
            }
            return masked;
        }
        if (json.isJsonArray()) {
            com.google.gson.JsonArray masked = new com.google.gson.JsonArray();
            json.getAsJsonArray().forEach(e -> masked.add(maskJson(e)));
            return masked;
        }
        return json;
    }
}
