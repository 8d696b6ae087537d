///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES contents/GenerateEvents.java
//DESCRIPTION Generate INSERT, UPDATE and DELETE traffic on the users table of the source database.

import io.cdccookbook.Cookbook;
import io.cdccookbook.Shutdown;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.Console;
import io.cdccookbook.cli.EventOptions;
import io.cdccookbook.cli.Progress;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.config.Setting;
import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GenerationSummary;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "generate-events", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = {"Generates INSERT, UPDATE and DELETE events on the users table, as the Python original did:",
                "new users, onboarding steps (email verified, then onboarded), address changes and deletes.",
                "Creates the table if it is missing. Ends with a summary; shows progress on long runs at a terminal."})
public class GenerateEvents implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    EventOptions events;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new GenerateEvents(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        GeneratorOptions options = events.options();
        Console console = common.console();
        String table = common.settings().identifier(Setting.USERS_TABLE_NAME);
        try (RunningDatabase db = source.provision(common.settings(), console)) {
            SourceDatabase users = db.database(table);
            users.createUsersTable();
            EventGenerator generator = new EventGenerator(users, options);
            CountDownLatch reported = new CountDownLatch(1);
            // Ctrl-C: the generator stops after the event it is making, commits, and the summary below is
            // printed before the database is let go (the shutdown sequence runs this step first)
            try (Shutdown.Step onCtrlC = Shutdown.onExit("stop generating", () -> {
                generator.requestStop();
                reported.await(30, TimeUnit.SECONDS);
            }); Progress progress = Progress.start("Events", options.numEvents())) {
                try {
                    GenerationSummary summary = generator.run(progress::stepTo);
                    console.println((generator.stoppedEarly() ? "Stopped early (Ctrl-C); committed " : "") + summary);
                } finally {
                    reported.countDown(); // a failure is reported too: Ctrl-C need not wait for it
                }
            }
        }
        return 0;
    }
}
