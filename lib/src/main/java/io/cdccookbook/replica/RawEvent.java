package io.cdccookbook.replica;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.time.LocalDateTime;

/**
 * A change event as a Tinybird Kafka data source stores it: the Kafka metadata columns, the raw value,
 * and the columns extracted from it with the same JSONPaths as tinybird/ (nullable, so delete events
 * that carry only a key still fit).
 */
public record RawEvent(String value, String topic, int partition, long offset, LocalDateTime timestamp, String key,
                       Integer id, String name, String email, String address, String phoneNumber,
                       Integer emailVerified, Integer onboarded, Integer deleted, String lang,
                       Long createdAt, Long updatedAt, String op, Long sourceTsMs, String deletedFlag) {

    /** Extracts the columns from a Debezium JSON value ({@code $.id}, {@code $.name}, ...). */
    public static RawEvent parse(String topic, String key, String value, long offset, LocalDateTime timestamp) {
        JsonObject v = JsonParser.parseString(value).getAsJsonObject();
        return new RawEvent(value, topic, 0, offset, timestamp, key,
                integer(v, "id"), text(v, "name"), text(v, "email"), text(v, "address"), text(v, "phone_number"),
                flag(v, "email_verified"), flag(v, "onboarded"), flag(v, "deleted"), text(v, "lang"),
                number(v, "created_at"), number(v, "updated_at"), text(v, "__op"), number(v, "__source_ts_ms"),
                text(v, "__deleted"));
    }

    /** A hard delete: the row is gone at the source. */
    public boolean isDelete() {
        return "true".equals(deletedFlag);
    }

    private static JsonElement member(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e;
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = member(o, name);
        return e == null ? null : e.getAsString();
    }

    private static Integer integer(JsonObject o, String name) {
        JsonElement e = member(o, name);
        return e == null ? null : e.getAsInt();
    }

    private static Long number(JsonObject o, String name) {
        JsonElement e = member(o, name);
        return e == null ? null : e.getAsLong();
    }

    /** UInt8 from true/false (PostgreSQL, or MySQL with the boolean converter) or 0/1 (MySQL without). */
    private static Integer flag(JsonObject o, String name) {
        JsonElement e = member(o, name);
        if (e == null) {
            return null;
        }
        return e.getAsJsonPrimitive().isBoolean() ? (e.getAsBoolean() ? 1 : 0) : e.getAsInt();
    }
}
