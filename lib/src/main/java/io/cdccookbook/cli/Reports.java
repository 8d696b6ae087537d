package io.cdccookbook.cli;

import io.cdccookbook.compare.Comparer;
import io.cdccookbook.compare.Comparison;
import io.cdccookbook.compare.ConvergenceWatcher;
import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.events.Generator;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.table.Rows;
import io.cdccookbook.endpoint.EndpointClient;
import io.cdccookbook.source.SourceDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How commands tell the outcome of a comparison. */
public final class Reports {

    private static final int SHOWN_KEYS = 10;
    private static final int SHOWN_EXAMPLES = 5;
    private static final int SHOWN_CELL = 60;

    private Reports() {
    }

    /**
     * Generates {@code events} on the comparer's table (the users demo's generator on the table named
     * {@code usersTable}, {@link Generator#of}) while watching the endpoint, as create-pipeline and
     * compare-tables do. Ctrl-C stops the generator, and this says what was committed before the shutdown
     * lets the pipeline go; the run is then {@link PropagationRun#stoppedEarly()}.
     */
    public static PropagationRun propagate(Console console, Comparer comparer, String usersTable, GeneratorOptions events,
                                           Duration pollInterval, Duration timeout) throws InterruptedException {
        Generator generator = events.numEvents() == 0 ? null : Generator.of(comparer.source(), comparer.rows().table(), usersTable, events);
        try (StopOnCtrlC stop = generator == null ? null : new StopOnCtrlC(generator)) {
            PropagationRun run = PropagationRun.run(comparer, generator, pollInterval, timeout, c -> { });
            if (run.stoppedEarly()) {
                console.println(StopOnCtrlC.STOPPED_EARLY + run.generated() + " on table " + comparer.source().table() + ".");
            }
            return run;
        }
    }

    /** Prints what a run found; returns whether the replica equals the source. */
    public static boolean print(Console console, PropagationRun run, SourceDatabase source, EndpointClient endpoint,
                                Duration pollInterval) {
        if (run.generated() != null) {
            console.println("Generated " + run.generated());
        }
        ConvergenceWatcher.Outcome outcome = run.outcome();
        Comparison c = outcome.comparison();
        String what = "Source table " + source.shownTable() + " and endpoint " + endpoint.pipe();
        if (outcome.identical()) {
            console.println(String.format(Locale.ROOT, "%s are identical: %,d rows (read and compared in %.1f s, after the last commit).",
                    what, c.sourceRows(), c.took().toMillis() / 1000.0));
        } else if (c.identical()) {
            // equal at the last read, but some generated events were never seen: not a verdict to trust
            console.println(String.format(Locale.ROOT, "%s did not settle within the wait (%.1f s): the last read found no "
                    + "difference, but not every generated change had shown up yet.", what, outcome.waited().toMillis() / 1000.0));
        } else {
            console.println(String.format(Locale.ROOT, "%s still differ after %.1f s: %s; at %s%s.", what,
                    outcome.waited().toMillis() / 1000.0, c, c.differingKeys().stream().limit(SHOWN_KEYS)
                            .collect(java.util.stream.Collectors.joining("; ")), c.differences() > SHOWN_KEYS ? "; ..." : ""));
            c.examples().stream().limit(SHOWN_EXAMPLES).forEach(e -> console.println("  " + e));
            if (c.differences() > SHOWN_EXAMPLES) {
                console.println("  ... and " + (c.differences() - Math.min(SHOWN_EXAMPLES, c.examples().size())) + " more");
            }
        }
        if (outcome.propagation() != null) {
            console.println(String.format(Locale.ROOT, "Propagation time (last commit to identical endpoint): %.2f s.",
                    outcome.propagation().toMillis() / 1000.0));
        }
        if (outcome.latency().count() > 0) {
            console.println("Latency, commit to visible (endpoint polled every " + pollInterval.toMillis() + " ms): "
                    + outcome.latency() + ".");
        }
        return outcome.identical();
    }

    /** The first rows of the source table, then of the replica, to see them side by side. */
    /** The first rows of the source table, then of the replica, in the forms compare-tables compares. */
    public static void printBoth(Console console, Comparer comparer, int maxRows) {
        Rows rows = comparer.rows();
        SourceDatabase source = comparer.source();
        EndpointClient endpoint = comparer.endpoint();
        String order = " (first " + maxRows + " rows by " + String.join(", ", rows.table().primaryKey()) + ")";
        console.println("Source: " + source.settings().kind().displayName() + " table " + source.shownTable() + order);
        List<String[]> first = new ArrayList<>();
        source.forEachRow(rows.sourceQuery() + " LIMIT " + maxRows, rs -> first.add(shortened(rows.fromResultSet(rs))));
        console.table(rows.toTable(source.table(), first), maxRows);
        console.println("Replica: " + endpoint.url() + order);
        console.table(rows.toTable(endpoint.pipe(), endpoint.rows(rows, maxRows).stream().map(Reports::shortened).toList()), maxRows);
    }

    /** Cells cut to a screen's width: a 1 MB value prints as its start and its length. */
    static String[] shortened(String[] row) {
        String[] out = row.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != null && out[i].length() > SHOWN_CELL) {
                out[i] = out[i].substring(0, SHOWN_CELL - 20) + String.format(Locale.ROOT, "... (%,d characters)", out[i].length());
            }
        }
        return out;
    }
}
