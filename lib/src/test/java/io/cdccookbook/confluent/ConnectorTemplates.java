package io.cdccookbook.confluent;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Confluent's own templates of a managed connector plugin (src/test/resources/confluent/connector-templates,
 * from confluentinc/connect-migration-utility): every config key the plugin defines, with its aliases,
 * default and allowed values, the keys its templates set themselves, and the transforms it accepts.
 */
final class ConnectorTemplates {

    /** One key as the templates define it; {@code allowed} is empty when any value goes. */
    record Definition(String name, List<String> aliases, String defaultValue, List<String> allowed) {
    }

    private final String plugin;
    private final Map<String, Definition> definitions = new LinkedHashMap<>();
    private final Set<String> templateKeys = new TreeSet<>();
    private final Set<String> transformTypes = new TreeSet<>();

    private ConnectorTemplates(String plugin) {
        this.plugin = plugin;
        JsonObject file = JsonParser.parseString(FakeConfluent.resource("connector-templates/" + plugin
                + "_resolved_templates.json")).getAsJsonObject();
        for (JsonElement template : file.getAsJsonArray("templates")) {
            JsonObject t = template.getAsJsonObject();
            if (t.has("config_defs")) {
                for (JsonElement d : t.getAsJsonArray("config_defs")) {
                    JsonObject def = d.getAsJsonObject();
                    String name = def.get("name").getAsString();
                    definitions.putIfAbsent(name, new Definition(name, aliases(def), text(def.get("default_value")),
                            strings(def.get("recommended_values"))));
                }
            }
            if (t.has("connector_configs")) {
                t.getAsJsonArray("connector_configs")
                        .forEach(c -> templateKeys.add(c.getAsJsonObject().get("name").getAsString()));
            }
        }
        JsonObject transforms = JsonParser.parseString(FakeConfluent.resource("connector-templates/fm_transforms_list.json"))
                .getAsJsonObject();
        transforms.getAsJsonArray(plugin).forEach(t -> transformTypes.add(t.getAsString()));
    }

    static ConnectorTemplates of(String plugin) {
        return new ConnectorTemplates(plugin);
    }

    String plugin() {
        return plugin;
    }

    /** The key's definition, found by its name or one of its aliases. */
    Optional<Definition> definition(String key) {
        Definition byName = definitions.get(key);
        if (byName != null) {
            return Optional.of(byName);
        }
        return definitions.values().stream().filter(d -> d.aliases().contains(key)).findFirst();
    }

    List<Definition> definitions() {
        return List.copyOf(definitions.values());
    }

    /** The keys the plugin's own templates set (connector_configs), such as its own "unwrap" transform's. */
    Set<String> templateKeys() {
        return templateKeys;
    }

    /** The transform classes the plugin accepts (fm_transforms_list.json). */
    Set<String> transformTypes() {
        return transformTypes;
    }

    private static List<String> aliases(JsonObject def) {
        String alias = text(def.get("alias"));
        return alias == null ? List.of() : Arrays.stream(alias.split(",")).map(String::trim).toList();
    }

    private static String text(JsonElement e) {
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static List<String> strings(JsonElement e) {
        List<String> values = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            for (JsonElement v : (JsonArray) e) {
                values.add(v.getAsString());
            }
        }
        return values;
    }
}
