package io.cdccookbook.compare;

import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GenerationSummary;
import io.cdccookbook.events.Generator;
import io.cdccookbook.events.TableEventGenerator;
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
     * Generates {@code events} on the comparer's table while watching the endpoint: the users demo's
     * generator on the table named {@code usersTable} (its events' latency is measured by their updated_at),
     * else {@link TableEventGenerator} from the table's model (the propagation time only). By name, as
     * generate-events and the cloud target decide: a table of one's own gets the same generator everywhere.
     */
    public static PropagationRun run(Comparer comparer, String usersTable, GeneratorOptions events, Duration pollInterval,
                                     Duration timeout, Consumer<Comparison> progress) throws InterruptedException {
        ConvergenceWatcher watcher = new ConvergenceWatcher(comparer, pollInterval);
        boolean usersDemo = comparer.source().table().equals(usersTable);
        // made before the first event, so that a table the generator cannot work on fails here, with nothing generated
        Generator generator = events.numEvents() == 0 ? null : usersDemo
                ? new EventGenerator(comparer.source(), events).listening(watcher)
                : new TableEventGenerator(comparer.source(), comparer.rows().table(), events).listening(watcher);
        CompletableFuture<GenerationSummary> generation = generator == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> generator.run(done -> { }));
        ConvergenceWatcher.Outcome outcome = watcher.await(timeout, () -> !generation.isDone(), progress);
        try {
            return new PropagationRun(generation.join(), outcome);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
