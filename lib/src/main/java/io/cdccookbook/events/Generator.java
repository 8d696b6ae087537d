package io.cdccookbook.events;

import java.util.function.LongConsumer;

/** Makes events on one table: the users demo's {@link EventGenerator} or, on any other, {@link TableEventGenerator}. */
public interface Generator {

    /** Runs every event; {@code progress} hears the number done after each one. */
    GenerationSummary run(LongConsumer progress);

    /** Stops after the event being made (Ctrl-C); what was made is committed and counted. */
    void requestStop();

    /** Whether the last run ended on {@link #requestStop()} before making every event. */
    boolean stoppedEarly();
}
