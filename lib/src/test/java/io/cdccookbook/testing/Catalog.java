package io.cdccookbook.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The commands of jbang-catalog.json, for the tests generated from the commands themselves. */
public final class Catalog {

    private Catalog() {
    }

    /** Each alias and its script-ref, in the catalog's order. */
    public static List<Map.Entry<String, String>> aliases() {
        try {
            JsonObject aliases = JsonParser.parseString(Files.readString(Path.of("..", "jbang-catalog.json")))
                    .getAsJsonObject().getAsJsonObject("aliases");
            List<Map.Entry<String, String>> refs = new ArrayList<>();
            aliases.entrySet().forEach(e -> refs.add(Map.entry(e.getKey(),
                    e.getValue().getAsJsonObject().get("script-ref").getAsString())));
            return refs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script classes behind the aliases (scripts/GenerateEvents.java: GenerateEvents). */
    public static List<String> commandClasses() {
        return aliases().stream().map(Map.Entry::getValue)
                .map(ref -> ref.substring(ref.lastIndexOf('/') + 1).replace(".java", "")).toList();
    }

    /** A new instance of a script's command class, as picocli would make it. */
    public static Object command(String className) {
        try {
            return Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make " + className, e);
        }
    }
}
