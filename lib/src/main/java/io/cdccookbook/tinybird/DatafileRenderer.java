package io.cdccookbook.tinybird;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@link Datafile} in the layout of the files in tinybird/: sections separated by a blank line
 * (DESCRIPTION, SCHEMA, instructions, TOKEN lines, then each NODE), blocks indented by four spaces,
 * ENGINE_* values in double quotes (as Tinybird writes them) and other values bare. Files in that layout
 * come back unchanged from parse-then-render, which a test checks for every file in tinybird/.
 */
public final class DatafileRenderer {

    private static final String INDENT = "    ";

    private DatafileRenderer() {
    }

    public static String render(Datafile file) {
        List<String> sections = new ArrayList<>();
        if (file.description() != null) {
            sections.add(block("DESCRIPTION", file.description()));
        }
        if (!file.schema().isEmpty()) {
            sections.add("SCHEMA >\n" + file.schema().stream().map(DatafileRenderer::column)
                    .collect(Collectors.joining(",\n")));
        }
        if (!file.settings().isEmpty()) {
            sections.add(instructions(file.settings()));
        }
        if (!file.tokens().isEmpty()) {
            sections.add(file.tokens().stream().map(t -> "TOKEN " + t.name() + " " + t.scope())
                    .collect(Collectors.joining("\n")));
        }
        for (Node node : file.nodes()) {
            sections.add(node(node));
        }
        return String.join("\n\n", sections) + "\n";
    }

    private static String node(Node node) {
        StringBuilder out = new StringBuilder("NODE ").append(node.name()).append('\n');
        if (node.description() != null) {
            out.append(block("DESCRIPTION", node.description())).append("\n\n");
        }
        out.append(block("SQL", node.sql()));
        if (!node.settings().isEmpty()) {
            out.append("\n\n").append(instructions(node.settings()));
        }
        return out.toString();
    }

    private static String column(Column c) {
        return INDENT + "`" + c.name() + "` " + c.type() + (c.jsonPath() == null ? "" : " `json:" + c.jsonPath() + "`");
    }

    private static String instructions(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> instruction(e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    private static String instruction(String key, String value) {
        if (value.contains("\n")) {
            return block(key, value);
        }
        if (value.isEmpty()) {
            return key + " ''";
        }
        return key + " " + (key.startsWith("ENGINE") ? "\"" + value + "\"" : value);
    }

    private static String block(String key, String text) {
        return key + " >\n" + text.lines().map(l -> l.isEmpty() ? "" : INDENT + l).collect(Collectors.joining("\n"));
    }
}
