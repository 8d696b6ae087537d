package io.cdccookbook.table;

import io.cdccookbook.CookbookException;

import java.util.regex.Pattern;

/**
 * A table name the cookbook can use unquoted everywhere: SQL on both servers, Debezium's include lists,
 * Tinybird's resource names. Lower case, as PostgreSQL folds unquoted names.
 */
public record TableName(String value) {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * Whether {@code name} is one the cookbook can use unquoted: a table's or a column's (ColumnName,
     * TableSchema, and so --exclude-column, take the same names).
     */
    public static boolean isPlain(String name) {
        return name != null && PLAIN.matcher(name).matches();
    }

    public TableName {
        if (!isPlain(value)) {
            throw new CookbookException("The table name '" + value + "' needs quoting in SQL, which the cookbook does not do.",
                    "Use a table whose name is lower-case letters, digits and _ (at most 63), not starting with a digit.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
