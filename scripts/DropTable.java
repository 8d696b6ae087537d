///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES contents/DropTable.java
//DESCRIPTION Drop the users table from the source database.

import io.cdccookbook.Cookbook;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.config.Setting;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "drop-table", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = "Drops the users table from the source database (the original's --drop-table). Safe to run twice.")
public class DropTable implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new DropTable(), args));
    }

    @Override
    public Integer call() {
        String table = common.settings().identifier(Setting.USERS_TABLE_NAME);
        try (RunningDatabase db = source.provision(common.settings(), common.console())) {
            SourceDatabase users = db.database(table);
            boolean existed = users.dropUsersTable();
            if (users.tableIsThere()) {
                throw new CookbookException("Table " + users.shownTable() + " is still there after DROP TABLE.",
                        "Does another session hold a lock on it? Run drop-table again.");
            }
            common.console().println(existed ? "Dropped table " + users.shownTable() + "."
                    : "Table " + users.shownTable() + " did not exist; nothing to do.");
        }
        return 0;
    }
}
