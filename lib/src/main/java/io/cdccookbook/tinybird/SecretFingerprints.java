package io.cdccookbook.tinybird;

import com.google.gson.JsonObject;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Json;
import io.cdccookbook.config.PrivateFiles;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the cookbook last set as each Kafka credential in Tinybird, without the values: Tinybird never
 * gives a secret back (the Environment Variables API lists name, type, created_at and updated_at; a
 * connection shows its password as "******"), so "has the credential changed?" can only be answered by
 * remembering. Each entry is an HMAC-SHA256 of the value keyed with the workspace's admin token (a leaked
 * file alone lets nobody test guesses, and another workspace's token never matches) plus the updated_at
 * Tinybird gave back, so a secret changed by anyone else (UI, CLI) counts as different too. Kept in one
 * 0600 file of the state folder; a missing or unreadable entry means "unknown", which the callers treat
 * as "different": set it again and deploy.
 */
final class SecretFingerprints {

    private final Path file;
    private final byte[] key;

    /**
     * @param file where to keep them, e.g. {@code .cdc-state/tinybird/kafka-credentials.json}
     * @param key  the workspace admin token
     */
    SecretFingerprints(Path file, String key) {
        this.file = file;
        this.key = (key == null ? "" : key).getBytes(StandardCharsets.UTF_8);
    }

    /** True when {@code value} is what was last recorded under {@code name}, and Tinybird's updated_at has not moved since. */
    boolean matches(String name, String value, String updatedAt) {
        JsonObject entry = Json.object(read(), name);
        if (!Objects.equals(Json.string(entry, "fingerprint"), fingerprint(name, value))) {
            return false;
        }
        String recorded = Json.string(entry, "updated_at");
        return recorded == null || updatedAt == null || recorded.equals(updatedAt);
    }

    /** Records that {@code value} is now set under {@code name}; {@code updatedAt} as Tinybird answered, or null. */
    void record(String name, String value, String updatedAt) {
        JsonObject all = read();
        JsonObject entry = new JsonObject();
        entry.addProperty("fingerprint", fingerprint(name, value));
        if (updatedAt != null) {
            entry.addProperty("updated_at", updatedAt);
        }
        all.add(name, entry);
        PrivateFiles.write(file, all.toString());
    }

    void forget(String name) {
        JsonObject all = read();
        if (all.remove(name) != null) {
            PrivateFiles.write(file, all.toString());
        }
    }

    private JsonObject read() {
        try {
            return Files.isRegularFile(file) ? Json.object(Files.readString(file, StandardCharsets.UTF_8)) : new JsonObject();
        } catch (IOException | RuntimeException e) {
            return new JsonObject(); // unknown: the credentials are set again, which is always safe
        }
    }

    private String fingerprint(String name, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new CookbookException("This Java has no HmacSHA256: " + e.getMessage(), null, e);
        }
    }
}
