package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.capture.EmbeddedCapture;
import io.cdccookbook.source.SourceDatabase;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops the capture with a readable reason when the source database has gone away. Debezium retries a lost
 * connection for ever by default (the MySQL binlog client reconnects quietly), which would leave a pipeline
 * that serves stale rows and says nothing; a short outage (a restart) still passes.
 */
final class SourceWatch implements AutoCloseable {

    static final int INTERVAL_SECONDS = 2;
    /** Consecutive failed logins before the capture stops: about ten seconds. */
    static final int TOLERATED = 5;

    private final ScheduledExecutorService timer;

    private SourceWatch(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static SourceWatch start(SourceDatabase source, EmbeddedCapture capture) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "source-watch");
            t.setDaemon(true);
            return t;
        });
        int[] failures = {0};
        timer.scheduleWithFixedDelay(() -> {
            String reason = source.unreachable();
            failures[0] = reason == null ? 0 : failures[0] + 1;
            if (failures[0] == TOLERATED) {
                capture.stopWith(new CookbookException("The source database went away, so capture stopped: " + reason,
                        "Start the server again, then create-pipeline: it resumes where it stopped."));
                timer.shutdown();
            }
        }, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
        return new SourceWatch(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
