package io.cdccookbook.compare;

import io.cdccookbook.table.Rows;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Compares two streams of canonical rows, both in id order, in one pass (so a million rows need no more
 * memory than a few). Every difference counts; the first {@link #EXAMPLES} are described.
 */
public final class TableComparison {

    static final int EXAMPLES = 20;

    private TableComparison() {
    }

    /**
     * @param source       the source table's rows, ordered by id
     * @param replica      the endpoint's rows, ordered by id
     * @param replicaRowSeen hears every replica row (the latency tracker looks for its ids there)
     */
    public static Comparison compare(Iterator<String[]> source, Iterator<String[]> replica, Consumer<String[]> replicaRowSeen) {
        long start = System.nanoTime();
        long sourceRows = 0;
        long replicaRows = 0;
        long differences = 0;
        List<String> examples = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        String[] s = next(source);
        String[] r = next(replica);
        Integer previousReplicaId = null;
        while (s != null || r != null) {
            if (r != null && previousReplicaId != null && previousReplicaId == Rows.id(r)) {
                replicaRowSeen.accept(r);
                differences++;
                note(examples, ids, previousReplicaId, "appears more than once in the replica");
                replicaRows++;
                r = next(replica);
                continue;
            }
            int sid = s == null ? Integer.MAX_VALUE : Rows.id(s);
            int rid = r == null ? Integer.MAX_VALUE : Rows.id(r);
            if (r != null && sid >= rid) {
                replicaRowSeen.accept(r);
                previousReplicaId = rid;
            }
            if (sid == rid) {
                String diff = describe(s, r);
                if (diff != null) {
                    differences++;
                    note(examples, ids, sid, diff);
                }
                sourceRows++;
                replicaRows++;
                s = next(source);
                r = next(replica);
            } else if (sid < rid) {
                differences++;
                note(examples, ids, sid, "missing in the replica");
                sourceRows++;
                s = next(source);
            } else {
                differences++;
                note(examples, ids, rid, "in the replica only (deleted at the source?)");
                replicaRows++;
                r = next(replica);
            }
        }
        return new Comparison(sourceRows, replicaRows, differences, List.copyOf(examples), List.copyOf(ids),
                java.time.Duration.ofNanos(System.nanoTime() - start));
    }

    private static String[] next(Iterator<String[]> rows) {
        return rows.hasNext() ? rows.next() : null;
    }

    private static void note(List<String> examples, List<Integer> ids, int id, String text) {
        if (examples.size() < EXAMPLES) {
            examples.add("id " + id + ": " + text);
            ids.add(id);
        }
    }

    /** The fields that differ, e.g. "email 'a@x' in source, 'b@x' in replica"; null when equal. */
    static String describe(String[] source, String[] replica) {
        StringBuilder out = null;
        for (int i = 1; i < source.length; i++) {
            if (!Objects.equals(source[i], replica[i])) {
                out = out == null ? new StringBuilder() : out.append("; ");
                out.append(Rows.COLUMNS.get(i)).append(' ').append(quote(source[i])).append(" in source, ")
                        .append(quote(replica[i])).append(" in replica");
            }
        }
        return out == null ? null : out.toString();
    }

    private static String quote(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }
}
