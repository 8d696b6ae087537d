///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES contents/CreatePipeline.java
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
import io.cdccookbook.cli.TableOptions;
import io.cdccookbook.cli.TargetOptions;
import io.cdccookbook.compare.Comparer;
import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.pipeline.CloudPipeline;
import io.cdccookbook.pipeline.LocalPipeline;
import io.cdccookbook.pipeline.Target;
import io.cdccookbook.provision.RunningDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
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
    TableOptions tables;

    @Mixin
    TargetOptions.WithDryRun target;

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
        Settings settings = tables.applyTo(common.settings());
        if (target.choose(settings, console).target() == Target.TINYBIRD) {
            return cloud(settings, console, initialEvents);
        }
        RunningDatabase db = source.choice(settings).provision();
        console.info(db.description());
        try (LocalPipeline pipeline = LocalPipeline.start(settings, db, port != null ? port : LocalPipeline.defaultPort(db.settings().kind()))) {
            console.println("Capturing " + pipeline.definition().tableIncludeList() + " (" + String.join(", ", pipeline.definition().topics())
                    + ") into the local replica; " + (pipeline.endpointUrls().size() == 1 ? "endpoint " : "endpoints ")
                    + String.join(", ", pipeline.endpointUrls()));
            for (Comparer comparer : pipeline.comparers()) {
                try {
                    if (!waitForReplica(console, comparer, settings.identifier(Setting.USERS_TABLE_NAME),
                            events.on(comparer.source().table(), settings.identifier(Setting.USERS_TABLE_NAME)), Duration.ofMillis(pollMillis),
                            "The replica did not catch up within " + timeoutSeconds + " s of the last initial event.",
                            "Run again with --verbose to see what Debezium is doing, or raise --timeout.")) {
                        return 130; // Ctrl-C, as a shell reports it
                    }
                } catch (CookbookException late) {
                    // a capture that failed is the reason, not the wait: say why it stopped
                    throw pipeline.captureFailure().orElse(late);
                }
            }
            if (!exitWhenSynced) {
                pipeline.serve(console::println);
            }
            return 0;
        }
    }

    /** The cloud target: Confluent Cloud's connector, then Tinybird; waits until the endpoint matches. */
    private int cloud(Settings settings, Console console, GeneratorOptions initialEvents) throws InterruptedException {
        CloudPipeline cloud = new CloudPipeline(settings, source.sourceDb(settings), target.plan(), console::println);
        if (tbConnectKafka) {
            cloud.connectKafka();
        } else {
            cloud.create(initialEvents, events.ownTables());
        }
        if (target.dryRun() || tbConnectKafka) {
            target.printOutcome(console, null);
            return 0;
        }
        try (RunningDatabase db = cloud.database()) {
            // the initial events were generated before Tinybird's data sources, as the original does
            for (Comparer comparer : cloud.comparers(db)) {
                waitForReplica(console, comparer, settings.identifier(Setting.USERS_TABLE_NAME), initialEvents.withNumEvents(0),
                        Duration.ofMillis(Math.max(pollMillis, cloud.defaultPollInterval().toMillis())),
                        "The Tinybird replica of " + comparer.source().table() + " did not catch up within " + timeoutSeconds + " s.",
                        "Run compare-tables --target tinybird in a while (the first events can take minutes), or raise --timeout.");
            }
            return 0;
        }
    }

    /**
     * Generates {@code events}, waits for the endpoint to match, prints both; throws when it did not. False
     * when Ctrl-C stopped the events (what was committed is said; the shutdown takes the pipeline down).
     */
    private boolean waitForReplica(Console console, Comparer comparer, String usersTable, GeneratorOptions events, Duration poll,
                                   String late, String hint) throws InterruptedException {
        PropagationRun run = Reports.propagate(console, comparer, usersTable, events, poll, Duration.ofSeconds(timeoutSeconds));
        if (run.stoppedEarly()) {
            return false;
        }
        boolean identical = Reports.print(console, run, comparer.source(), comparer.endpoint(), poll);
        Reports.printBoth(console, comparer, maxRows);
        if (!identical) {
            throw new CookbookException(late, hint);
        }
        return true;
    }
}
