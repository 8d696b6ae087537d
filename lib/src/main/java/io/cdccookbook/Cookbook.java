// What every script needs from JBang. Each script's scripts/contents/<Script>.java lists this file with
// the others it uses (.ci/update-cookbook-sources.py writes those lists from the code).
//JAVA 17+
// Throughput over pause times: a snapshot allocates for every row, and G1's pauses took a tenth of it.
// -Xlog:cds=off: the scripts ask for class data sharing (//CDS), and the JVM warns while it writes the
// archive at a script's first start (later starts load their classes from it, about 0.6 s faster).
//RUNTIME_OPTIONS -XX:+UseParallelGC -Xlog:cds=off -Xlog:cds+dynamic=off
package io.cdccookbook;

/**
 * The CDC cookbook's helper library, a package per concern: configuration ({@code config}), source
 * databases ({@code source}, {@code provision}), event generation ({@code events}), change capture
 * ({@code capture}), the local replica and endpoint ({@code replica}, {@code endpoint}), comparison
 * ({@code compare}), pipelines ({@code pipeline}), cloud APIs ({@code cloud}, {@code confluent},
 * {@code tinybird}), command-line plumbing ({@code cli}) and benchmarks
 * ({@code bench}). See the README for the tour.
 */
public final class Cookbook {

    public static final String VERSION = "0.1.0";

    private Cookbook() {
    }
}
