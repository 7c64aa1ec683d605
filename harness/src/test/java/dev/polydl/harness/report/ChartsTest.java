package dev.polydl.harness.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @Test
    void movingMeanStartsWhenTheFirstWindowHasFilled() {
        double[][] curve = Charts.movingMean(List.of(4.0, 2.0, 6.0, 0.0), 2, 2);
        assertArrayEquals(new double[] {1.0, 1.5, 2.0}, curve[0], 1e-12); // epochs: steps 2, 3, 4 at 2 steps per epoch
        assertArrayEquals(new double[] {3.0, 4.0, 3.0}, curve[1], 1e-12);
    }

    @Test
    void aRunShorterThanTheWindowIsOnePointWithItsMean() {
        double[][] curve = Charts.movingMean(List.of(1.0, 3.0), 10, 100);
        assertArrayEquals(new double[] {0.02}, curve[0], 1e-12);
        assertArrayEquals(new double[] {2.0}, curve[1], 1e-12);
    }

    @Test
    void curvesCoincideOnlyWhenEveryPointIsWithinOnePercent() {
        double[][] reference = {{1, 2}, {1.0, 0.5}};
        double[][] close = {{1, 2}, {1.009, 0.496}};
        double[][] apart = {{1, 2}, {1.0, 0.52}};
        assertTrue(Charts.coincide(List.of(reference, close)));
        assertFalse(Charts.coincide(List.of(reference, apart)));
        assertFalse(Charts.coincide(List.of(reference, new double[][] {{1}, {1.0}})), "different lengths");
    }

    @Test
    void learningCurvesAreDrawnAtTwiceTheirLayoutSize(@TempDir Path dir) throws Exception {
        Map<String, List<Double>> losses = new LinkedHashMap<>();
        for (String framework : List.of("tensorflow", "dl4j")) {
            losses.put(framework, List.of(0.9, 0.5, 0.3, 0.2, 0.15, 0.12));
        }
        Path file = dir.resolve("loss.png");
        Charts.learningCurves(file, "toy", losses, 1);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(1800, image.getWidth());
        assertEquals(960, image.getHeight());
    }
}
