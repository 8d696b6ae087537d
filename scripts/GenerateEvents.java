///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/src/main/java/io/cdccookbook/Cookbook.java
//DESCRIPTION Generate INSERT, UPDATE and DELETE traffic on the users table of the source database.

import io.cdccookbook.Cookbook;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.Console;
import io.cdccookbook.cli.Progress;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.config.Setting;
import io.cdccookbook.events.DeleteMode;
import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GenerationSummary;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "generate-events", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = {"Generates INSERT, UPDATE and DELETE events on the users table, as the Python original did:",
                "new users, onboarding steps (email verified, then onboarded), address changes and deletes.",
                "Creates the table if it is missing. Ends with a summary; shows progress on long runs at a terminal."})
public class GenerateEvents implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = {"-n", "--num-events"}, paramLabel = "N", defaultValue = "10", description = "Number of events (default: ${DEFAULT-VALUE}).")
    int numEvents;

    @Option(names = "--insert-weight", paramLabel = "W", defaultValue = "30", description = "Relative weight of inserts (default: ${DEFAULT-VALUE}).")
    int insertWeight;

    @Option(names = "--update-weight", paramLabel = "W", defaultValue = "60", description = "Relative weight of updates (default: ${DEFAULT-VALUE}).")
    int updateWeight;

    @Option(names = "--delete-weight", paramLabel = "W", defaultValue = "10", description = "Relative weight of deletes (default: ${DEFAULT-VALUE}).")
    int deleteWeight;

    @Option(names = "--address-update-probability", paramLabel = "P", defaultValue = "0.1",
            description = "Chance that an update changes address and phone instead of the next onboarding step (default: ${DEFAULT-VALUE}).")
    double addressUpdateProbability;

    @Option(names = "--delete-mode", defaultValue = "soft", paramLabel = "soft|hard|mixed",
            description = "soft: UPDATE deleted=TRUE, as the original (default); hard: DELETE the row; mixed: either, at random.")
    DeleteMode deleteMode;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the random choices and the fake data, to repeat a run exactly.")
    Long seed;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N", description = "At most N events per second (default: 0, as fast as possible).")
    double rate;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "Commit every N events (default: 1, one transaction per event).")
    int batch;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new GenerateEvents(), args));
    }

    @Override
    public Integer call() {
        GeneratorOptions options = options();
        Console console = common.console();
        String table = common.settings().identifier(Setting.USERS_TABLE_NAME);
        try (RunningDatabase db = source.provision(common.settings(), console)) {
            SourceDatabase users = db.database(table);
            users.createUsersTable();
            try (Progress progress = Progress.start("Events", numEvents)) {
                GenerationSummary summary = new EventGenerator(users, options).run(progress::stepTo);
                console.println(summary.toString());
            }
        }
        return 0;
    }

    private GeneratorOptions options() {
        try {
            return new GeneratorOptions(numEvents, insertWeight, updateWeight, deleteWeight, addressUpdateProbability,
                    deleteMode, seed, rate, batch);
        } catch (CookbookException e) {
            throw new CommandLine.ParameterException(common.spec().commandLine(), e.oneLine());
        }
    }
}
