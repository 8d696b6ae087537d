package io.cdccookbook.table;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.ReadinessCheck;
import io.cdccookbook.source.SourceDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Whether the cookbook can capture each of the user's own tables (the users demo's table has checks of its
 * own, in {@link SourceDatabase#check()}): it is there, has a primary key and columns of types it maps, and on
 * PostgreSQL no TOASTable column Debezium could not send unchanged ({@link ToastRisk}).
 */
public final class TableChecks {

    private TableChecks() {
    }

    /**
     * Every check of a pipeline of {@code tables}: the server's (with the users demo's table row when it is
     * captured), then, on a ready server, the users demo's TOAST risk and each other table's rows.
     *
     * @param tableOf  the source database of a table name
     * @param excluded the columns left out, {@code table.column}
     */
    public static List<ReadinessCheck> all(Function<String, SourceDatabase> tableOf, List<String> tables, String usersTable,
                                           List<String> excluded) {
        boolean withUsers = tables.contains(usersTable);
        SourceDatabase first = tableOf.apply(withUsers ? usersTable : tables.get(0));
        List<ReadinessCheck> checks = new ArrayList<>(first.check(withUsers));
        for (String column : excluded) {
            if (!tables.contains(column.substring(0, column.indexOf('.')))) {
                checks.add(ReadinessCheck.fail("excluded columns", "CDC_EXCLUDE_COLUMNS (or --exclude-column) names " + column
                        + ", of a table that is not captured", "Name columns of the captured tables: " + String.join(", ", tables) + "."));
            }
        }
        if (checks.stream().allMatch(ReadinessCheck::passed)) { // the tables can be read only on a ready server
            if (withUsers) {
                ToastRisk.check(first, excluded).ifPresent(checks::add);
            }
            for (String table : tables) {
                if (!table.equals(usersTable)) {
                    checks.addAll(of(tableOf.apply(table), excluded));
                }
            }
        }
        return checks;
    }

    /** One row per table (and one per TOAST risk); a table that cannot be read fails with the reason in one line. */
    public static List<ReadinessCheck> of(SourceDatabase table, List<String> excluded) {
        List<ReadinessCheck> checks = new ArrayList<>();
        String name = "table " + table.table();
        try {
            TableSchema schema = SchemaReader.read(table, excluded);
            for (SourceColumn c : schema.columns()) {
                ColumnType.of(schema, c); // one line naming a column no rule maps
            }
            checks.add(ReadinessCheck.pass(name, schema.columns().size() + " columns, key (" + String.join(", ", schema.primaryKey())
                    + ")"));
            ToastRisk.check(table, excluded).ifPresent(checks::add);
        } catch (CookbookException e) {
            String reason = e.getMessage().endsWith(".") ? e.getMessage().substring(0, e.getMessage().length() - 1) : e.getMessage();
            checks.add(ReadinessCheck.fail(name, reason, e.hint() == null ? "" : e.hint())); // the row adds its own full stop
        }
        return checks;
    }
}
