package io.cdccookbook.table;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rows of one captured table in the text form compare-tables compares, whatever produced them: a JDBC
 * row of PostgreSQL or MySQL, or a JSON row of a Tinybird (or local) endpoint. A row is a String[] in the
 * table's column order; each value is in its column's {@link ValueForm}, NULL stays null. Rows sort by
 * the primary key as the replicas sort it, so the source and an endpoint can be walked side by side.
 */
public final class Rows {

    private final TableSchema table;
    private final List<String> columns;
    private final ValueForm[] forms;
    private final int[] key;
    private final Map<String, Integer> index = new HashMap<>();
    private final Comparator<String[]> keyOrder;

    private Rows(TableSchema table) {
        this.table = table;
        this.columns = table.columnNames();
        this.forms = table.columns().stream().map(c -> ColumnType.of(table, c).form()).toArray(ValueForm[]::new);
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        this.key = table.primaryKey().stream().mapToInt(index::get).toArray();
        Comparator<String[]> order = null;
        for (int k : key) {
            Comparator<String> values = forms[k].order();
            Comparator<String[]> byColumn = (a, b) -> values.compare(a[k], b[k]);
            order = order == null ? byColumn : order.thenComparing(byColumn);
        }
        this.keyOrder = order;
    }

    public static Rows of(TableSchema table) {
        return new Rows(table);
    }

    public TableSchema table() {
        return table;
    }

    public List<String> columns() {
        return columns;
    }

    public ValueForm form(int column) {
        return forms[column];
    }

    /** Where {@code column} goes in a row, or -1 when the table has no such column. */
    public int indexOf(String column) {
        return index.getOrDefault(column, -1);
    }

    /** The source query that reads every row in this form and in key order. */
    public String sourceQuery() {
        List<String> select = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            select.add(forms[i].sourceSelect(table.kind(), table.columns().get(i)));
        }
        String order = java.util.Arrays.stream(key).mapToObj(k -> forms[k].sourceOrder(table.kind(), table.columns().get(k)))
                .collect(Collectors.joining(", "));
        return "SELECT " + String.join(", ", select) + " FROM " + table.name() + " ORDER BY " + order;
    }

    /** A row of {@link #sourceQuery()}. */
    public String[] fromResultSet(ResultSet rs) throws SQLException {
        String[] row = new String[forms.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = forms[i].fromSource(rs, i + 1);
        }
        return row;
    }

    /** The form of one JSON value of the column at {@code index} (a million rows come through here). */
    public String canonical(int index, Object value) {
        return forms[index].fromJson(value);
    }

    /** Orders rows by their primary key, as the source query and the endpoints do. */
    public int compareKeys(String[] a, String[] b) {
        return keyOrder.compare(a, b);
    }

    public boolean sameKey(String[] a, String[] b) {
        for (int k : key) {
            if (!java.util.Objects.equals(a[k], b[k])) {
                return false;
            }
        }
        return true;
    }

    /** The row's key as a reader finds it: {@code id 42}, or {@code tenant 'acme', id 7}. */
    public String key(String[] row) {
        return java.util.Arrays.stream(key).mapToObj(k -> columns.get(k) + " " + (forms[k].numeric() ? row[k] : "'" + row[k] + "'"))
                .collect(Collectors.joining(", "));
    }

    /** The fields that differ, e.g. "email 'a@x' in source, 'b@x' in replica"; null when equal. */
    public String describeDifference(String[] source, String[] replica) {
        StringBuilder out = null;
        for (int i = 0; i < source.length; i++) {
            if (!java.util.Objects.equals(source[i], replica[i])) {
                out = out == null ? new StringBuilder() : out.append("; ");
                out.append(columns.get(i)).append(' ').append(quote(source[i])).append(" in source, ")
                        .append(quote(replica[i])).append(" in replica");
            }
        }
        return out == null ? null : out.toString();
    }

    /** A value as a difference shows it: a long one by its start and its length, so that a 1 MB value stays one line. */
    private static String quote(String value) {
        if (value == null) {
            return "NULL";
        }
        return value.length() <= 80 ? "'" + value + "'"
                : "'" + value.substring(0, 60) + String.format(java.util.Locale.ROOT, "...' (%,d characters)", value.length());
    }

    /** Rows as a tablesaw table of text columns, to print. */
    public Table toTable(String name, List<String[]> rows) {
        Table out = Table.create(name);
        for (int i = 0; i < columns.size(); i++) {
            int at = i;
            out.addColumns(StringColumn.create(columns.get(i), rows.stream().map(r -> r[at])));
        }
        return out;
    }
}
