package io.cdccookbook.compare;

import io.cdccookbook.events.GenerationSummary;
import io.cdccookbook.events.Generator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The original's --compare-tables, measured better: generate events while polling the endpoint, then
 * wait until the replica equals the source. Reports the propagation time (last commit to identical) and
 * every event's commit-to-visible latency.
 *
 * @param generated    what the generator did, or null when there was none
 * @param outcome      what the polls found
 * @param stoppedEarly whether Ctrl-C stopped the generator: the wait ended with it, and the outcome is not a verdict
 */
public record PropagationRun(GenerationSummary generated, ConvergenceWatcher.Outcome outcome, boolean stoppedEarly) {

    /** Waits, generating nothing, until the replica equals the source or {@code timeout} has passed. */
    public static PropagationRun await(Comparer comparer, Duration pollInterval, Duration timeout, Consumer<Comparison> progress)
            throws InterruptedException {
        return run(comparer, null, pollInterval, timeout, progress);
    }

    /**
     * Runs {@code generator} (made for the comparer's table, {@link Generator#of}; null for none) while
     * watching the endpoint, then waits up to {@code timeout} after its last commit. A generator stopped by
     * Ctrl-C ends the wait at once: the command says what was committed and lets the shutdown go on.
     */
    public static PropagationRun run(Comparer comparer, Generator generator, Duration pollInterval, Duration timeout,
                                     Consumer<Comparison> progress) throws InterruptedException {
        ConvergenceWatcher watcher = new ConvergenceWatcher(comparer, pollInterval);
        CompletableFuture<GenerationSummary> generation = generator == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> generator.listening(watcher).run(done -> { }));
        ConvergenceWatcher.Outcome outcome = watcher.await(timeout, () -> !generation.isDone(),
                () -> generation.isDone() && generator != null && generator.stoppedEarly(), progress);
        try {
            GenerationSummary generated = generation.join();
            return new PropagationRun(generated, outcome, generator != null && generator.stoppedEarly());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
