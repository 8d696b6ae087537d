package io.cdccookbook.cloud;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;

/**
 * Lenient reading of the cloud APIs' JSON answers (Confluent's and Tinybird's), whose members come and go
 * between versions: a missing, null or wrongly typed member reads as empty, never as an exception.
 */
public final class Json {

    private Json() {
    }

    /** The body as an object; {} when it is empty or not an object (a 204, a plain-text error). */
    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonElement e = JsonParser.parseString(body);
            return e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
        } catch (RuntimeException notJson) {
            return new JsonObject();
        }
    }

    public static JsonObject object(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    public static JsonArray array(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    /** A string, number or boolean member as text; "" when absent, null or not a single value. */
    public static String text(JsonObject o, String member) {
        String s = string(o, member);
        return s == null ? "" : s.trim();
    }

    /** A string (or number) member as text, or null. */
    public static String string(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    public static boolean bool(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
    }

    /** The objects of an array member. */
    public static List<JsonObject> objects(JsonObject o, String member) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : array(o, member)) {
            if (e.isJsonObject()) {
                out.add(e.getAsJsonObject());
            }
        }
        return out;
    }

    /** The strings of an array member, e.g. deleted_datasource_names. */
    public static List<String> strings(JsonObject o, String member) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : array(o, member)) {
            if (e.isJsonPrimitive()) {
                out.add(e.getAsString());
            }
        }
        return out;
    }

    /** The {@code name} of each object of an array member, as in {"datasources": [{"name": ...}]}. */
    public static List<String> names(JsonObject o, String member) {
        List<String> out = new ArrayList<>();
        for (JsonObject item : objects(o, member)) {
            String name = string(item, "name");
            if (name != null) {
                out.add(name);
            }
        }
        return out;
    }
}
