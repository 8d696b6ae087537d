package io.cdccookbook.tinybird;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pipe's {@code NODE}: its SQL and the instructions that follow it, such as {@code TYPE materialized}
 * and {@code DATASOURCE <target>}, kept in file order.
 *
 * @param description the node's DESCRIPTION, or null
 * @param settings    instructions after the SQL, by name (TYPE, DATASOURCE, ...)
 */
public record Node(String name, String description, String sql, Map<String, String> settings) {

    public Node {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** endpoint, materialized, copy ... or null when the file does not say. */
    public String type() {
        return settings.get("TYPE");
    }

    /** The data source a materialized node writes to, or null. */
    public String datasource() {
        return settings.get("DATASOURCE");
    }

    public Node withSetting(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(settings);
        copy.put(key, value);
        return new Node(name, description, sql, copy);
    }
}
