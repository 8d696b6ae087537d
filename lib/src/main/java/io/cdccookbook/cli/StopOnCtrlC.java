package io.cdccookbook.cli;

import io.cdccookbook.Shutdown;
import io.cdccookbook.events.Generator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C while a command generates events: the generator stops after the event it is making and commits,
 * and the shutdown waits (up to 30 s) until the command has said what was committed, before it lets the
 * database and the pipeline go. Close it once the command has reported.
 */
public final class StopOnCtrlC implements AutoCloseable {

    /** How a command says that Ctrl-C cut its events short; what was committed follows. */
    public static final String STOPPED_EARLY = "Stopped early (Ctrl-C); committed ";

    private final CountDownLatch reported = new CountDownLatch(1);
    private final Shutdown.Step step;

    /** @param generator the generator to stop; null when the command makes no events */
    public StopOnCtrlC(Generator generator) {
        this.step = Shutdown.onExit("stop generating", () -> {
            if (generator != null) {
                generator.requestStop();
            }
            reported.await(30, TimeUnit.SECONDS);
        });
    }

    /** What the command made is reported (or it failed): the shutdown may go on. */
    @Override
    public void close() {
        reported.countDown();
        step.close();
    }
}
