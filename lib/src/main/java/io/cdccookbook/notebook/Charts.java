package io.cdccookbook.notebook;

import io.cdccookbook.events.LatencyStats;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.style.Styler;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Plots for the notebooks, drawn by XChart into images. A notebook shows a {@link BufferedImage} as an
 * {@code image/png} output, which needs no JavaScript or network: it renders offline, in Jupyter, in VS
 * Code and on GitHub alike.
 */
public final class Charts {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 420;

    private static final Color BARS = new Color(0x2f, 0x6f, 0xb5);

    private Charts() {
    }

    /**
     * A histogram of commit-to-visible latencies, titled with the percentiles a reader should look at.
     *
     * @param micros latencies in microseconds, as {@code PropagationRun}'s outcome has them
     * @param title  what was measured, e.g. "PostgreSQL → local replica, 2,000 events"
     */
    public static BufferedImage latencyHistogram(long[] micros, String title) {
        if (micros.length == 0) {
            throw new IllegalArgumentException("No latencies to plot: were any events generated and seen?");
        }
        List<Double> millis = Arrays.stream(micros).mapToObj(m -> m / 1000.0).toList();
        double max = millis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        int bins = Math.max(1, Math.min(30, micros.length / 5));
        Histogram histogram = new Histogram(millis, bins, 0, max <= 0 ? 1 : max);

        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle("commit to visible at the endpoint (ms, bin centre)").yAxisTitle("events")
                .build();
        var style = chart.getStyler();
        style.setLegendPosition(Styler.LegendPosition.OutsideS);
        style.setLegendLayout(Styler.LegendLayout.Horizontal);
        style.setAvailableSpaceFill(0.96);
        style.setOverlapped(true);
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotGridVerticalLinesVisible(false);
        style.setXAxisDecimalPattern(max < 10 ? "0.0" : "0");
        style.setXAxisMaxLabelCount(12);
        style.setSeriesColors(new Color[]{BARS});
        chart.addSeries(percentiles(micros), histogram.getxAxisData(), histogram.getyAxisData());
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The legend's text: "p50 12.0 ms · p95 48.0 ms · p99 80.0 ms · max 95.0 ms". */
    static String percentiles(long[] micros) {
        LatencyStats.Summary s = LatencyStats.summarise(micros);
        return String.format(Locale.ROOT, "p50 %.1f ms · p95 %.1f ms · p99 %.1f ms · max %.1f ms",
                s.p50(), s.p95(), s.p99(), s.max());
    }

    /** The image as PNG bytes, e.g. to save next to the notebook. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
