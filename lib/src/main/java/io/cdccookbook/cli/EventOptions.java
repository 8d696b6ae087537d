package io.cdccookbook.cli;

import io.cdccookbook.CookbookException;
import io.cdccookbook.events.DeleteMode;
import io.cdccookbook.events.GeneratorOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How to generate events; shared by generate-events, create-pipeline and compare-tables. */
public class EventOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-n", "--num-events"}, paramLabel = "N", defaultValue = "10",
            description = "Number of events (default: ${DEFAULT-VALUE}, as in the original; on a table of your own"
                    + " create-pipeline and compare-tables make events only when -n is given).")
    int numEvents;

    @Option(names = "--insert-weight", paramLabel = "W", defaultValue = "30", description = "Relative weight of inserts (default: ${DEFAULT-VALUE}).")
    int insertWeight;

    @Option(names = "--update-weight", paramLabel = "W", defaultValue = "60", description = "Relative weight of updates (default: ${DEFAULT-VALUE}).")
    int updateWeight;

    @Option(names = "--delete-weight", paramLabel = "W", defaultValue = "10", description = "Relative weight of deletes (default: ${DEFAULT-VALUE}).")
    int deleteWeight;

    @Option(names = "--address-update-probability", paramLabel = "P", defaultValue = "0.1",
            description = "Chance that an update changes address and phone instead of the next onboarding step (default: ${DEFAULT-VALUE}).")
    double addressUpdateProbability;

    @Option(names = "--delete-mode", defaultValue = "soft", paramLabel = "soft|hard|mixed",
            description = "soft: UPDATE deleted=TRUE, as the original (default); hard: DELETE the row; mixed: either, at random.")
    DeleteMode deleteMode;

    @Option(names = "--edge-values", paramLabel = "P", defaultValue = "0.02",
            description = "On a table of your own: chance that a value is one of its type's edges (NULL, extremes, Unicode, 1 MB; default: ${DEFAULT-VALUE}).")
    double edgeValues;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the random choices and the fake data, to repeat a run exactly.")
    Long seed;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N", description = "At most N events per second (default: 0, as fast as possible).")
    double rate;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "Commit every N events (default: 1, one transaction per event).")
    int batch;

    /**
     * The options for the events create-pipeline and compare-tables make on {@code table}: the users demo's
     * table gets -n's default as in the original; a table of your own gets events only when -n is given, so
     * that pointing them at a table with real rows never changes those rows unasked.
     */
    public GeneratorOptions on(String table, String usersTable) {
        return table.equals(usersTable) ? options() : ownTables();
    }

    /** The options for the tables of your own: none unless -n is given. */
    public GeneratorOptions ownTables() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        boolean given = parsed != null && parsed.hasMatchedOption("--num-events");
        return given ? options() : options().withNumEvents(0);
    }

    /** The options, checked; a bad value is a usage error (exit code 2). */
    public GeneratorOptions options() {
        OptionRules.count(spec, "--num-events", numEvents, 0);
        OptionRules.between(spec, "--insert-weight", insertWeight, 0, OptionRules.MAX_WEIGHT);
        OptionRules.between(spec, "--update-weight", updateWeight, 0, OptionRules.MAX_WEIGHT);
        OptionRules.between(spec, "--delete-weight", deleteWeight, 0, OptionRules.MAX_WEIGHT);
        // 0 is "no limit"; a rate below one event a minute would, in effect, wait for ever
        if (rate != 0 && !(rate >= OptionRules.MIN_RATE && rate <= OptionRules.MAX_WEIGHT)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be 0 (no limit) or from 0.017 (an event"
                    + " a minute) to " + OptionRules.MAX_WEIGHT + " events per second, not " + rate);
        }
        OptionRules.count(spec, "--batch", batch, 1);
        try {
            // in the order the constructor checks them, so the first bad value is the one reported, as before
            GeneratorOptions options = GeneratorOptions.defaults(numEvents)
                    .withWeights(insertWeight, updateWeight, deleteWeight)
                    .withAddressUpdateProbability(addressUpdateProbability)
                    .withEdgeValues(edgeValues)
                    .withRate(rate)
                    .withBatch(batch)
                    .withDeleteMode(deleteMode);
            return seed == null ? options : options.withSeed(seed); // the defaults have no seed: a random run
        } catch (CookbookException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.oneLine());
        }
    }
}
