///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES contents/BenchGenerate.java
//DESCRIPTION Benchmark the event generator against a bare INSERT+COMMIT loop on the same database.

import io.cdccookbook.Cookbook;
import io.cdccookbook.bench.GeneratorBenchmark;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.OptionRules;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.provision.RunningDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "bench-generate", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = {"Runs the event generator with one commit per event and, in the same run, a bare loop of",
                "single-row INSERT + COMMIT on one connection (the ceiling for this workload), each on a scratch",
                "table after a warm-up, and prints the events/s of both (median of alternating rounds) and their ratio."})
public class BenchGenerate implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = {"-n", "--num-events"}, paramLabel = "N", defaultValue = "10000", description = "Events per measured run (default: ${DEFAULT-VALUE}).")
    int numEvents;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Measured rounds of each loop, alternating; the medians are compared (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the first generator round (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new BenchGenerate(), args));
    }

    @Override
    public Integer call() throws Exception {
        OptionRules.count(common.spec(), "--num-events", numEvents, 1);
        OptionRules.between(common.spec(), "--rounds", rounds, 1, 1_000);
        try (RunningDatabase db = source.provision(common.settings(), common.console())) {
            common.console().println("Benchmark: " + rounds + " rounds of " + numEvents + " events on " + db.settings());
            common.console().println(new GeneratorBenchmark(db.settings()).run(numEvents, rounds, seed).toString());
        }
        return 0;
    }
}
