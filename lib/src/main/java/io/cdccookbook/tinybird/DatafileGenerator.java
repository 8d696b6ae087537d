package io.cdccookbook.tinybird;

import io.cdccookbook.table.ColumnType;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.SourceColumn;
import io.cdccookbook.table.TableSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the four datafiles of one captured table from its {@link TableSchema}: the Kafka data source of
 * every change event, the ReplacingMergeTree replica, the materialized pipe between them and the endpoint.
 * Every type comes from {@link ColumnType}; the users demo's files in tinybird/ are this class's output
 * ({@code DatafileGeneratorTest} fails if regenerating them changes a byte).
 */
public final class DatafileGenerator {

    /** Debezium's flattening adds these to every event (capture.ConnectorDefinition's SMT settings). */
    private static final List<Column> EVENT_FIELDS = List.of(
            new Column("__op", "Nullable(String)", "$.__op"),
            new Column("__source_ts_ms", "Nullable(Int64)", "$.__source_ts_ms"),
            new Column("__deleted", "Nullable(String)", "$.__deleted"));

    private static final int WIDTH = 100;

    private final TableSchema table;
    private final ReplicaNames names;
    private final Map<String, ColumnType> types = new LinkedHashMap<>();

    private DatafileGenerator(TableSchema table, ReplicaNames names) {
        this.table = table;
        this.names = names;
        for (SourceColumn c : table.columns()) {
            types.put(c.name(), ColumnType.of(table, c));
        }
    }

    /**
     * The raw, latest, materialization and endpoint datafiles, in that order.
     *
     * @param topic      the Kafka topic Debezium writes the table's changes to
     * @param connection the Kafka connection's name in the workspace
     */
    public static List<Datafile> generate(TableSchema table, ReplicaNames names, String topic, String connection) {
        DatafileGenerator g = new DatafileGenerator(table, names);
        return List.of(g.raw(topic, connection), g.latest(), g.materialization(), g.endpoint());
    }

    private String source() {
        return table.kind().displayName() + " " + table.name() + " table";
    }

    private String keys() {
        return table.primaryKey().size() == 1 ? table.primaryKey().get(0) : "(" + String.join(", ", table.primaryKey()) + ")";
    }

    private Datafile raw(String topic, String connection) {
        List<Column> schema = new ArrayList<>();
        types.forEach((name, type) -> schema.add(new Column(name, type.tinybird().rawNullable(), type.tinybird().jsonPath(name))));
        schema.addAll(EVENT_FIELDS);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ENGINE", "MergeTree");
        settings.put("ENGINE_PARTITION_KEY", "toYYYYMM(__timestamp)");
        settings.put("ENGINE_SORTING_KEY", "__timestamp");
        settings.put("KAFKA_CONNECTION_NAME", connection);
        settings.put("KAFKA_TOPIC", topic);
        settings.put("KAFKA_GROUP_ID", topic + "_cookbook");
        settings.put("KAFKA_AUTO_OFFSET_RESET", "latest");
        settings.put("KAFKA_STORE_RAW_VALUE", "True");
        String description = "Every change event of the " + source() + " as Debezium wrote it to Kafka: the row after the"
                + " change, flattened, plus __op, __source_ts_ms and __deleted ('true' on deletes). Every column is Nullable,"
                + " so that no event goes to quarantine for a missing value." + arrivals();
        return new Datafile(DatafileKind.DATASOURCE, names.raw(), wrap(description), schema, settings, List.of(), List.of());
    }

