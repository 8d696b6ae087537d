///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES ../lib/src/main/java/io/cdccookbook/Cookbook.java
//DESCRIPTION Create the CDC pipeline: users table, capture, replica and endpoint, locally or in Confluent Cloud and Tinybird.

import io.cdccookbook.Cookbook;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.Console;
import io.cdccookbook.cli.EventOptions;
import io.cdccookbook.cli.Reports;
import io.cdccookbook.cli.OptionRules;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.cli.TargetOptions;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.compare.Comparer;
import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.config.Redactor;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.pipeline.CloudPipeline;
import io.cdccookbook.pipeline.LocalPipeline;
import io.cdccookbook.pipeline.Target;
import io.cdccookbook.provision.RunningDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "create-pipeline", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = {"Creates the pipeline: the users table, change capture, the replica and its endpoint; generates",
                "--num-events initial events, waits until the replica has caught up, prints source and replica.",
                "Target local (no accounts): Debezium in this process, a DuckDB replica, an endpoint on localhost, served",
                "until Ctrl-C. Target tinybird: a Confluent Cloud CDC connector and Tinybird data sources and pipes."})
public class CreatePipeline implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    TargetOptions target;

    @Mixin
    EventOptions events;

    @Option(names = "--port", paramLabel = "PORT", description = "Local target: the endpoint's port (default: 7181 for PG, 7182 for MySQL; 0 picks one).")
    Integer port;

    @Option(names = "--exit-when-synced", description = "Local target: stop once the replica has caught up, instead of serving until Ctrl-C.")
    boolean exitWhenSynced;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait, after the initial events, for the replica to catch up (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--poll-interval", paramLabel = "MS", defaultValue = "100",
            description = "How often to compare source and endpoint while waiting (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "20", description = "Rows of source and replica to print (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(names = "--dry-run", description = "Tinybird target: print every request the command would make (secrets masked), change nothing.")
    boolean dryRun;

    @Option(names = "--tb-connect-kafka", description = "Tinybird target: only create Tinybird's Kafka connection to your Confluent cluster (the original's --tb-connect-kafka).")
    boolean tbConnectKafka;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new CreatePipeline(), args));
    }

    @Override
    public Integer call() throws Exception {
        OptionRules.seconds(common.spec(), "--timeout", timeoutSeconds);
        OptionRules.pollMillis(common.spec(), "--poll-interval", pollMillis);
        OptionRules.count(common.spec(), "--max-rows", maxRows, 0);
        if (port != null) {
            OptionRules.between(common.spec(), "--port", port, 0, 65535);
        }
        GeneratorOptions initialEvents = events.options();
        Console console = common.console();
        var settings = common.settings();
        Target.Choice choice = target.choose(settings, console);
        if (choice.target() == Target.TINYBIRD) {
            return cloud(settings, console, initialEvents);
        }
        List<String> tinybirdOnly = new ArrayList<>();
        if (dryRun) {
            tinybirdOnly.add("--dry-run");
        }
        if (tbConnectKafka) {
            tinybirdOnly.add("--tb-connect-kafka");
        }
        target.rejectTinybirdOnly(choice, tinybirdOnly);
        RunningDatabase db = source.choice(settings).provision();
        console.info(db.description());
        try (LocalPipeline pipeline = LocalPipeline.start(settings, db, port != null ? port : LocalPipeline.defaultPort(db.settings().kind()))) {
            console.println("Capturing " + pipeline.definition().tableIncludeList() + " (topic " + pipeline.definition().topic()
                    + ") into the local replica; endpoint " + pipeline.endpointUrl());
            Duration poll = Duration.ofMillis(pollMillis);
            PropagationRun run = PropagationRun.run(pipeline.comparer(), initialEvents, poll, Duration.ofSeconds(timeoutSeconds), c -> { });
            boolean identical = Reports.print(console, run, pipeline.source(), pipeline.endpoint(), poll);
            Reports.printBoth(console, pipeline.source(), pipeline.endpoint(), maxRows);
            if (!identical) {
                throw new CookbookException("The replica did not catch up within " + timeoutSeconds + " s of the last initial event.",
                        "Run again with --verbose to see what Debezium is doing, or raise --timeout.");
            }
            if (exitWhenSynced) {
                return 0;
            }
            String kind = pipeline.source().settings().kind().name();
            console.println("Serving " + pipeline.endpointUrl() + " until Ctrl-C. Its token is in "
                    + shown(pipeline.folder().tokenFile()) + ". In another terminal:");
            console.println("  ./jbang generate-events --source-db " + kind + " -n 100");
            console.println("  ./jbang compare-tables --source-db " + kind);
            // shown as it is: the masking would take "Bearer $(cat" for a token
            console.println(Redactor.shown("  curl -H \"Authorization: Bearer $(cat " + shown(pipeline.folder().tokenFile()) + ")\" ")
                    + pipeline.endpointUrl());
            pipeline.serveUntilStopped();
            return 0;
        }
    }

    /** A path as the user would type it from here: relative when it is below the working directory. */
    private static String shown(java.nio.file.Path file) {
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        return file.toAbsolutePath().startsWith(here) ? here.relativize(file.toAbsolutePath()).toString() : file.toString();
    }

    /** The cloud target: Confluent Cloud's connector, then Tinybird; waits until the endpoint matches. */
    private int cloud(io.cdccookbook.config.Settings settings, Console console, GeneratorOptions initialEvents) throws InterruptedException {
        if (port != null || exitWhenSynced) {
            throw new picocli.CommandLine.ParameterException(common.spec().commandLine(),
                    (port != null ? "--port" : "--exit-when-synced") + " applies to the local target only. Leave it out, or add --target local");
        }
        Plan plan = dryRun ? Plan.dryRun() : Plan.live();
        CloudPipeline cloud = new CloudPipeline(settings, source.sourceDb(settings), plan, console::println);
        if (tbConnectKafka) {
            cloud.connectKafka();
        } else {
            cloud.create(initialEvents);
        }
        if (dryRun) {
            console.println("Plan of requests (dry run: nothing was sent, nothing changed):");
            console.println(plan.describe());
            return 0;
        }
        if (tbConnectKafka) {
            return 0;
        }
        try (RunningDatabase db = cloud.database()) {
            Comparer comparer = cloud.comparer(db);
            Duration poll = Duration.ofMillis(Math.max(pollMillis, 1000)); // the endpoint counts against Tinybird's rate limits
            PropagationRun run = PropagationRun.run(comparer, initialEvents.withNumEvents(0), poll,
                    Duration.ofSeconds(timeoutSeconds), c -> { });
            boolean identical = Reports.print(console, run, comparer.source(), comparer.endpoint(), poll);
            Reports.printBoth(console, comparer.source(), comparer.endpoint(), maxRows);
            if (!identical) {
                throw new CookbookException("The Tinybird replica did not catch up within " + timeoutSeconds + " s.",
                        "Run compare-tables --target tinybird in a while (the first events can take minutes), or raise --timeout.");
            }
            return 0;
        }
    }
}
