package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a .datasource, .pipe or .connection file into a {@link Datafile}. The syntax is Tinybird's:
 * an instruction per line ({@code KEY value}, the value optionally quoted), {@code KEY >} followed by an
 * indented block (DESCRIPTION, SCHEMA, SQL), and {@code NODE <name>} starting a pipe node whose
 * instructions follow it. Lines starting with {@code #} are comments and are not kept.
 */
public final class DatafileParser {

    // `name` Type `json:$.path`   (the name may also be bare; the type may hold spaces and commas)
    private static final Pattern COLUMN = Pattern.compile(
            "^(?:`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*))\\s+(.+?)(?:\\s+`json:([^`]*)`)?$");

    private final String fileName;
    private final List<String> lines;
    private int at;

    private DatafileParser(String fileName, String text) {
        this.fileName = fileName;
        this.lines = List.of(text.replace("\r\n", "\n").split("\n", -1));
    }

    /**
     * @param fileName the file's name, which gives its kind and resource name (a folder is ignored)
     * @param text     its contents
     */
    public static Datafile parse(String fileName, String text) {
        return new DatafileParser(fileName, text).parse();
    }

    private Datafile parse() {
        DatafileKind kind = DatafileKind.of(fileName);
        String description = null;
        List<Column> schema = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<Token> tokens = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        NodeBuilder node = null;

        while (at < lines.size()) {
            String line = lines.get(at++);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                throw error(at, "an indented line outside a block (a block starts with 'KEY >').");
            }
            String[] parts = line.strip().split("\\s+", 2);
            String key = parts[0];
            String rest = parts.length > 1 ? parts[1].strip() : "";
            String value = rest.equals(">") ? block() : unquote(rest);
            switch (key) {
                case "NODE" -> {
                    if (node != null) {
                        nodes.add(node.build());
                    }
                    node = new NodeBuilder(value);
                }
                case "DESCRIPTION" -> {
                    if (node != null) {
                        node.description = value;
                    } else {
                        description = value;
                    }
                }
                case "SCHEMA" -> schema.addAll(columns(value));
                case "SQL" -> {
                    if (node == null) {
                        throw error(at, "SQL outside a NODE.");
                    }
                    node.sql = value;
                }
                case "TOKEN" -> tokens.add(token(value));
                default -> {
                    if (node != null) {
                        node.settings.put(key, value);
                    } else {
                        settings.put(key, value);
                    }
                }
            }
        }
        if (node != null) {
            nodes.add(node.build());
        }
        return new Datafile(kind, DatafileKind.stem(fileName), description, schema, settings, tokens, nodes);
    }

    /** The indented lines after {@code KEY >}, without their common indentation or trailing blank lines. */
    private String block() {
        List<String> block = new ArrayList<>();
        while (at < lines.size() && (lines.get(at).isBlank() || Character.isWhitespace(lines.get(at).charAt(0)))) {
            block.add(lines.get(at++));
        }
        while (!block.isEmpty() && block.get(block.size() - 1).isBlank()) {
            block.remove(block.size() - 1);
        }
        while (!block.isEmpty() && block.get(0).isBlank()) {
            block.remove(0);
        }
        int indent = block.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String l : block) {
            out.add(l.isBlank() ? "" : l.substring(indent).stripTrailing());
        }
        return String.join("\n", out);
    }

    private List<Column> columns(String block) {
        List<Column> columns = new ArrayList<>();
        for (String raw : block.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.endsWith(",")) {
                line = line.substring(0, line.length() - 1).stripTrailing();
            }
            Matcher m = COLUMN.matcher(line);
            if (!m.matches()) {
                throw error(at, "cannot read the column '" + line + "'.");
            }
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            columns.add(new Column(name, m.group(3).strip(), m.group(4)));
        }
        return columns;
    }

    private Token token(String value) {
        String[] parts = value.split("\\s+");
        if (parts.length != 2) {
            throw error(at, "a TOKEN line needs a name and a scope, e.g. TOKEN my_token READ.");
        }
        return new Token(unquote(parts[0]), parts[1]);
    }

    /** 'value' or "value" without its quotes; anything else as it is. */
    static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    private CookbookException error(int lineNumber, String problem) {
        return new CookbookException("Cannot read " + fileName + ", line " + lineNumber + ": " + problem,
                "Compare it with the same file in the cookbook's tinybird/ folder.");
    }

    private static final class NodeBuilder {
        final String name;
        String description;
        String sql;
        final Map<String, String> settings = new LinkedHashMap<>();

        NodeBuilder(String name) {
            this.name = name;
        }

        Node build() {
            return new Node(name, description, sql == null ? "" : sql, settings);
        }
    }
}
