package io.cdccookbook.compare;

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
                          long[] latencyMicros) {
        public boolean identical() {
            return comparison.identical();
        }
    }

    private final Comparer comparer;
    private final Duration pollInterval;
    private final EventVisibility visibility = new EventVisibility();

    public ConvergenceWatcher(Comparer comparer, Duration pollInterval) {
        this.comparer = comparer;
        this.pollInterval = pollInterval;
    }

    @Override
    public void committed(java.util.List<io.cdccookbook.events.GeneratedEvent> events, Instant committedAt) {
        visibility.committed(events, committedAt);
    }

    /**
     * Polls until the replica is identical, every event is visible and {@code generating} says the
     * generator is done, or until {@code timeout}.
     *
     * @param progress hears each intermediate comparison
     */
    public Outcome await(Duration timeout, BooleanSupplier generating, Consumer<Comparison> progress)
            throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        Comparison last;
        while (true) {
            boolean stillGenerating = generating.getAsBoolean();
            Set<Integer> wanted = visibility.pendingIds();
            Map<Integer, String[]> seen = new HashMap<>();
            Instant pollAt = Instant.now();
            last = comparer.compare(row -> {
                int id = Rows.id(row);
                if (wanted.contains(id)) {
                    seen.put(id, row);
                }
            });
            visibility.observe(seen, pollAt);
            if (!stillGenerating && last.identical() && visibility.allVisible()) {
                Instant lastCommit = visibility.lastCommit();
                Duration propagation = lastCommit == null ? null : Duration.between(lastCommit, pollAt);
                return outcome(last, start, propagation);
            }
            if (Instant.now().isAfter(deadline)) {
                return outcome(last, start, null);
            }
            progress.accept(last);
            Thread.sleep(pollInterval.toMillis());
        }
    }

    private Outcome outcome(Comparison last, Instant start, Duration propagation) {
        long[] micros = visibility.latencies().samplesMicros();
        return new Outcome(last, Duration.between(start, Instant.now()), propagation, LatencyStats.summarise(micros), micros);
    }
}
