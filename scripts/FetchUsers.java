///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES contents/FetchUsers.java
//DESCRIPTION Print the users table of the source database.

import io.cdccookbook.Cookbook;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.OptionRules;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.cli.TableOptions;
import io.cdccookbook.config.Settings;
import io.cdccookbook.table.Rows;
import io.cdccookbook.table.SchemaReader;
import io.cdccookbook.config.Setting;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "fetch-users", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = "Prints the users table of the source database, ordered by id (the original's --fetch-users).")
public class FetchUsers implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    TableOptions tables;

    @Option(names = "--max-rows", defaultValue = "50", paramLabel = "N",
            description = "Print at most N rows; a longer table shows its first and last rows; 0 prints only the count (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Mixin
    CommonOptions common;

    /** A table of the user's, in the text forms compare-tables compares (its model says which). */
    private static Table fetch(SourceDatabase source, List<String> excluded) {
        Rows shape = Rows.of(SchemaReader.read(source, excluded));
        List<String[]> rows = new ArrayList<>();
        source.forEachRow(shape.sourceQuery(), rs -> rows.add(shape.fromResultSet(rs)));
        return shape.toTable(source.table(), rows);
    }

    public static void main(String... args) {
        System.exit(Cli.run(new FetchUsers(), args));
    }

    @Override
    public Integer call() {
        OptionRules.count(common.spec(), "--max-rows", maxRows, 0);
        Settings settings = tables.applyTo(common.settings());
        String usersTable = settings.identifier(Setting.USERS_TABLE_NAME);
        try (RunningDatabase db = source.provision(settings, common.console())) {
            for (String table : settings.tables()) {
                SourceDatabase source = db.database(table);
                if (table.equals(usersTable) && !source.tableIsThere()) {
                    common.console().println("Table " + source.shownTable() + " does not exist yet: generate-events or create-pipeline creates it.");
                    continue;
                }
                Table rows = table.equals(usersTable) ? source.fetchUsers() : fetch(source, settings.excludedColumns()); // the demo's with its own types
                if (settings.tables().size() > 1) {
                    common.console().println("Table " + source.shownTable() + ":");
                }
                if (maxRows > 0) {
                    common.console().table(rows, maxRows);
                }
                common.console().println(rows.rowCount() + " rows.");
            }
        }
        return 0;
    }
}
