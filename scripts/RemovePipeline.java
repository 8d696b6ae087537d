///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES contents/RemovePipeline.java
//DESCRIPTION Remove the CDC pipeline: capture, replica, state and the users table. Safe to run twice.

import io.cdccookbook.Cookbook;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.Console;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.cli.TableOptions;
import io.cdccookbook.cli.TargetOptions;
import io.cdccookbook.pipeline.Pipeline;
import io.cdccookbook.pipeline.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "remove-pipeline", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = {"Removes the pipeline. Local target: stops a running pipeline, drops PostgreSQL's replication slot",
                "and publication, drops the users table, deletes the replica, offsets and state. Tinybird target: deletes",
                "the Confluent connector and its topic, the Tinybird pipes, data sources and tokens (the Kafka connection",
                "only with --include-connection), the connector's slot and publication, and the table.",
                "Safe to run twice, or after a pipeline that was only half created."})
public class RemovePipeline implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    TableOptions tables;

    @Mixin
    TargetOptions.WithDryRun target;

    @Option(names = {"--include-connection", "--tb-include-connector"},
            description = "Tinybird target: also delete Tinybird's Kafka connection, which every source database's pipeline shares (the original's --tb-include-connector).")
    boolean includeConnection;

    @Option(names = "--tb-clean", description = "Tinybird target: remove only the Tinybird resources (the original's --tb-clean).")
    boolean tbClean;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new RemovePipeline(), args));
    }

    @Override
    public Integer call() {
        Console console = common.console();
        var settings = tables.applyTo(common.settings());
        Target.Choice choice = target.choose(settings, console);
        Pipeline pipeline = Pipeline.of(choice.target(), source.choice(settings), target.plan(), console::println, console::info);
        target.printOutcome(console, pipeline.remove(includeConnection, tbClean));
        return 0;
    }
}
