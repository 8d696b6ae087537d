package io.cdccookbook.table;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDb;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A source table as the cookbook captures it: its columns in order and its primary key. Everything the
 * pipeline makes for a table (Debezium's include lists, the replica's tables, the endpoint's types, the
 * Tinybird datafiles, compare-tables' normalization) is derived from this.
 *
 * @param kind       the source database it lives in
 * @param name       the table's name
 * @param columns    in the table's order
 * @param primaryKey the key's column names, in key order; never empty
 */
public record TableSchema(SourceDb kind, String name, List<SourceColumn> columns, List<String> primaryKey) {

    public TableSchema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        if (columns.isEmpty()) {
            throw new CookbookException("The " + kind.displayName() + " table " + name + " has no columns, or is not there.",
                    "Check the table's name (and the database it is in).");
        }
        if (primaryKey.isEmpty()) {
            throw new CookbookException("The " + kind.displayName() + " table " + name + " has no primary key: the replica"
                    + " keeps the newest row per key (ReplacingMergeTree), so it needs one.",
                    "Add one (ALTER TABLE " + name + " ADD PRIMARY KEY (...)), or leave the table out.");
        }
        for (SourceColumn c : columns) {
            String problem = nameProblem(c.name());
            if (problem != null) {
                // only a column --exclude-column can name and a pipeline can do without may be left out
                boolean quoted = !TableName.isPlain(c.name());
                String hint = primaryKey.contains(c.name()) ? "Rename it: a key column cannot be left out."
                        : quoted ? "Rename it (a name that needs quoting cannot be left out either: --exclude-column takes plain names)."
                        : "Rename it, or leave it out with --exclude-column " + name + "." + c.name() + " (CDC_EXCLUDE_COLUMNS).";
                throw new CookbookException("The " + kind.displayName() + " column " + name + "." + c.name() + " " + problem + ".", hint);
            }
        }
        for (String key : primaryKey) {
            if (columns.stream().noneMatch(c -> c.name().equals(key))) {
                throw new IllegalArgumentException("key column " + key + " is not a column of " + name);
            }
        }
    }

    /** Columns the events and the replicas add themselves: a source column may not take their names. */
    static final Set<String> RESERVED = Set.of("__value", "__topic", "__partition", "__offset", "__timestamp", "__key",
            "__op", "__source_ts_ms", "__deleted", "_version", "_is_deleted");

    /**
     * SQL's reserved words, which the generated SQL (ClickHouse's and DuckDB's, unquoted) cannot use as names:
     * the standard's, and every word DuckDB reserves or keeps for types and functions (TableSchemaTest checks
     * them against DuckDB's own list, duckdb_keywords()).
     */
    static final Set<String> SQL_WORDS = Set.of("all", "analyse", "analyze", "and", "anti", "any", "array", "as",
            "asc", "asof", "asymmetric", "at", "authorization", "between", "binary", "both", "by", "case", "cast",
            "check", "collate", "collation", "column", "columns", "concurrently", "constraint", "create", "cross",
            "default", "deferrable", "delete", "desc", "describe", "distinct", "do", "drop", "else", "end", "except",
            "exists", "false", "fetch", "for", "foreign", "freeze", "from", "full", "generated", "glob", "grant",
            "group", "having", "ilike", "in", "initially", "inner", "insert", "intersect", "interval", "into", "is",
            "isnull", "join", "key", "lambda", "lateral", "leading", "left", "like", "limit", "map", "natural", "not",
            "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "pivot", "pivot_longer",
            "pivot_wider", "placing", "positional", "primary", "qualify", "references", "returning", "right", "select",
            "semi", "set", "show", "similar", "some", "struct", "summarize", "symmetric", "table", "tablesample",
            "then", "to", "trailing", "true", "try_cast", "union", "unique", "unpack", "unpivot", "update", "user",
            "using", "values", "variadic", "verbose", "when", "where", "window", "with");

    /** Why a column name cannot be used unquoted everywhere, or null. */
    static String nameProblem(String column) {
        if (!TableName.isPlain(column)) {
            return "has a name that needs quoting in SQL, which the cookbook does not do";
        }
        if (RESERVED.contains(column)) {
            return "has a name the change events or the replica use themselves";
        }
        return SQL_WORDS.contains(column) ? "is named with a word SQL reserves" : null;
    }

    public Optional<SourceColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(SourceColumn::name).toList();
    }
}
