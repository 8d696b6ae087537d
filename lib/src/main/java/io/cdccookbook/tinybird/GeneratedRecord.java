package io.cdccookbook.tinybird;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import io.cdccookbook.CookbookException;
import io.cdccookbook.config.PrivateFiles;
import io.cdccookbook.config.ShownPath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which datafiles create-pipeline generated into tinybird/ for a server's pipeline, each with the SHA-256 of
 * what it wrote, so that remove-pipeline deletes those and only while they are unchanged: a file the user
 * edited, or wrote with generate-datafiles, is the user's and stays. Kept in the state folder, per server.
 */
public final class GeneratedRecord {

    private static final Gson GSON = new Gson();

    private final Path file;
    private final String server;

    /** @param server the server the pipeline captures, as {@code host:port/database} */
    public GeneratedRecord(Path stateDir, String server) {
        this.file = stateDir.resolve("tinybird").resolve("generated-datafiles.json");
        this.server = server;
    }

    /** Remembers {@code written}, files as they are now. */
    public void remember(List<Path> written) {
        if (written.isEmpty()) {
            return;
        }
        Map<String, Map<String, String>> all = read();
        Map<String, String> mine = all.computeIfAbsent(server, s -> new LinkedHashMap<>());
        for (Path path : written) {
            mine.put(path.toAbsolutePath().normalize().toString(), sha256(path));
        }
        PrivateFiles.write(file, GSON.toJson(all));
    }

    /**
     * Deletes those of {@code paths} this record holds and that are unchanged; says what it did with each it
     * holds. A path it does not hold is not the cookbook's, and is not mentioned.
     */
    public void removeUnchanged(List<Path> paths, Consumer<String> report) {
        Map<String, Map<String, String>> all = read();
        Map<String, String> mine = all.getOrDefault(server, new LinkedHashMap<>());
        boolean changed = false;
        for (Path path : paths) {
            String key = path.toAbsolutePath().normalize().toString();
            String hash = mine.get(key);
            if (hash == null) {
                continue;
            }
            if (!Files.isRegularFile(path)) {
                report.accept("Datafile " + ShownPath.of(path) + " was not there.");
            } else if (hash.equals(sha256(path))) {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new CookbookException("Cannot delete " + ShownPath.of(path) + ": " + e.getMessage(),
                            "Delete it by hand; nothing else is left of the pipeline's datafiles.", e);
                }
                report.accept("Deleted datafile " + ShownPath.of(path) + " (create-pipeline generated it; unchanged since).");
            } else {
                report.accept("Left datafile " + ShownPath.of(path) + " as it is: it was edited after create-pipeline generated it.");
            }
            mine.remove(key);
            changed = true;
        }
        if (changed) {
            if (mine.isEmpty()) {
                all.remove(server);
            }
            PrivateFiles.write(file, GSON.toJson(all));
        }
    }

    private Map<String, Map<String, String>> read() {
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Map<String, String>> all = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeToken<LinkedHashMap<String, LinkedHashMap<String, String>>>() { }.getType());
            return all == null ? new LinkedHashMap<>() : all;
        } catch (IOException | JsonParseException e) {
            throw new CookbookException("Cannot read " + ShownPath.of(file) + ": " + e.getMessage(),
                    "Delete it: the datafiles create-pipeline generated then stay, as the user's.", e);
        }
    }

    private static String sha256(Path path) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
        } catch (IOException e) {
            throw new CookbookException("Cannot read " + ShownPath.of(path) + ": " + e.getMessage(), null, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
