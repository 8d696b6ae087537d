///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/src/main/java/io/cdccookbook/Cookbook.java
//DESCRIPTION Check that the source database is reachable and ready for CDC.

import io.cdccookbook.Cookbook;
import io.cdccookbook.cli.ChecksTable;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.Console;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.config.Setting;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.ReadinessCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "test-connection", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = {"Connects to the source database and checks it is ready for change data capture",
                "(PostgreSQL: wal_level=logical, replication privilege, free slots; MySQL: log_bin, binlog_format=ROW,",
                "binlog_row_image=FULL, replication grants). Prints a table of checks with a hint for each failure.",
                "Exit code 0 only when every check passes."})
public class TestConnection implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new TestConnection(), args));
    }

    @Override
    public Integer call() {
        Console console = common.console();
        String table = common.settings().identifier(Setting.USERS_TABLE_NAME);
        try (RunningDatabase db = source.provision(common.settings(), console)) {
            List<ReadinessCheck> checks = db.database(table).check();
            console.table(ChecksTable.of(db.settings().kind().displayName() + " source database", checks), 100);
            boolean ok = ChecksTable.allPassed(checks);
            console.println(ok ? "All checks passed." : "Some checks failed: see the hints above.");
            return ok ? 0 : 1;
        }
    }
}
