package io.cdccookbook.table;

import io.cdccookbook.CookbookException;

/**
 * A column of a table, {@code table.column}, as CDC_EXCLUDE_COLUMNS and {@code --exclude-column} name it: both
 * names the cookbook can use unquoted.
 */
public record ColumnName(TableName table, String column) {

    public ColumnName {
        if (!TableName.isPlain(column)) {
            throw new CookbookException("The column name '" + column + "' needs quoting in SQL, which the cookbook does not do.",
                    "Name a column of lower-case letters, digits and _ (at most 63), not starting with a digit.");
        }
    }

    /** {@code orders.picture}; one line saying what is wrong otherwise. */
    public static ColumnName parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("\\.", -1);
        if (parts.length != 2) {
            throw new CookbookException("'" + text + "' is not TABLE.COLUMN.", "Join the table's and the column's names with a dot,"
                    + " e.g. orders.picture.");
        }
        return new ColumnName(new TableName(parts[0]), parts[1]);
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
