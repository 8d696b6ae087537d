package io.cdccookbook.compare;

import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GenerationSummary;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.events.GeneratorOptions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The original's --compare-tables, measured better: generate events while polling the endpoint, then
 * wait until the replica equals the source. Reports the propagation time (last commit to identical) and
 * every event's commit-to-visible latency.
 *
 * @param generated what the generator did, or null when no events were asked for
 * @param outcome   what the polls found
 */
public record PropagationRun(GenerationSummary generated, ConvergenceWatcher.Outcome outcome) {

    /**
     * Whether events are generated on the comparer's table: the users demo's only, so far (a table with its
     * columns); another table is compared as it is.
     */
    public static boolean generatesOn(Comparer comparer) {
        return comparer.rows().columns().equals(SourceDatabase.COLUMNS);
    }

    public static PropagationRun run(Comparer comparer, GeneratorOptions asked, Duration pollInterval, Duration timeout,
                                     Consumer<Comparison> progress) throws InterruptedException {
        GeneratorOptions events = generatesOn(comparer) ? asked : asked.withNumEvents(0);
        ConvergenceWatcher watcher = new ConvergenceWatcher(comparer, pollInterval);
        CompletableFuture<GenerationSummary> generation = events.numEvents() == 0
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> new EventGenerator(comparer.source(), events).listening(watcher).run());
        ConvergenceWatcher.Outcome outcome = watcher.await(timeout, () -> !generation.isDone(), progress);
        try {
            return new PropagationRun(generation.join(), outcome);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
