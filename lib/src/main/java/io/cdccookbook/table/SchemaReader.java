package io.cdccookbook.table;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a table's {@link TableSchema} from the source's information_schema, the same views on both servers,
 * plus PostgreSQL's own catalog for what information_schema says vaguely ({@code ARRAY}, {@code USER-DEFINED}).
 */
public final class SchemaReader {

    private static final String COLUMNS = """
            SELECT column_name, data_type, %s, character_maximum_length, numeric_precision, numeric_scale,
                   datetime_precision, is_nullable, %s
            FROM information_schema.columns
            WHERE table_schema = %s AND table_name = ?
            ORDER BY ordinal_position""";

    private static final String PRIMARY_KEY = """
            SELECT k.column_name
            FROM information_schema.table_constraints t
            JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name
                 AND k.table_schema = t.table_schema AND k.table_name = t.table_name
            WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = %s AND t.table_name = ?
            ORDER BY k.ordinal_position""";

    /**
     * MariaDB's json is longtext with a CHECK (json_valid(`column`)) named after the column: the columns with
     * one. (MySQL's check_constraints has no table_name, so the table comes from table_constraints.)
     */
    private static final String MARIADB_JSON = """
            SELECT c.constraint_name
            FROM information_schema.check_constraints c
            JOIN information_schema.table_constraints t ON t.constraint_schema = c.constraint_schema
                 AND t.constraint_name = c.constraint_name
            WHERE t.constraint_type = 'CHECK' AND t.table_schema = DATABASE() AND t.table_name = ?
              AND c.check_clause = concat('json_valid(`', c.constraint_name, '`)')""";

    /** PostgreSQL's own names for the types: integer[], numeric(10,2), an enum's name; and which are enums. */
    private static final String PG_TYPES = """
            SELECT a.attname, format_type(a.atttypid, NULL), format_type(a.atttypid, a.atttypmod), t.typtype
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(?))
              AND a.attnum > 0 AND NOT a.attisdropped""";

    private SchemaReader() {
    }

    /** The schema of {@code database}'s table, every column; one readable line when it cannot be captured. */
    public static TableSchema read(SourceDatabase database) {
        return read(database, List.of());
    }

    /**
     * The schema of {@code database}'s table without the columns left out of the capture.
     *
     * @param excluded {@code table.column} names (CDC_EXCLUDE_COLUMNS); those of other tables are ignored
     */
    public static TableSchema read(SourceDatabase database, List<String> excluded) {
        SourceDb kind = database.settings().kind();
        String table = database.table();
        new TableName(table); // refuses a name that needs quoting
        if (!database.tableIsThere()) { // asked without creating the database, which connecting would
            String other = database.notATable();
            if (other != null) {
                throw new CookbookException(other + ".", "Name a table (a view or a partitioned table has no change stream of"
                        + " its own here; capture the tables behind it).");
            }
            throw new CookbookException("There is no table " + table + " in the " + kind.displayName() + " database "
                    + database.settings().shownDatabase() + " at " + database.settings().address() + ".",
                    "Check the table's name and the database setting (" + kind.database.name() + ").");
        }
        List<String> left = excluded.stream().filter(e -> e.startsWith(table + ".")).map(e -> e.substring(table.length() + 1)).toList();
        return database.run("read the columns of table " + table, c -> {
            List<String> generated = new ArrayList<>();
            List<SourceColumn> all = columns(c, kind, table, generated);
            List<String> key = primaryKey(c, kind, table);
            for (String column : left) {
                if (all.stream().noneMatch(col -> col.name().equals(column))) {
                    throw new CookbookException("The " + kind.displayName() + " table " + table + " has no column " + column
                            + " to leave out (CDC_EXCLUDE_COLUMNS or --exclude-column).", "Check the column's name.");
                }
                if (key.contains(column)) {
                    throw new CookbookException("The column " + table + "." + column + " is part of the primary key, which the"
                            + " replica needs: it cannot be left out.", "Leave out other columns, or the table.");
                }
            }
            for (String column : generated) {
                if (!left.contains(column)) { // PostgreSQL does not publish them: the replica would hold NULL
                    throw new CookbookException("The " + kind.displayName() + " column " + table + "." + column + " is generated,"
                            + " and Debezium does not receive generated columns' values on every change.",
                            "Leave it out with --exclude-column " + table + "." + column + " (CDC_EXCLUDE_COLUMNS).");
                }
            }
            List<SourceColumn> columns = all.stream().filter(col -> !left.contains(col.name())).toList();
            return new TableSchema(kind, table, columns, key);
        });
    }

    private static String schema(SourceDb kind) {
        return kind == SourceDb.PG ? "current_schema()" : "DATABASE()";
    }

    /** The columns in order; the names of generated ones are added to {@code generated}. */
    private static List<SourceColumn> columns(Connection c, SourceDb kind, String table, List<String> generated) throws SQLException {
        Map<String, String[]> pgTypes = kind == SourceDb.PG ? pgTypes(c, table) : Map.of();
        java.util.Set<String> json = kind == SourceDb.MYSQL ? mariaDbJson(c, table) : java.util.Set.of();
        List<SourceColumn> columns = new ArrayList<>();
        String sql = COLUMNS.formatted(kind == SourceDb.PG ? "udt_name" : "column_type",
                kind == SourceDb.PG ? "is_generated = 'ALWAYS'" : "extra LIKE '%GENERATED%'", schema(kind));
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (rs.getBoolean(9)) {
                        generated.add(name);
                    }
                    String type = rs.getString(2).toLowerCase(Locale.ROOT);
                    String fullType = rs.getString(3);
                    String[] pg = pgTypes.get(name);
                    if (pg != null) {
                        type = pg[2].equals("e") ? "enum" : pg[0];
                        fullType = pg[1];
                    }
                    if (type.equals("longtext") && json.contains(name)) {
                        type = "json";
                        fullType = "json";
                    }
                    boolean numeric = type.equals("numeric") || type.equals("decimal");
                    boolean time = type.startsWith("time") || type.startsWith("datetime");
                    columns.add(new SourceColumn(name, type, fullType.toLowerCase(Locale.ROOT),
                            intOr(rs, 4), numeric ? intOr(rs, 5) : time ? intOr(rs, 7) : -1, numeric ? intOr(rs, 6) : -1,
                            rs.getString(8).equalsIgnoreCase("YES")));
                }
            }
        }
        return columns;
    }

    private static java.util.Set<String> mariaDbJson(Connection c, String table) throws SQLException {
        java.util.Set<String> columns = new java.util.HashSet<>();
        try (PreparedStatement s = c.prepareStatement(MARIADB_JSON)) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static Map<String, String[]> pgTypes(Connection c, String table) throws SQLException {
        Map<String, String[]> types = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(PG_TYPES)) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        return types;
    }

    private static List<String> primaryKey(Connection c, SourceDb kind, String table) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(PRIMARY_KEY.formatted(schema(kind)))) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return key;
    }

    /** The number, or -1 when there is none; MySQL's LONGTEXT is 4294967295 characters long, so at most int's maximum. */
    private static int intOr(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? -1 : (int) Math.min(value, Integer.MAX_VALUE);
    }
}
