package io.cdccookbook.endpoint;

import io.cdccookbook.table.ReplicaNames;

import java.util.List;

/**
 * The endpoint pipe, as tinybird/ publishes it: the replica's live rows ordered by id, without the
 * version columns. {@link #COLUMNS} are the ClickHouse types Tinybird reports in {@code meta}.
 */
public final class EndpointPipe {

    /** Name and Tinybird type of each column the endpoint returns. */
    public record Column(String name, String type) {
    }

    public static final List<Column> COLUMNS = List.of(
            new Column("id", "Int32"),
            new Column("name", "Nullable(String)"),
            new Column("email", "Nullable(String)"),
            new Column("address", "Nullable(String)"),
            new Column("phone_number", "Nullable(String)"),
            new Column("email_verified", "Nullable(UInt8)"),
            new Column("onboarded", "Nullable(UInt8)"),
            new Column("deleted", "Nullable(UInt8)"),
            new Column("lang", "Nullable(String)"),
            new Column("created_at", "Nullable(DateTime64(6))"),
            new Column("updated_at", "Nullable(DateTime64(6))"));

    private EndpointPipe() {
    }

    /**
     * The pipe's query in DuckDB: {@code WHERE _is_deleted = 0} does what FINAL does with ENGINE_IS_DELETED
     * (the table already holds one row per id), and timestamps print as ClickHouse prints DateTime64(6).
     * Each row comes back as one JSON object, in UTF-8 bytes ready to write to a response.
     */
    public static String duckDbJsonRows(ReplicaNames names) {
        return """
                SELECT encode(to_json(r)) FROM (
                    SELECT id, name, email, address, phone_number, email_verified, onboarded, deleted, lang,
                           strftime(created_at, '%%Y-%%m-%%d %%H:%%M:%%S.%%f') AS created_at,
                           strftime(updated_at, '%%Y-%%m-%%d %%H:%%M:%%S.%%f') AS updated_at
                    FROM %s WHERE _is_deleted = 0
                ) r ORDER BY r.id""".formatted(names.latest());
    }
}
