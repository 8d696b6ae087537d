package io.cdccookbook.notebook;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartsTest {

    @Test
    void aLatencyHistogramIsAPngOfTheAdvertisedSize() throws Exception {
        Random random = new Random(1);
        long[] micros = random.longs(2_000, 5_000, 250_000).toArray();

        BufferedImage image = Charts.latencyHistogram(micros, "PostgreSQL → local replica, \"2,000\" events");
        byte[] png = Charts.png(image);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(read.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(read.getHeight()).isEqualTo(Charts.HEIGHT);
        assertThat(distinctColours(read)).as("bars, axes and text were drawn").isGreaterThan(10);
    }

    @Test
    void oneEventOrAllEqualLatenciesStillPlot() {
        assertThat(Charts.latencyHistogram(new long[]{42_000}, "one").getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(Charts.latencyHistogram(new long[]{0, 0, 0}, "zeros").getWidth()).isEqualTo(Charts.WIDTH);
    }

    @Test
    void noLatenciesIsAClearError() {
        assertThatThrownBy(() -> Charts.latencyHistogram(new long[0], "none")).hasMessageContaining("No latencies");
    }

    @Test
    void theLegendNamesThePercentilesInMilliseconds() {
        long[] micros = new long[100];
        for (int i = 0; i < 100; i++) {
            micros[i] = (i + 1) * 1000L;
        }
        assertThat(Charts.percentiles(micros)).isEqualTo("p50 50.0 ms · p95 95.0 ms · p99 99.0 ms · max 100.0 ms");
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
