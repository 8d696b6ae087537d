package io.cdccookbook.cli;

import io.cdccookbook.compare.Comparison;
import io.cdccookbook.compare.ConvergenceWatcher;
import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.compare.Rows;
import io.cdccookbook.endpoint.EndpointClient;
import io.cdccookbook.source.SourceDatabase;

import java.time.Duration;
import java.util.Locale;

/** How commands tell the outcome of a comparison. */
public final class Reports {

    private Reports() {
    }

    /** Prints what a run found; returns whether the replica equals the source. */
    public static boolean print(Console console, PropagationRun run, SourceDatabase source, EndpointClient endpoint,
                                Duration pollInterval) {
        if (run.generated() != null) {
            console.println("Generated " + run.generated());
        }
        ConvergenceWatcher.Outcome outcome = run.outcome();
        Comparison c = outcome.comparison();
        String what = "Source table " + source.table() + " and endpoint " + endpoint.pipe();
        if (c.identical()) {
            console.println(String.format(Locale.ROOT, "%s are identical: %,d rows (read and compared in %.1f s).", what,
                    c.sourceRows(), c.took().toMillis() / 1000.0));
        } else {
            console.println(String.format(Locale.ROOT, "%s still differ after %.1f s: %s.", what,
                    outcome.waited().toMillis() / 1000.0, c));
            c.examples().forEach(e -> console.println("  " + e));
            if (c.differences() > c.examples().size()) {
                console.println("  ... and " + (c.differences() - c.examples().size()) + " more");
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
        return c.identical();
    }

    /** The first rows of the source table, then of the replica, to see them side by side. */
    public static void printBoth(Console console, SourceDatabase source, EndpointClient endpoint, int maxRows) {
        console.println("Source: " + source.settings().kind().displayName() + " table " + source.table()
                + " (first " + maxRows + " rows by id)");
        console.table(source.fetchUsers(maxRows), maxRows);
        console.println("Replica: " + endpoint.url() + " (first " + maxRows + " rows by id)");
        console.table(Rows.toTable(endpoint.pipe(), endpoint.rows(maxRows)), maxRows);
    }
}
