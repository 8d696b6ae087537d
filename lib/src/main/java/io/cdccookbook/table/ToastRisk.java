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

    /** Columns whose values can be large enough to be TOASTed: unbounded text, json, bytes and arrays. */
    static List<String> toastable(TableSchema table) {
        return table.columns().stream().filter(c -> c.type().equals("text") || c.type().equals("json")
                        || c.type().equals("jsonb") || c.type().equals("bytea") || c.type().equals("xml") || c.type().endsWith("[]")
                        || c.type().equals("character varying") && (c.length() < 0 || c.length() > 2000))
                .map(SourceColumn::name).toList();
    }

    /** The check for {@code db}'s table on PostgreSQL; empty on MySQL, which writes whole rows to its binlog. */
    public static Optional<ReadinessCheck> check(SourceDatabase db) {
        String table = db.table();
        if (db.settings().kind() != SourceDb.PG) {
            return Optional.empty();
        }
        String name = "replica identity of " + table;
        if (!db.tableIsThere()) {
            return Optional.of(ReadinessCheck.pass(name, "the table is not there yet"));
        }
        List<String> large = toastable(SchemaReader.read(db));
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
        if (large.isEmpty()) {
            return Optional.of(ReadinessCheck.pass(name, "no column can be TOASTed"));
        }
        return Optional.of(ReadinessCheck.fail(name, "not FULL: an UPDATE that leaves " + String.join(", ", large)
                        + " unchanged would send Debezium's placeholder instead of the value (TOAST)",
                "ALTER TABLE " + table + " REPLICA IDENTITY FULL"));
    }
}
