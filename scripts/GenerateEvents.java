///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES contents/GenerateEvents.java
//DESCRIPTION Generate INSERT, UPDATE and DELETE traffic on the users table of the source database, or on tables of your own.

import io.cdccookbook.Cookbook;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.Console;
import io.cdccookbook.cli.EventOptions;
import io.cdccookbook.cli.Progress;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.cli.StopOnCtrlC;
import io.cdccookbook.cli.TableOptions;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GenerationSummary;
import io.cdccookbook.events.Generator;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.events.TableEventGenerator;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.table.SchemaReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "generate-events", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = {"Generates INSERT, UPDATE and DELETE events on the users table, as the Python original did:",
                "new users, onboarding steps (email verified, then onboarded), address changes and deletes.",
                "Creates the table if it is missing. On a table of your own (--table), type-valid inserts, updates and",
                "hard deletes from its columns, with edges (NULL, extremes, Unicode, 1 MB) at --edge-values.",
                "Ends with a summary; shows progress on long runs at a terminal."})
public class GenerateEvents implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    TableOptions tables;

    @Mixin
    EventOptions events;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new GenerateEvents(), args));
    }

    @Override
    public Integer call() {
        GeneratorOptions options = events.options();
        Console console = common.console();
        Settings settings = tables.applyTo(common.settings());
        String usersDemo = settings.identifier(Setting.USERS_TABLE_NAME);
        try (RunningDatabase db = source.provision(settings, console)) {
            // check first: every table of one's own is read and mapped before the users demo's table is made
            Map<String, Generator> generators = new LinkedHashMap<>();
            for (String table : settings.tables()) {
                if (!table.equals(usersDemo)) {
                    SourceDatabase database = db.database(table);
                    generators.put(table, new TableEventGenerator(database, SchemaReader.read(database, settings.excludedColumns()), options));
                }
            }
            if (settings.tables().contains(usersDemo)) {
                SourceDatabase users = db.database(usersDemo);
                users.createUsersTable();
                generators.put(usersDemo, new EventGenerator(users, options));
            }
            for (Map.Entry<String, Generator> g : generators.entrySet()) {
                if (!generate(console, g.getValue(), options, generators.size() == 1 ? "" : "Table " + g.getKey() + ": ")) {
                    break; // Ctrl-C: the next tables get nothing
                }
            }
        }
        return 0;
    }

    /** Runs one generator to its summary; false when Ctrl-C stopped it. */
    private static boolean generate(Console console, Generator generator, GeneratorOptions options, String prefix) {
        // Ctrl-C: the generator stops after the event it is making, commits, and the summary below is
        // printed before the database is let go (the shutdown sequence runs this step first)
        try (StopOnCtrlC stop = new StopOnCtrlC(generator); Progress progress = Progress.start("Events", options.numEvents())) {
            GenerationSummary summary = generator.run(progress::stepTo);
            console.println(prefix + (generator.stoppedEarly() ? StopOnCtrlC.STOPPED_EARLY : "") + summary);
            return !generator.stoppedEarly();
        }
    }
}
