package io.cdccookbook;

import java.util.ArrayList;
import java.util.List;

/**
 * What has to happen when the JVM goes down (Ctrl-C, SIGTERM) before the command could finish: steps run
 * one after the other, the last registered first. The order matters: a generator stops and reports before
 * the database it writes to is released; a pipeline stops capture before its server goes. The JVM runs its
 * own shutdown hooks at once and in no order, so the cookbook registers one hook, and this list.
 */
public final class Shutdown {

    /** A registered step; closing it runs the step now (at most once) and takes it off the list. */
    public static final class Step implements AutoCloseable {
        private final String name;
        private final AutoCloseable action;
        private boolean done;

        private Step(String name, AutoCloseable action) {
            this.name = name;
            this.action = action;
        }

        /** Runs the step unless it ran already; a second caller waits for the first to finish. */
        @Override
        public synchronized void close() {
            remove(this);
            if (done) {
                return;
            }
            done = true;
            try {
                action.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Shutdown.class).warn("{} failed: {}", name, e.toString());
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Step> STEPS = new ArrayList<>();
    private static boolean hooked;

    private Shutdown() {
    }

    /** Runs {@code action} when the JVM goes down, unless the returned step was closed before. */
    public static synchronized Step onExit(String name, AutoCloseable action) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(Shutdown::runAll, "cdc-cookbook-shutdown"));
            hooked = true;
        }
        Step step = new Step(name, action);
        STEPS.add(step);
        return step;
    }

    private static synchronized void remove(Step step) {
        STEPS.remove(step);
    }

    private static void runAll() {
        while (true) {
            Step last;
            synchronized (Shutdown.class) {
                if (STEPS.isEmpty()) {
                    return;
                }
                last = STEPS.get(STEPS.size() - 1);
            }
            last.close();
        }
    }
}
