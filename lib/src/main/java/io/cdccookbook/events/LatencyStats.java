package io.cdccookbook.events;

import java.util.Arrays;
import java.util.Locale;

/**
 * Commit-to-visible latencies, in microseconds: recorded one by one, summarised as percentiles.
 * Thread-safe; keeps every sample (8 bytes each), which is fine for the runs this cookbook makes.
 */
public final class LatencyStats {

    /** The distribution at one moment. Percentiles are nearest-rank, in milliseconds. */
    public record Summary(long count, double p50, double p95, double p99, double max) {
        @Override
        public String toString() {
            return count == 0 ? "no events measured" : String.format(Locale.ROOT,
                    "%d events: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", count, p50, p95, p99, max);
        }
    }

    private long[] samples = new long[1024];
    private int size;

    public synchronized void record(long micros) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = micros;
    }

    public synchronized void clear() {
        size = 0;
    }

    public synchronized long[] samplesMicros() {
        return Arrays.copyOf(samples, size);
    }

    public Summary summary() {
        return summarise(samplesMicros());
    }

    public static Summary summarise(long[] micros) {
        if (micros.length == 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return new Summary(sorted.length, ms(percentile(sorted, 50)), ms(percentile(sorted, 95)),
                ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
