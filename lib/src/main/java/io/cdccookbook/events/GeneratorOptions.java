package io.cdccookbook.events;

import io.cdccookbook.CookbookException;

/**
 * What the event generator does. The defaults are the Python original's constants.
 *
 * @param numEvents                how many events to make
 * @param insertWeight             relative weight of inserts (30)
 * @param updateWeight             relative weight of updates (60)
 * @param deleteWeight             relative weight of deletes (10)
 * @param addressUpdateProbability chance that an update changes address and phone rather than onboarding (0.1)
 * @param deleteMode               soft (the original), hard or mixed
 * @param seed                     makes a run reproducible; null for a random run
 * @param rate                     events per second at most; 0 for as fast as possible
 * @param batch                    events per commit (1: every event is its own transaction, as in the original)
 * @param edgeValues               chance that a value of a table of one's own is one of its type's edges (0.02)
 */
public record GeneratorOptions(int numEvents, int insertWeight, int updateWeight, int deleteWeight,
                               double addressUpdateProbability, DeleteMode deleteMode, Long seed, double rate,
                               int batch, double edgeValues) {

    public static final int INSERT_WEIGHT = 30;
    public static final int UPDATE_WEIGHT = 60;
    public static final int DELETE_WEIGHT = 10;
    public static final double ADDRESS_UPDATE_PROBABILITY = 0.1;
    public static final double EDGE_VALUES = 0.02;

    public GeneratorOptions {
        if (numEvents < 0) {
            throw new CookbookException("--num-events must be 0 or more, not " + numEvents + ".");
        }
        if (insertWeight < 0 || updateWeight < 0 || deleteWeight < 0 || insertWeight + updateWeight + deleteWeight == 0) {
            throw new CookbookException("--insert-weight, --update-weight and --delete-weight must be 0 or more and not all 0 (got "
                    + insertWeight + ", " + updateWeight + ", " + deleteWeight + ").");
        }
        if (!(addressUpdateProbability >= 0 && addressUpdateProbability <= 1)) {
            throw new CookbookException("--address-update-probability must be between 0 and 1, not "
                    + addressUpdateProbability + ".");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new CookbookException("--rate must be 0 (unlimited) or a positive number of events per second, not "
                    + rate + ".");
        }
        if (batch < 1) {
            throw new CookbookException("--batch must be 1 or more, not " + batch + ".");
        }
        if (!(edgeValues >= 0 && edgeValues <= 1)) {
            throw new CookbookException("--edge-values must be between 0 and 1, not " + edgeValues + ".");
        }
        if (deleteMode == null) {
            throw new CookbookException("A delete mode is needed: soft, hard or mixed.");
        }
    }

    /**
     * The original's behaviour for {@code numEvents} events, with no seed (a random run); the {@code with...}
     * methods change one thing each, checked as the constructor checks it.
     */
    public static GeneratorOptions defaults(int numEvents) {
        return new GeneratorOptions(numEvents, INSERT_WEIGHT, UPDATE_WEIGHT, DELETE_WEIGHT, ADDRESS_UPDATE_PROBABILITY,
                DeleteMode.SOFT, null, 0, 1, EDGE_VALUES);
    }

    public GeneratorOptions withNumEvents(int n) {
        return new GeneratorOptions(n, insertWeight, updateWeight, deleteWeight, addressUpdateProbability,
                deleteMode, seed, rate, batch, edgeValues);
    }

    /** The three weights together: they are checked together (not all 0). */
    public GeneratorOptions withWeights(int newInsertWeight, int newUpdateWeight, int newDeleteWeight) {
        return new GeneratorOptions(numEvents, newInsertWeight, newUpdateWeight, newDeleteWeight, addressUpdateProbability,
                deleteMode, seed, rate, batch, edgeValues);
    }

    public GeneratorOptions withAddressUpdateProbability(double probability) {
        return new GeneratorOptions(numEvents, insertWeight, updateWeight, deleteWeight, probability,
                deleteMode, seed, rate, batch, edgeValues);
    }

    public GeneratorOptions withDeleteMode(DeleteMode mode) {
        return new GeneratorOptions(numEvents, insertWeight, updateWeight, deleteWeight, addressUpdateProbability,
                mode, seed, rate, batch, edgeValues);
    }

    public GeneratorOptions withSeed(long newSeed) {
        return new GeneratorOptions(numEvents, insertWeight, updateWeight, deleteWeight, addressUpdateProbability,
                deleteMode, newSeed, rate, batch, edgeValues);
    }

    public GeneratorOptions withRate(double newRate) {
        return new GeneratorOptions(numEvents, insertWeight, updateWeight, deleteWeight, addressUpdateProbability,
                deleteMode, seed, newRate, batch, edgeValues);
    }

    public GeneratorOptions withBatch(int newBatch) {
        return new GeneratorOptions(numEvents, insertWeight, updateWeight, deleteWeight, addressUpdateProbability,
                deleteMode, seed, rate, newBatch, edgeValues);
    }

    public GeneratorOptions withEdgeValues(double probability) {
        return new GeneratorOptions(numEvents, insertWeight, updateWeight, deleteWeight, addressUpdateProbability,
                deleteMode, seed, rate, batch, probability);
    }
}
