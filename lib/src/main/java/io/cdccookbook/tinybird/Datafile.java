package io.cdccookbook.tinybird;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One Tinybird datafile as structured data: what {@link DatafileParser} reads and
 * {@link DatafileRenderer} writes. Changes (a topic, a consumer group, a table's name) are made here,
 * on named instructions and resource names, never by searching the file's text.
 *
 * @param kind        data source, pipe or connection
 * @param name        the resource's name (the file name without its extension)
 * @param description the DESCRIPTION block, or null
 * @param schema      a data source's columns, in order; empty for pipes and connections
 * @param settings    the other instructions at file level, in file order: ENGINE_*, KAFKA_*, TYPE ...
 * @param tokens      TOKEN lines
 * @param nodes       a pipe's nodes, in order
 */
public record Datafile(DatafileKind kind, String name, String description, List<Column> schema,
                       Map<String, String> settings, List<Token> tokens, List<Node> nodes) {

    public Datafile {
        schema = List.copyOf(schema);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        tokens = List.copyOf(tokens);
        nodes = List.copyOf(nodes);
    }

    /** e.g. {@code pg_users_raw.datasource} */
    public String fileName() {
        return name + kind.extension();
    }

    /** A file-level instruction's value, or null when the file does not have it. */
    public String setting(String key) {
        return settings.get(key);
    }

    /** The same file with {@code key} set to {@code value}: replaced where it was, else added last. */
    public Datafile withSetting(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(settings);
        copy.put(key, value);
        return new Datafile(kind, name, description, schema, copy, tokens, nodes);
    }

    public Datafile withName(String newName) {
        return new Datafile(kind, newName, description, schema, settings, tokens, nodes);
    }

    /**
     * The same file with resources renamed, e.g. {@code pg_users_raw -> pg_customers_raw}: its own name,
     * token and node names, DATASOURCE targets and, in SQL and descriptions, identifiers equal to an old
     * name (whole identifiers only, so renaming {@code pg_users_api} leaves {@code pg_users_api_read} to
     * its own entry).
     */
    public Datafile renamed(Map<String, String> names) {
        List<Token> renamedTokens = tokens.stream()
                .map(t -> new Token(names.getOrDefault(t.name(), t.name()), t.scope())).toList();
        List<Node> renamedNodes = nodes.stream().map(n -> {
            Node r = new Node(names.getOrDefault(n.name(), n.name()), renameIdentifiers(n.description(), names),
                    renameIdentifiers(n.sql(), names), n.settings());
            return r.datasource() == null ? r : r.withSetting("DATASOURCE", names.getOrDefault(r.datasource(), r.datasource()));
        }).toList();
        return new Datafile(kind, names.getOrDefault(name, name), renameIdentifiers(description, names), schema, settings,
                renamedTokens, renamedNodes);
    }

    private static String renameIdentifiers(String text, Map<String, String> names) {
        if (text == null || names.isEmpty()) {
            return text;
        }
        // longest first, so that a name which starts another name never steals its match
        String alternatives = names.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).collect(Collectors.joining("|"));
        Matcher m = Pattern.compile("(?<![A-Za-z0-9_.])(" + alternatives + ")(?![A-Za-z0-9_])").matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(names.get(r.group(1))));
    }
}
