package io.cdccookbook.compare;

import io.cdccookbook.table.Rows;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Compares two streams of canonical rows, both in key order, in one pass (so a million rows need no more
 * memory than a few). Every difference counts; the first {@link #EXAMPLES} are described.
 */
public final class TableComparison {

    static final int EXAMPLES = 20;

    private TableComparison() {
    }

    /**
     * @param rows           the table's shape: its columns, forms and key order
     * @param source         the source table's rows, in key order
     * @param replica        the endpoint's rows, in key order
     * @param replicaRowSeen hears every replica row (the latency tracker looks for its ids there)
     */
    public static Comparison compare(Rows rows, Iterator<String[]> source, Iterator<String[]> replica,
                                     Consumer<String[]> replicaRowSeen) {
        long start = System.nanoTime();
        long sourceRows = 0;
        long replicaRows = 0;
        long differences = 0;
        List<String> examples = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        String[] s = next(source);
        String[] r = next(replica);
        String[] previousReplica = null;
        while (s != null || r != null) {
            if (r != null && previousReplica != null && rows.sameKey(previousReplica, r)) {
                replicaRowSeen.accept(r);
                differences++;
                note(examples, keys, rows.key(r), "appears more than once in the replica");
                replicaRows++;
                r = next(replica);
                continue;
            }
            // a side that has ended sorts after every row of the other
            int order = s == null ? 1 : r == null ? -1 : rows.compareKeys(s, r);
            if (r != null && order >= 0) {
                replicaRowSeen.accept(r);
                previousReplica = r;
            }
            if (order == 0) {
                String diff = rows.describeDifference(s, r);
                if (diff != null) {
                    differences++;
                    note(examples, keys, rows.key(s), diff);
                }
                sourceRows++;
                replicaRows++;
                s = next(source);
                r = next(replica);
            } else if (order < 0) {
                differences++;
                note(examples, keys, rows.key(s), "missing in the replica");
                sourceRows++;
                s = next(source);
            } else {
                differences++;
                note(examples, keys, rows.key(r), "in the replica only (deleted at the source?)");
                replicaRows++;
                r = next(replica);
            }
        }
        return new Comparison(sourceRows, replicaRows, differences, List.copyOf(examples), List.copyOf(keys),
                java.time.Duration.ofNanos(System.nanoTime() - start));
    }

    private static String[] next(Iterator<String[]> rows) {
        return rows.hasNext() ? rows.next() : null;
    }

    private static void note(List<String> examples, List<String> keys, String key, String text) {
        if (examples.size() < EXAMPLES) {
            examples.add(key + ": " + text);
            keys.add(key);
        }
    }
}
