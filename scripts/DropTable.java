///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES ../lib/src/main/java/io/cdccookbook/Cookbook.java
//DESCRIPTION Drop the users table from the source database.

import io.cdccookbook.Cookbook;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.config.Setting;
import io.cdccookbook.provision.RunningDatabase;
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
            boolean existed = db.database(table).dropUsersTable();
            common.console().println(existed ? "Dropped table " + table + "." : "Table " + table + " did not exist; nothing to do.");
        }
        return 0;
    }
}
