///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/src/main/java/io/cdccookbook/Cookbook.java
//DESCRIPTION Remove the CDC pipeline: capture, replica, state and the users table. Safe to run twice.

import io.cdccookbook.Cookbook;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.Console;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.pipeline.LocalPipelineRemover;
import io.cdccookbook.pipeline.Target;
import io.cdccookbook.provision.DatabaseProvisioner;
import io.cdccookbook.provision.RunningDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "remove-pipeline", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = {"Removes the pipeline. Local target: stops a running pipeline, drops PostgreSQL's replication slot",
                "and publication, drops the users table, deletes the replica, offsets and state. Safe to run twice,",
                "or after a pipeline that was only half created."})
public class RemovePipeline implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Option(names = "--target", paramLabel = "local|tinybird",
            description = "Which pipeline to remove. Default: tinybird when TINYBIRD_API_KEY is set, else local.")
    String target;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new RemovePipeline(), args));
    }

    @Override
    public Integer call() {
        Console console = common.console();
        var settings = common.settings();
        Target.Choice choice = Target.choose(target, settings);
        console.info(choice.toString());
        if (choice.target() == Target.TINYBIRD) {
            throw new CookbookException("The tinybird target is not available in this build.", "Use --target local.");
        }
        var kind = source.sourceDb(settings);
        new LocalPipelineRemover(settings, kind, console::println).remove(state -> {
            if (state.isEmpty()) {
                return source.provision(settings, console);
            }
            RunningDatabase db = DatabaseProvisioner.provision(kind, state.get().provider(), settings);
            console.info(db.description());
            return db;
        });
        console.println("Local " + kind.displayName() + " pipeline removed.");
        return 0;
    }
}
