package io.cdccookbook.events;

import java.time.Duration;
import java.util.Locale;

/**
 * What a run of the generator did.
 *
 * @param inserts     rows inserted
 * @param updates     rows updated (onboarding steps and address changes)
 * @param softDeletes rows flagged deleted=TRUE
 * @param hardDeletes rows removed with DELETE
 * @param skipped     events whose user had meanwhile been deleted by someone else (nothing changed)
 * @param elapsed     wall time of the run
 */
public record GenerationSummary(long inserts, long updates, long softDeletes, long hardDeletes, long skipped,
                                Duration elapsed) {

    public long events() {
        return inserts + updates + softDeletes + hardDeletes + skipped;
    }

    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : events() / seconds;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%d events in %.2f s (%.0f events/s): %d inserts, %d updates, %d soft deletes, %d hard deletes%s",
                events(), elapsed.toNanos() / 1e9, eventsPerSecond(), inserts, updates, softDeletes, hardDeletes,
                skipped == 0 ? "" : ", " + skipped + " skipped (user deleted by someone else)");
    }
}
