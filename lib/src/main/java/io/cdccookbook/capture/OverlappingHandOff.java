package io.cdccookbook.capture;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands each batch of change events to the sink on a thread of its own, so that Debezium reads and
 * converts the next batch while the sink stores this one, as a Kafka topic decouples a connector from
 * its consumers. Offsets stay safe: a batch is marked processed only after the sink has stored it, when
 * the next batch comes in or when the capture drains before closing. Batches are stored in order.
 */
final class OverlappingHandOff implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    /** A batch handed to the sink, not yet marked processed. */
    private record InFlight(List<ChangeEvent<String, String>> records,
                            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer, Future<?> stored) {

        void awaitAndMark() throws InterruptedException {
            try {
                stored.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Storing change events failed: " + e.getCause().getMessage(), e.getCause());
            }
            for (ChangeEvent<String, String> r : records) {
                committer.markProcessed(r);
            }
            committer.markBatchFinished();
        }
    }

    private final java.util.Set<String> topics;
    private final EmbeddedCapture.Sink sink;
    private final Consumer<Exception> onFailure;
    private final ExecutorService writer;
    private InFlight inFlight;
    private boolean draining;

    /** @param onFailure hears a failed store at once, so a failure does not wait for the next batch to surface */
    OverlappingHandOff(java.util.Collection<String> topics, EmbeddedCapture.Sink sink, Consumer<Exception> onFailure, String name) {
        this.topics = java.util.Set.copyOf(topics);
        this.sink = sink;
        this.onFailure = onFailure;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "replica-writer-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> records,
                            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
        InFlight previous;
        synchronized (this) {
            previous = inFlight;
            inFlight = null;
        }
        if (previous != null) {
            previous.awaitAndMark();
        }
        List<EmbeddedCapture.Change> batch = new ArrayList<>(records.size());
        for (ChangeEvent<String, String> r : records) {
            if (topics.contains(r.destination()) && r.value() != null) {
                batch.add(new EmbeddedCapture.Change(r.destination(), r.key(), r.value()));
            }
        }
        Future<?> stored = writer.submit(() -> {
            if (!batch.isEmpty()) {
                try {
                    sink.accept(batch);
                } catch (Exception e) {
                    onFailure.accept(e);
                    throw e;
                }
            }
            return null;
        });
        InFlight current = new InFlight(records, committer, stored);
        boolean markNow;
        synchronized (this) {
            markNow = draining;
            if (!markNow) {
                inFlight = current;
            }
        }
        if (markNow) {
            current.awaitAndMark(); // the capture is closing: nobody will come back for it
        }
    }

    /**
     * Before the engine stops: waits for the batch in flight and marks it, and from now on marks each batch
     * before returning, so that the offsets the engine flushes on closing cover everything stored.
     */
    void drain() throws InterruptedException {
        InFlight last;
        synchronized (this) {
            draining = true;
            last = inFlight;
            inFlight = null;
        }
        if (last != null) {
            last.awaitAndMark();
        }
    }

    void shutdown() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(30, TimeUnit.SECONDS);
    }
}
