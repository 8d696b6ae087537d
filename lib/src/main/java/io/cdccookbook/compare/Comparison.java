package io.cdccookbook.compare;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of comparing the source table with the replica, row by row and field by field.
 *
 * @param sourceRows  rows in the source table
 * @param replicaRows rows the endpoint returned
 * @param differences rows that differ: missing on one side, or with a field that differs
 * @param examples    the first differences, described
 * @param differingKeys the keys of the first differences, e.g. {@code id 42}
 * @param took        how long reading and comparing both sides took
 */
public record Comparison(long sourceRows, long replicaRows, long differences, List<String> examples, List<String> differingKeys,
                         java.time.Duration took) {

    public boolean identical() {
        return differences == 0;
    }

    @Override
    public String toString() {
        if (identical()) {
            return String.format(Locale.ROOT, "identical: %,d rows", sourceRows);
        }
        return String.format(Locale.ROOT, "%,d differences (source %,d rows, replica %,d rows)", differences,
                sourceRows, replicaRows);
    }
}
