package dev.polydl.harness.report;

import dev.polydl.harness.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts, drawn with XChart (headless AWT). */
final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;

    private Charts() {
    }

    /** One line per framework: training loss against step, averaged over a window so that the curves stay readable. */
    static void learningCurves(Path file, String title, Map<String, List<Double>> lossByFramework, int stepsPerEpoch,
                               boolean logarithmic) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle("training loss (moving mean over " + window(stepsPerEpoch) + " steps)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setMarkerSize(0);
        // Short runs (2 epochs) get fractional epoch ticks, which would otherwise print with 17 digits.
        chart.getStyler().setXAxisDecimalPattern("0.##");
        lossByFramework.forEach((framework, losses) -> {
            int window = window(stepsPerEpoch);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            double sum = 0;
            for (int i = 0; i < losses.size(); i++) {
                sum += losses.get(i);
                if (i >= window) {
                    sum -= losses.get(i - window);
                }
                if (i + 1 >= Math.min(window, losses.size())) {
                    x.add((i + 1) / (double) stepsPerEpoch);
                    y.add(sum / Math.min(window, i + 1));
                }
            }
            XYSeries series = chart.addSeries(framework, x, y);
            series.setMarker(SeriesMarkers.NONE);
        });
        save(chart, file);
    }

    /** Grouped bars with error bars: one group per category, one bar per framework. */
    static void bars(Path file, String title, String yTitle, List<String> categories, Map<String, List<double[]>> meanAndSdByFramework)
            throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        chart.getStyler().setYAxisMin(0.0);
        Map<String, List<double[]>> series = new LinkedHashMap<>(meanAndSdByFramework);
        series.forEach((framework, values) -> {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (double[] value : values) {
                means.add(Double.isNaN(value[0]) ? 0.0 : value[0]);
                errors.add(Double.isNaN(value[1]) ? 0.0 : value[1]);
            }
            chart.addSeries(framework, categories, means, errors);
        });
        save(chart, file);
    }

    /** Draws one chart of the report. */
    interface Writer {
        void write(Path file) throws IOException;
    }

    /**
     * Draws {@code charts/<name>} under {@code output} and links it from the report; a chart that cannot be
     * drawn (e.g. a JVM without fonts) is listed in {@code problems} rather than failing the report.
     */
    static void embed(StringBuilder md, Path output, String name, String alt, Writer writer, List<String> problems) {
        try {
            writer.write(output.resolve("charts").resolve(name));
            md.append("![").append(alt).append("](charts/").append(name).append(")\n\n");
        } catch (IOException | RuntimeException | LinkageError e) {
            problems.add(name + ": " + Worker.oneLine(e));
        }
    }

    private static int window(int stepsPerEpoch) {
        return Math.max(1, stepsPerEpoch / 10);
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
