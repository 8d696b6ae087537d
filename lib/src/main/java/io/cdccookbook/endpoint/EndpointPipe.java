package io.cdccookbook.endpoint;

import io.cdccookbook.table.ColumnType;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.SourceColumn;
import io.cdccookbook.table.TableSchema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The endpoint pipe of one table, as the generated Tinybird pipe publishes it: the replica's live rows
 * ordered by the key, without the version columns, each value printed as Tinybird prints its type.
 */
public final class EndpointPipe {

    /** Name and Tinybird type of each column the endpoint returns, as {@code meta} lists them. */
    public record Column(String name, String type) {
    }

    private EndpointPipe() {
    }

    /** The replica's types: key columns as they are, the others Nullable. */
    public static List<Column> columns(TableSchema table) {
        return table.columns().stream().map(c -> {
            ColumnType.Tinybird type = type(table, c).tinybird();
            return new Column(c.name(), table.primaryKey().contains(c.name()) ? type.latest() : type.latestNullable());
        }).toList();
    }

    /**
     * The pipe's query in DuckDB: {@code WHERE _is_deleted = 0} does what FINAL does with ENGINE_IS_DELETED
     * (the table already holds one row per key), and each value prints as ClickHouse prints it. Each row
     * comes back as one JSON object, in UTF-8 bytes ready to write to a response.
     */
    public static String duckDbJsonRows(TableSchema table, ReplicaNames names) {
        String fields = table.columns().stream().map(c -> "'" + c.name() + "': " + type(table, c).form().duckDbEndpoint(c.name()))
                .collect(Collectors.joining(", "));
        String order = table.primaryKey().stream()
                .map(k -> type(table, table.column(k).orElseThrow()).form().duckDbOrder(k)).collect(Collectors.joining(", "));
        // a struct of the printed values, so that the rows sort by the stored key (bytes by their bytes, not their base64)
        return "SELECT encode(to_json({" + fields + "})) FROM " + names.latest() + " WHERE _is_deleted = 0 ORDER BY " + order;
    }

    private static ColumnType type(TableSchema table, SourceColumn column) {
        return ColumnType.of(table, column);
    }
}
