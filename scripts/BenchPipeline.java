///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES contents/BenchPipeline.java
//DESCRIPTION Benchmark the local pipeline: commit-to-visible latency at a steady rate, snapshot speed, compare speed.

import io.cdccookbook.Cookbook;
import io.cdccookbook.bench.PipelineBenchmark;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.OptionRules;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.config.Setting;
import io.cdccookbook.provision.RunningDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench-pipeline", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = {"Benchmarks the local pipeline on a scratch table (users_bench_pipeline) with a pipeline of its own:",
                "  latency  : --rate events/s (one commit each) for --seconds; commit-to-visible p50/p95/p99/max",
                "  snapshot : a table of --rows rows captured from scratch; rows/s into the replica; then one",
                "             compare of the whole table with the endpoint, timed"})
public class BenchPipeline implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    enum Scenario { LATENCY, SNAPSHOT, WIDE, ALL }

    @Option(names = "--scenario", defaultValue = "all", paramLabel = "latency|snapshot|wide|all",
            description = "What to measure; wide: a table of 20 columns of mixed types (default: ${DEFAULT-VALUE}).")
    Scenario scenario;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "N", description = "Latency: events per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "60", paramLabel = "S", description = "Latency: how long (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--rows", defaultValue = "1000000", paramLabel = "N", description = "Snapshot and compare: table size (default: ${DEFAULT-VALUE}).")
    int rows;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new BenchPipeline(), args));
    }

    @Override
    public Integer call() throws Exception {
        OptionRules.between(common.spec(), "--rate", rate, 1, OptionRules.MAX_WEIGHT);
        OptionRules.seconds(common.spec(), "--seconds", seconds);
        OptionRules.count(common.spec(), "--rows", rows, 1);
        var settings = common.settings().with(Map.of(Setting.USERS_TABLE_NAME, "users_bench_pipeline",
                Setting.CDC_STATE_DIR, common.settings().stateDir().resolve("bench").toString()));
        try (RunningDatabase db = source.provision(settings, common.console())) {
            PipelineBenchmark bench = new PipelineBenchmark(settings,
                    () -> RunningDatabase.borrowed(db), common.console()::println);
            common.console().println("Benchmark of the local pipeline on " + db.settings() + ", Java " + Runtime.version()
                    + ", " + Runtime.getRuntime().availableProcessors() + " cores, GC " + java.lang.management.ManagementFactory
                    .getGarbageCollectorMXBeans().stream().map(java.lang.management.GarbageCollectorMXBean::getName).toList());
            if (scenario == Scenario.LATENCY || scenario == Scenario.ALL) {
                bench.latency(rate, seconds);
            }
            if (scenario == Scenario.SNAPSHOT || scenario == Scenario.ALL) {
                bench.snapshot(rows);
            }
            if (scenario == Scenario.WIDE || scenario == Scenario.ALL) {
                bench.wideSnapshot(rows);
            }
        }
        return 0;
    }
}
