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
import io.cdccookbook.config.Setting;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

import java.util.concurrent.Callable;

@Command(name = "fetch-users", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = "Prints the users table of the source database, ordered by id (the original's --fetch-users).")
public class FetchUsers implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--max-rows", defaultValue = "50", paramLabel = "N",
            description = "Print at most N rows; a longer table shows its first and last rows; 0 prints only the count (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new FetchUsers(), args));
    }

    @Override
    public Integer call() {
        OptionRules.count(common.spec(), "--max-rows", maxRows, 0);
        String table = common.settings().identifier(Setting.USERS_TABLE_NAME);
        try (RunningDatabase db = source.provision(common.settings(), common.console())) {
            SourceDatabase users = db.database(table);
            boolean exists = users.tableIsThere();
            if (!exists) {
                common.console().println("Table " + users.shownTable() + " does not exist yet: generate-events or create-pipeline creates it.");
                return 0;
            }
            Table rows = users.fetchUsers();
            if (maxRows > 0) {
                common.console().table(rows, maxRows);
            }
            common.console().println(rows.rowCount() + " rows.");
        }
        return 0;
    }
}
