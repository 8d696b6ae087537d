package io.cdccookbook.confluent;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Lenient reading of Confluent's answers: a missing or null member reads as empty, never as an exception. */
final class Json {

    private Json() {
    }

    static JsonObject object(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    static JsonArray array(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    /** A string, number or boolean member as text; "" when absent, null or not a single value. */
    static String text(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e != null && e.isJsonPrimitive() ? e.getAsString().trim() : "";
    }
}
