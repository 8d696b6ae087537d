package io.cdccookbook.compare;

import io.cdccookbook.events.LatencyStats;
import io.cdccookbook.events.CommitListener;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Polls the endpoint until the replica equals the source, measuring on the way how long each generated
 * event took from its commit to the endpoint. Register it as the generator's {@link CommitListener} and
 * poll while the generator runs, so early events are timed when they arrive, not when generation ends.
 */
public final class ConvergenceWatcher implements CommitListener {

    /**
     * What the wait found.
     *
     * @param comparison  the last comparison
     * @param waited      from the start of the wait to its end
     * @param propagation from the last commit to the first identical poll (the original's figure); null
     *                    when nothing was generated or the replica never caught up
     * @param latency     commit-to-visible latency per event, as seen by the polls
     */
    public record Outcome(Comparison comparison, Duration waited, Duration propagation, LatencyStats.Summary latency,
                          long[] latencyMicros, boolean converged) {
        /**
         * True only when a complete read of both sides that began after the generator's last commit found no
         * difference and every generated event was seen: never because the wait ran out of time.
         */
        public boolean identical() {
            return converged && comparison.identical();
        }
    }

    private final Comparer comparer;
    private final Duration pollInterval;
    private final EventVisibility visibility;
    private final int id;

    public ConvergenceWatcher(Comparer comparer, Duration pollInterval) {
        this.comparer = comparer;
        this.pollInterval = pollInterval;
        this.visibility = new EventVisibility(comparer.rows());
        this.id = comparer.rows().indexOf("id");
    }

    @Override
    public void committed(java.util.List<io.cdccookbook.events.GeneratedEvent> events, Instant committedAt) {
        visibility.committed(events, committedAt);
    }

    /**
     * Polls while {@code generating} says the generator runs, then until the replica is identical and every
     * event is visible, at most {@code timeout} after the generator is done, or until {@code stopped} says
     * the generator was stopped (Ctrl-C: there is no verdict to wait for).
     *
     * @param progress hears each intermediate comparison
     */
    public Outcome await(Duration timeout, BooleanSupplier generating, BooleanSupplier stopped, Consumer<Comparison> progress)
            throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = null;
        Comparison last;
        while (true) {
            boolean stillGenerating = generating.getAsBoolean();
            if (!stillGenerating && deadline == null) {
                deadline = Instant.now().plus(timeout);
            }
            Set<String> wanted = visibility.pendingIds();
            Map<String, String[]> seen = new HashMap<>();
            Instant pollAt = Instant.now();
            last = comparer.compare(row -> {
                if (id >= 0 && wanted.contains(row[id])) {
                    seen.put(row[id], row);
                }
            });
            visibility.observe(seen, pollAt);
            // stillGenerating was read before this comparison began: a read that started after the last commit
            if (!stillGenerating && last.identical() && visibility.allVisible()) {
                Instant lastCommit = visibility.lastCommit();
                Duration propagation = lastCommit == null ? null : Duration.between(lastCommit, pollAt);
                return outcome(last, start, propagation, true);
            }
            if (deadline != null && Instant.now().isAfter(deadline) || stopped.getAsBoolean()) {
                return outcome(last, start, null, false);
            }
            progress.accept(last);
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private Outcome outcome(Comparison last, Instant start, Duration propagation, boolean converged) {
        long[] micros = visibility.latencies().samplesMicros();
        return new Outcome(last, Duration.between(start, Instant.now()), propagation, LatencyStats.summarise(micros), micros,
                converged);
    }

    /** Generated events not seen at the endpoint yet (a wait that ran out of time names a few). */
    public Set<String> unseenIds() {
        return visibility.pendingIds();
    }
}
