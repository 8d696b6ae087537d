///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES ../lib/src/main/java/io/cdccookbook/Cookbook.java
//DESCRIPTION Remove the CDC pipeline: capture, replica, state and the users table. Safe to run twice.

import io.cdccookbook.Cookbook;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.Console;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.cli.TargetOptions;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.pipeline.CloudPipeline;
import io.cdccookbook.pipeline.LocalPipelineRemover;
import io.cdccookbook.pipeline.ServerChoice;
import io.cdccookbook.pipeline.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
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
    TargetOptions target;

    @Option(names = "--dry-run", description = "Tinybird target: print every request the command would make (secrets masked), change nothing.")
    boolean dryRun;

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
        var settings = common.settings();
        Target.Choice choice = target.choose(settings, console);
        var kind = source.sourceDb(settings);
        if (choice.target() == Target.TINYBIRD) {
            Plan plan = dryRun ? Plan.dryRun() : Plan.live();
            CloudPipeline cloud = new CloudPipeline(settings, kind, plan, console::println);
            if (tbClean) {
                cloud.cleanTinybird(includeConnection);
            } else {
                cloud.remove(includeConnection);
            }
            if (dryRun) {
                console.println("Plan of requests (dry run: nothing was sent, nothing changed):");
                console.println(plan.describe());
            } else {
                console.println(tbClean ? "Tinybird resources removed." : "Cloud " + kind.displayName() + " pipeline removed.");
            }
            return 0;
        }
        List<String> tinybirdOnly = new ArrayList<>();
        if (dryRun) {
            tinybirdOnly.add("--dry-run");
        }
        if (includeConnection) {
            tinybirdOnly.add("--include-connection");
        }
        if (tbClean) {
            tinybirdOnly.add("--tb-clean");
        }
        target.rejectTinybirdOnly(choice, tinybirdOnly);
        ServerChoice.Removal removal = source.choice(settings).removal(console::info);
        removal.database().ifPresent(d -> console.info(d.description()));
        List<String> kept = new ArrayList<>(removal.kept());
        kept.addAll(new LocalPipelineRemover(console::println).remove(removal.folder(), removal.database(), removal.table()));
        // left on purpose is not a failure: everything the cookbook made is gone, and the verdict says what stayed
        console.println("Local " + kind.displayName() + " pipeline removed" + (kept.isEmpty() ? "." : "; left on purpose: "
                + String.join(", ", kept) + "."));
        return 0;
    }
}
