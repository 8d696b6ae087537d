package io.cdccookbook.table;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDb;

import java.util.List;
import java.util.Optional;

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
        for (String key : primaryKey) {
            if (columns.stream().noneMatch(c -> c.name().equals(key))) {
                throw new IllegalArgumentException("key column " + key + " is not a column of " + name);
            }
        }
    }

    public Optional<SourceColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(SourceColumn::name).toList();
    }
}
