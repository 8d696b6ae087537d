package io.cdccookbook.table;

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

    /**
     * A row of {@code SELECT <COLUMNS> FROM users}, columns in {@link #COLUMNS} order. Timestamps are read
     * as text: both drivers print them as {@code yyyy-MM-dd HH:mm:ss[.f...]}, so only the decimals need
     * padding, which is much cheaper than parsing (this runs a million times in a big comparison).
     */
    public static String[] fromResultSet(ResultSet rs) throws SQLException {
        String[] row = new String[COLUMNS.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = switch (KINDS[i]) {
                case FLAG -> {
                    boolean b = rs.getBoolean(i + 1);
                    yield rs.wasNull() ? null : b ? "1" : "0";
                }
                case TIMESTAMP -> {
                    String t = rs.getString(i + 1);
                    yield t == null ? null : timestamp(t);
                }
                default -> rs.getString(i + 1);
            };
        }
        return row;
    }

    private enum Kind { ID, TEXT, FLAG, TIMESTAMP }

    private static final Kind[] KINDS = COLUMNS.stream()
            .map(c -> c.equals("id") ? Kind.ID : FLAGS.contains(c) ? Kind.FLAG : TIMESTAMPS.contains(c) ? Kind.TIMESTAMP : Kind.TEXT)
            .toArray(Kind[]::new);

    private static final java.util.Map<String, Integer> INDEX = java.util.stream.IntStream.range(0, COLUMNS.size()).boxed()
            .collect(java.util.stream.Collectors.toMap(COLUMNS::get, i -> i));

    /** Where {@code column} goes in a row, or -1 when the users table has no such column. */
    public static int indexOf(String column) {
        return INDEX.getOrDefault(column, -1);
    }

    /** The canonical form of one value of {@code column}, from JSON text, a number or a boolean. */
    public static String canonical(String column, Object value) {
        return canonical(indexOf(column), value);
    }

    /** The canonical form of one value of the column at {@code index} (a million rows come through here). */
    public static String canonical(int index, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        String text = value.toString();
        Kind kind = index < 0 ? Kind.TEXT : KINDS[index];
        if (kind == Kind.FLAG || kind == Kind.ID) {
            if (text.equals("1") || text.equals("0")) {
                return text;
            }
            if (text.equals("true") || text.equals("false")) {
                return text.equals("true") ? "1" : "0";
            }
            if (isPlainInteger(text)) {
                return text; // an id, as JSON and JDBC both print it
            }
            return Long.toString((long) Double.parseDouble(text));
        }
        return kind == Kind.TIMESTAMP ? timestamp(text) : text;
    }

    private static boolean isPlainInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start || (text.charAt(start) == '0' && text.length() > start + 1)) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    public static String timestamp(LocalDateTime t) {
        return UsersTable.TIMESTAMP.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Accepts ISO and ClickHouse forms with 0 to 9 decimals, and epoch microseconds (raw events). The
     * common case, already canonical, returns at once.
     */
    static String timestamp(String text) {
        if (text.length() == 26 && text.charAt(10) == ' ' && text.charAt(19) == '.') {
            return text;
        }
        if (text.length() >= 19 && text.charAt(10) == ' ' && text.substring(19).matches("(\\.\\d{0,6})?")) {
            String fraction = text.length() > 20 ? text.substring(20) : "";
            return text.substring(0, 19) + "." + (fraction + "000000").substring(0, 6);
        }
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
