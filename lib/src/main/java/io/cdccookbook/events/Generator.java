package io.cdccookbook.events;

import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.table.TableSchema;

import java.util.function.LongConsumer;

/** Makes events on one table: the users demo's {@link EventGenerator} or, on any other, {@link TableEventGenerator}. */
public interface Generator {

    /**
     * The generator for {@code table}, chosen by its name as every command chooses it: the users demo's on the
     * table named {@code usersTable}, else one from the table's columns ({@code schema}, the captured ones).
     */
    static Generator of(SourceDatabase table, TableSchema schema, String usersTable, GeneratorOptions options) {
        return table.table().equals(usersTable) ? new EventGenerator(table, options) : new TableEventGenerator(table, schema, options);
    }

    /** Runs every event; {@code progress} hears the number done after each one. */
    GenerationSummary run(LongConsumer progress);

    /** Tells {@code listener} about each commit: which events, and when (for latency measurements). */
    Generator listening(CommitListener listener);

    /** Stops after the event being made (Ctrl-C); what was made is committed and counted. */
    void requestStop();

    /** Whether the last run ended on {@link #requestStop()} before making every event. */
    boolean stoppedEarly();
}
