package io.cdccookbook.compare;

import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.UsersTable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Rows of the users table in one canonical text form, whatever produced them: a JDBC row of PostgreSQL
 * or MySQL, or a JSON row of a Tinybird (or local) endpoint. Booleans become 1/0 (Tinybird's UInt8),
 * timestamps {@code yyyy-MM-dd HH:mm:ss.SSSSSS}, NULL stays null. A row is a String[] in
 * {@link #COLUMNS} order; element 0 is the id.
 */
public final class Rows {

    public static final List<String> COLUMNS = SourceDatabase.COLUMNS;
    static final Set<String> FLAGS = Set.of("email_verified", "onboarded", "deleted");
    static final Set<String> TIMESTAMPS = Set.of("created_at", "updated_at");

    private static final DateTimeFormatter ANY_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private Rows() {
    }

    public static int id(String[] row) {
        return Integer.parseInt(row[0]);
    }

    /** A row of {@code SELECT * FROM users}. */
    public static String[] fromResultSet(ResultSet rs) throws SQLException {
        String[] row = new String[COLUMNS.size()];
        for (int i = 0; i < row.length; i++) {
            String column = COLUMNS.get(i);
            if (FLAGS.contains(column)) {
                boolean b = rs.getBoolean(column);
                row[i] = rs.wasNull() ? null : b ? "1" : "0";
            } else if (TIMESTAMPS.contains(column)) {
                LocalDateTime t = rs.getObject(column, LocalDateTime.class);
                row[i] = t == null ? null : timestamp(t);
            } else {
                row[i] = rs.getString(column);
            }
        }
        return row;
    }

    /** The canonical form of one value of {@code column}, from JSON text, a number or a boolean. */
    public static String canonical(String column, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        String text = value.toString();
        if (FLAGS.contains(column) || column.equals("id")) {
            if (text.equals("true") || text.equals("false")) {
                return text.equals("true") ? "1" : "0";
            }
            return Long.toString((long) Double.parseDouble(text));
        }
        if (TIMESTAMPS.contains(column)) {
            return timestamp(text);
        }
        return text;
    }

    public static String timestamp(LocalDateTime t) {
        return UsersTable.TIMESTAMP.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    /** Accepts ISO and ClickHouse forms with 0 to 9 decimals, and epoch microseconds (raw events). */
    static String timestamp(String text) {
        if (text.chars().allMatch(Character::isDigit)) {
            long micros = Long.parseLong(text);
            return timestamp(LocalDateTime.of(1970, 1, 1, 0, 0).plus(micros, ChronoUnit.MICROS));
        }
        return timestamp(LocalDateTime.parse(text, ANY_TIMESTAMP));
    }

    /** Canonical rows as a tablesaw table, to print. */
    public static Table toTable(String name, List<String[]> rows) {
        Table table = Table.create(name);
        table.addColumns(IntColumn.create("id", rows.stream().mapToInt(Rows::id).toArray()));
        for (int i = 1; i < COLUMNS.size(); i++) {
            int at = i;
            table.addColumns(StringColumn.create(COLUMNS.get(i), rows.stream().map(r -> r[at])));
        }
        return table;
    }
}
