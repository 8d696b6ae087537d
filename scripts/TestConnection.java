///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES contents/TestConnection.java
//DESCRIPTION Check that the source database is reachable and ready for CDC.

import io.cdccookbook.Cookbook;
import io.cdccookbook.cli.ChecksTable;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.Console;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.cli.TableOptions;
import io.cdccookbook.cli.TargetOptions;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.config.Setting;
import io.cdccookbook.pipeline.Pipeline;
import io.cdccookbook.pipeline.Target;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.ReadinessCheck;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.table.TableChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
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
    TableOptions tables;

    @Mixin
    TargetOptions target;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new TestConnection(), args));
    }

    @Override
    public Integer call() {
        Console console = common.console();
        var settings = tables.applyTo(common.settings());
        if (!common.verbose()) {
            console.info(settings.fileNotice()); // (--verbose says it for every command)
        }
        Target.Choice choice = target.choose(settings, console);
        Pipeline pipeline = Pipeline.of(choice.target(), source.choice(settings), Plan.live(), console::info, console::info);
        try (RunningDatabase db = pipeline.serverToCheck()) {
            console.info(db.description());
            List<ReadinessCheck> checks = new ArrayList<>(TableChecks.all(db::database, settings.tables(),
                    settings.identifier(Setting.USERS_TABLE_NAME), settings.excludedColumns()));
            console.table(ChecksTable.of(db.settings().kind().displayName() + " source database", checks), 100);
            for (Pipeline.Checks more : pipeline.targetChecks()) {
                console.table(ChecksTable.of(more.title(), more.rows()), 100);
                checks.addAll(more.rows());
            }
            boolean ok = ChecksTable.allPassed(checks);
            long warnings = checks.stream().filter(c -> c.result() == ReadinessCheck.Result.WARN).count();
            console.println(!ok ? "Some checks failed: see the hints above."
                    : warnings == 0 ? "All checks passed." : "All checks passed, with " + warnings + " warning(s): see the hints above.");
            return ok ? 0 : 1;
        }
    }
}
