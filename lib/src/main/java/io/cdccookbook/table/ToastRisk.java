package io.cdccookbook.table;

import io.cdccookbook.source.ReadinessCheck;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL keeps large values out of line (TOAST), and unless the table has REPLICA IDENTITY FULL an UPDATE
 * that leaves one unchanged does not carry it: Debezium sends {@code __debezium_unavailable_value} instead
 * (null for bytea), which a replica would store over the real value. DebeziumTypeEncodingTest shows both.
 * This names a captured table at risk, so that nothing starts capturing it until it is FULL.
 */
public final class ToastRisk {

    private static final String IDENTITY = "SELECT relreplident FROM pg_class WHERE oid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(?))";

    private ToastRisk() {
    }

    /**
     * PostgreSQL moves values out of a row (TOAST) once the row is wider than about 2 kB (TOAST_TUPLE_THRESHOLD
     * of an 8 kB page), the widest variable-length values first. So a table whose row can never be that wide
     * has no TOASTed values; any other table can have any of its variable-length columns TOASTed, however short
     * each is declared (six varchar(1000) columns are, together).
     */
    static final int ROW_BYTES_BEFORE_TOAST = 2000;

    /** The columns that can be TOASTed: none when the widest possible row fits in a page's share, else every variable-length one. */
    static List<String> toastable(TableSchema table) {
        long widest = 24; // the row's header
        for (SourceColumn c : table.columns()) {
            widest += maxBytes(c);
        }
        if (widest <= ROW_BYTES_BEFORE_TOAST) {
            return List.of();
        }
        return table.columns().stream().filter(c -> !FIXED.containsKey(c.type())).map(SourceColumn::name).toList();
    }

    /** PostgreSQL's fixed-width types and their widths in bytes. */
    private static final java.util.Map<String, Integer> FIXED = java.util.Map.ofEntries(java.util.Map.entry("boolean", 1),
            java.util.Map.entry("smallint", 2), java.util.Map.entry("integer", 4), java.util.Map.entry("bigint", 8),
            java.util.Map.entry("real", 4), java.util.Map.entry("double precision", 8), java.util.Map.entry("date", 4),
            java.util.Map.entry("timestamp without time zone", 8), java.util.Map.entry("timestamp with time zone", 8),
            java.util.Map.entry("time without time zone", 8), java.util.Map.entry("time with time zone", 12),
            java.util.Map.entry("uuid", 16), java.util.Map.entry("money", 8));

    /** The most bytes a value can take in the row: a character is at most 4 bytes in UTF-8; unbounded types have no limit. */
    private static long maxBytes(SourceColumn c) {
        Integer fixed = FIXED.get(c.type());
        if (fixed != null) {
            return fixed;
        }
        if ((c.type().startsWith("character") || c.type().equals("bit")) && c.length() > 0) {
            return 4L * c.length() + 4;
        }
        if (c.type().equals("numeric") && c.precision() > 0) {
            return 8 + 2L * (c.precision() / 4 + 2); // base-10000 digits, plus the header, weight and scale
        }
        return Integer.MAX_VALUE;
    }

    /** The check for {@code db}'s table on PostgreSQL; empty on MySQL, which writes whole rows to its binlog. */
    public static Optional<ReadinessCheck> check(SourceDatabase db) {
        return check(db, List.of());
    }

    /** The check for the columns captured ({@code excluded}: {@code table.column} names left out). */
    public static Optional<ReadinessCheck> check(SourceDatabase db, List<String> excluded) {
        String table = db.table();
        if (db.settings().kind() != SourceDb.PG) {
            return Optional.empty();
        }
        String name = "replica identity of " + table;
        if (!db.tableIsThere()) {
            return Optional.of(ReadinessCheck.pass(name, "the table is not there yet"));
        }
        List<String> large = toastable(SchemaReader.read(db, excluded));
        String identity = db.run("read the replica identity of " + table, c -> {
            try (PreparedStatement s = c.prepareStatement(IDENTITY)) {
                s.setString(1, table);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "";
                }
            }
        });
        if (identity.equals("f")) {
            return Optional.of(ReadinessCheck.pass(name, "FULL"));
        }
        if (identity.equals("i") || identity.equals("n")) { // a delete would carry another key than the row's, or none
            return Optional.of(ReadinessCheck.fail(name, (identity.equals("i") ? "USING INDEX" : "NOTHING")
                            + ": Debezium's deletes would not carry the primary key, so the replica could delete the wrong row",
                    "Run ALTER TABLE " + table + " REPLICA IDENTITY FULL (or DEFAULT, when no value can be TOASTed)."));
        }
        if (large.isEmpty()) {
            return Optional.of(ReadinessCheck.pass(name, "no value can be TOASTed (the widest row fits in a page)"));
        }
        return Optional.of(ReadinessCheck.fail(name, "not FULL: an UPDATE that leaves " + String.join(", ", large)
                        + " unchanged would send Debezium's placeholder instead of the value (TOAST)",
                "Run ALTER TABLE " + table + " REPLICA IDENTITY FULL."));
    }
}
