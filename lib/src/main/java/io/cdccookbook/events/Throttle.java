package io.cdccookbook.events;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces events to a rate. Event i is due at start + i/rate, so time lost on a slow event is made up by
 * the next ones instead of drifting.
 */
final class Throttle {

    private final long intervalNanos;
    private final long start = System.nanoTime();

    Throttle(double eventsPerSecond) {
        this.intervalNanos = eventsPerSecond <= 0 ? 0 : (long) (1e9 / eventsPerSecond);
    }

    void awaitTurn(long eventIndex) {
        if (intervalNanos == 0) {
            return;
        }
        long due = start + eventIndex * intervalNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
