package io.cdccookbook.capture;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Redactor;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Debezium's embedded engine, in this process, capturing one table. Each batch of change events goes
 * to a {@link Sink}, which stores it while Debezium reads the next ({@link OverlappingHandOff}); a batch is
 * marked processed only once stored, so the offsets Debezium flushes never run ahead of the sink. A
 * crash replays the unflushed tail: the sink must be idempotent (the replica's versions make it so).
 */
public final class EmbeddedCapture implements AutoCloseable {

    /** One change event as a Kafka record would carry it: topic, JSON key, JSON value. */
    public record Change(String topic, String key, String value) {
    }

    /** Where captured changes go. Throwing stops the capture, and the batch will be delivered again. */
    @FunctionalInterface
    public interface Sink {
        void accept(List<Change> batch) throws Exception;
    }

    private final ConnectorDefinition definition;
    private final OverlappingHandOff handOff;
    private final DebeziumEngine<ChangeEvent<String, String>> engine;
    private final ExecutorService executor;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private EmbeddedCapture(ConnectorDefinition definition, Path dir, Sink sink, Consumer<Properties> adjust) {
        this.definition = definition;
        this.handOff = new OverlappingHandOff(definition.topics(), sink, this::sinkFailed, definition.name());
        Properties properties = EngineProperties.of(definition, dir);
        adjust.accept(properties);
        this.engine = DebeziumEngine.create(Json.class)
                .using(properties)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        started.complete(null);
                    }
                })
                .using((success, message, error) -> {
                    CookbookException failure = success ? null : failure(message, error);
                    if (failure != null) {
                        started.completeExceptionally(failure);
                        finished.completeExceptionally(failure);
                    } else {
                        started.complete(null);
                        finished.complete(null);
                    }
                })
                .notifying(handOff)
                .build();
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "debezium-" + definition.name());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts capturing and returns once the connector's task runs (its snapshot may still be going on).
     * Fails with the connector's own reason if it cannot start: CDC not enabled, slot in use, no rights.
     */
    public static EmbeddedCapture start(ConnectorDefinition definition, Path dir, Sink sink, Duration timeout) {
        return start(definition, dir, sink, timeout, properties -> { });
    }

    /**
     * {@link #start(ConnectorDefinition, Path, Sink, Duration)} with the engine's properties changed by
     * {@code adjust} first: for tests that try settings other than the cookbook's (no command uses it).
     */
    public static EmbeddedCapture start(ConnectorDefinition definition, Path dir, Sink sink, Duration timeout,
                                        Consumer<Properties> adjust) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CookbookException("Cannot create the pipeline folder " + dir + ": " + e.getMessage(), null, e);
        }
        EmbeddedCapture capture = new EmbeddedCapture(definition, dir, sink, adjust);
        capture.executor.execute(capture.engine);
        try {
            capture.started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            capture.close();
            throw (CookbookException) e.getCause();
        } catch (TimeoutException e) {
            capture.close();
            throw new CookbookException("Debezium did not start capturing " + definition.tableIncludeList() + " within "
                    + timeout.toSeconds() + " s.", "Run with --verbose to see what the connector is doing.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            capture.close();
            throw new CookbookException("Interrupted while starting capture.");
        }
        return capture;
    }

    public ConnectorDefinition definition() {
        return definition;
    }

    /** Completes when the engine stops; exceptionally, with a readable reason, if it failed. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /** A batch could not be stored: the capture stops, and says why. */
    private void sinkFailed(Exception e) {
        stopWith(new CookbookException("Storing change events in the replica failed: " + Redactor.redact(rootMessage(e.getMessage(), e)),
                "Run with --verbose for details; remove-pipeline starts afresh.", e));
    }

    /** Stops the capture because of {@code reason}, which {@link #finished()} then carries. */
    public void stopWith(CookbookException reason) {
        finished.completeExceptionally(reason);
        Thread stopper = new Thread(this::close, "stop-capture");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Stops reading, stores and marks what was handed over, flushes offsets. Safe to call twice. */
    @Override
    public void close() {
        try {
            handOff.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // the batch in flight failed to store: it stays unmarked, so it is read again next time
        }
        try {
            engine.close();
        } catch (IOException | IllegalStateException e) {
            // already stopping or stopped: nothing left to do
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
            handOff.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CookbookException failure(String message, Throwable error) {
        String reason = Redactor.redact(rootMessage(message, error));
        String hint = "Run test-connection to check the database is ready for CDC; --verbose shows Debezium's log.";
        if (reason.contains("is active for PID")) {
            hint = "Another pipeline is capturing this table (its replication slot " + definition.slotName()
                    + " is in use). Stop it first, or run remove-pipeline.";
        }
        return new CookbookException("Capture of " + definition.tableIncludeList() + " stopped: " + reason, hint, error);
    }

    private static String rootMessage(String message, Throwable error) {
        Throwable root = error;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root != null && root.getMessage() != null ? root.getMessage() : message;
        return text == null ? "unknown error" : text.lines().findFirst().orElse(text);
    }

    /** Waits for the engine to stop; for tests and for a pipeline that must notice a failed capture. */
    public void await(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