    /** "In the JSON, a and b are true/false; c is epoch microseconds." for the columns whose JSON is not plain. */
    private String arrivals() {
        Map<String, List<String>> byJson = new LinkedHashMap<>();
        types.forEach((name, type) -> {
            if (!type.json().equals("number") && !type.json().equals("string")) {
                byJson.computeIfAbsent(type.json(), k -> new ArrayList<>()).add(name);
            }
        });
        if (byJson.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        byJson.forEach((json, columns) -> parts.add(and(columns) + (columns.size() == 1 ? " is " : " are ") + json));
        return " In the JSON, " + String.join("; ", parts) + ".";
    }

    private Datafile latest() {
        List<Column> schema = new ArrayList<>();
        types.forEach((name, type) -> schema.add(new Column(name,
                table.primaryKey().contains(name) ? type.tinybird().latest() : type.tinybird().latestNullable(), null)));
        schema.add(new Column("_version", "UInt64", null));
        schema.add(new Column("_is_deleted", "UInt8", null));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ENGINE", "ReplacingMergeTree");
        settings.put("ENGINE_SORTING_KEY", String.join(", ", table.primaryKey()));
        settings.put("ENGINE_VER", "_version");
        settings.put("ENGINE_IS_DELETED", "_is_deleted");
        String description = "The replica of the " + source() + ": one row per " + keys() + ", the newest change wins."
                + " ReplacingMergeTree keeps the row with the highest _version (the Kafka offset: Debezium keys events by "
                + keys() + ", so the events of one " + keys() + " share a partition and their offsets grow) and, read with"
                + " FINAL, drops the rows whose newest version has _is_deleted = 1. No partition key, so that all rows of"
                + " one " + keys() + " can be merged.";
        return new Datafile(DatafileKind.DATASOURCE, names.latest(), wrap(description), schema, settings, List.of(), List.of());
    }

    private Datafile materialization() {
        List<String> select = new ArrayList<>();
        types.forEach((name, type) -> {
            String value = type.tinybird().convert(name);
            if (table.primaryKey().contains(name)) {
                value = "assumeNotNull(" + value + ")";
            }
            select.add(value.equals(name) ? name : value + " AS " + name);
        });
        select.add("toUInt64(__offset) AS _version");
        select.add("toUInt8(coalesce(__deleted, '') = 'true') AS _is_deleted");
        String sql = "SELECT\n" + select.stream().map(s -> "    " + s).collect(Collectors.joining(",\n"))
                + "\nFROM " + names.raw()
                // the raw column, qualified: ClickHouse resolves a bare name to the SELECT's alias first, and
                // assumeNotNull(id) AS id IS NOT NULL would always hold (ClickHouse issues 17461, 62138). The key as
                // converted, as the local replica checks it: a key the conversion cannot read skips the event.
                + "\nWHERE " + table.primaryKey().stream().map(k -> types.get(k).tinybird().convert(names.raw() + "." + k) + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("TYPE", "materialized");
        settings.put("DATASOURCE", names.latest());
        // one phrase per JSON form: "string, e.g. "12.50" become Decimal(10, 2) and Decimal(12, 4)"
        Map<String, Set<String>> byJson = new LinkedHashMap<>();
        types.values().stream().filter(t -> !t.tinybird().conversion().equals("%s"))
                .forEach(t -> byJson.computeIfAbsent(t.json(), k -> new LinkedHashSet<>()).add(t.tinybird().latest()));
        List<String> conversions = new ArrayList<>();
        byJson.forEach((json, latest) -> conversions.add(json + " become " + and(List.copyOf(latest))));
        String converted = conversions.isEmpty() ? "" : String.join(", ", conversions) + ", ";
        String description = "Copies each new event of " + names.raw() + " into " + names.latest() + " as it arrives: "
                + converted + "the Kafka offset becomes the version and __deleted = 'true' marks a hard delete. Events"
                + " without a key (none are expected: deletes carry the old row) are skipped.";
        Node node = new Node(names.materialization() + "_0", null, sql, settings);
        return new Datafile(DatafileKind.PIPE, names.materialization(), wrap(description), List.of(), Map.of(), List.of(),
                List.of(node));
    }

    private Datafile endpoint() {
        String sql = "SELECT\n" + types.entrySet().stream().map(e -> "    " + e.getValue().form().tinybirdEndpoint(e.getKey()))
                .collect(Collectors.joining(",\n"))
                + "\nFROM " + names.latest() + " FINAL\nWHERE _is_deleted = 0\nORDER BY "
                + table.primaryKey().stream().map(k -> types.get(k).form().tinybirdOrder(k)).collect(Collectors.joining(", "));
        String description = "The replica's live rows, ordered by " + String.join(", ", table.primaryKey())
                + ", without the version columns: what compare-tables reads and checks against the "
                + table.kind().displayName() + " table.";
        Node node = new Node(names.endpoint() + "_0", null, sql, Map.of("TYPE", "endpoint"));
        return new Datafile(DatafileKind.PIPE, names.endpoint(), wrap(description), List.of(), Map.of(),
                List.of(new Token(names.readToken(), "READ")), List.of(node));
    }

    private static String and(List<String> items) {
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Lines of at most {@link #WIDTH} characters, broken between words. */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (String word : text.split(" ")) {
            if (line > 0 && line + 1 + word.length() > WIDTH) {
                out.append('\n');
                line = 0;
            } else if (line > 0) {
                out.append(' ');
                line++;
            }
            out.append(word);
            line += word.length();
        }
        return out.toString();
    }
}
