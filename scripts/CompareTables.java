///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES contents/CompareTables.java
//DESCRIPTION Compare the source table with the replica's endpoint, and measure how fast changes propagate.

import io.cdccookbook.Cookbook;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.Console;
import io.cdccookbook.config.Setting;
import io.cdccookbook.cli.EventOptions;
import io.cdccookbook.cli.Reports;
import io.cdccookbook.cli.OptionRules;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.cli.TableOptions;
import io.cdccookbook.cli.TargetOptions;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.compare.Comparer;
import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.pipeline.Pipeline;
import io.cdccookbook.pipeline.Target;
import io.cdccookbook.provision.RunningDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "compare-tables", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = {"Compares the source table with the endpoint, field by field (booleans, timestamps and NULLs",
                "normalized). Like the original, it then generates --num-events events and waits up to --timeout for",
                "the endpoint to match again, printing the propagation time (last commit to identical endpoint) and",
                "each event's commit-to-visible latency (p50/p95/p99/max). Exit code 0 only when identical."})
public class CompareTables implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    TableOptions tables;

    @Mixin
    TargetOptions target;

    @Mixin
    EventOptions events;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait, after the last generated event, for the replica to match (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--poll-interval", paramLabel = "MS",
            description = "How often to read the endpoint while waiting; the latency figures are this precise (default: 100 locally, 1000 on Tinybird).")
    Long pollMillis;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new CompareTables(), args));
    }

    @Override
    public Integer call() throws Exception {
        OptionRules.seconds(common.spec(), "--timeout", timeoutSeconds);
        if (pollMillis != null) {
            OptionRules.pollMillis(common.spec(), "--poll-interval", pollMillis);
        }
        events.options(); // checked before anything connects
        Console console = common.console();
        var settings = tables.applyTo(common.settings());
        Target.Choice choice = target.choose(settings, console);
        Pipeline pipeline = Pipeline.of(choice.target(), source.choice(settings), Plan.live(), console::info, console::info);
        try (RunningDatabase db = pipeline.pipelineDatabase()) {
            console.info(db.description());
            Duration poll = pollMillis != null ? Duration.ofMillis(pollMillis) : pipeline.defaultPollInterval();
            boolean allIdentical = true;
            for (Comparer comparer : pipeline.comparers(db)) { // one verdict per table; 0 only when every one is identical
                String usersTable = settings.identifier(Setting.USERS_TABLE_NAME);
                PropagationRun run = Reports.propagate(console, comparer, usersTable, events.on(comparer.source().table(), usersTable),
                        poll, Duration.ofSeconds(timeoutSeconds));
                if (run.stoppedEarly()) {
                    return 130; // Ctrl-C, as a shell reports it: no verdict
                }
                allIdentical &= Reports.print(console, run, comparer.source(), comparer.endpoint(), poll);
            }
            return allIdentical ? 0 : 1;
        }
    }
}
