package dev.polydl.harness.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart (headless AWT) into PNG at twice their layout size, so that they stay sharp
 * on high-density screens and in print. Every chart gives a framework the same colour ({@link #colour}).
 */
final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int PANEL_WIDTH = 450;
    private static final int PANEL_HEIGHT = 300;
    private static final int TITLE_HEIGHT = 36;
    /** Pixels per layout pixel. */
    private static final int SCALE = 2;

    /**
     * The Okabe–Ito palette, which colour-blind readers can tell apart: one colour per framework in report order, grey for the
     * harness baseline; frameworks beyond those get the palette's remaining colours.
     */
    private static final Map<String, Color> COLOURS = Map.of("tensorflow", new Color(0xE69F00), "pytorch", new Color(0xCC79A7),
            "mxnet", new Color(0x0072B2), "dl4j", new Color(0x009E73), "noop", new Color(0x999999));
    private static final List<Color> SPARE = List.of(new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), Color.BLACK);

    private Charts() {
    }

    /**
     * A series' colour: its framework's, from the start of its name ("dl4j on AMD EPYC …" is DL4J's). A second machine's
     * series of the same framework gets a darker shade.
     */
    static Color colour(String series) {
        String framework = series.split(" ", 2)[0].toLowerCase(Locale.ROOT);
        Color colour = COLOURS.get(framework);
        if (colour == null) {
            colour = SPARE.get(Math.floorMod(framework.hashCode(), SPARE.size()));
        }
        return series.contains(" on ") ? colour.darker() : colour;
    }

    /**
     * One line per framework: training loss against epoch, averaged over a window so that the curves stay readable. The
     * loss axis is logarithmic only where the curves span more than a decade. Curves that coincide (frameworks in parity
     * often do, the argsort toy exactly) are drawn from wide to narrow, so that every framework's colour stays visible.
     */
    static void learningCurves(Path file, String title, Map<String, List<Double>> lossByFramework, int stepsPerEpoch)
            throws IOException {
        int window = window(stepsPerEpoch);
        Map<String, double[][]> curves = new LinkedHashMap<>();
        lossByFramework.forEach((framework, losses) -> {
            if (!losses.isEmpty()) {
                curves.put(framework, movingMean(losses, window, stepsPerEpoch));
            }
        });
        if (curves.isEmpty()) {
            throw new IOException("no training losses to draw in " + file.getFileName());
        }
        DoubleSummaryStatistics positive = curves.values().stream().flatMapToDouble(curve -> Arrays.stream(curve[1]))
                .filter(loss -> loss > 0 && Double.isFinite(loss)).summaryStatistics();
        boolean coincide = coincide(curves.values());
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(coincide && curves.size() > 1 ? title + " (the curves coincide)" : title).xAxisTitle("epoch")
                .yAxisTitle(window == 1 ? "training loss per step" : "training loss (moving mean over " + window + " steps)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisLogarithmic(positive.getCount() > 0 && positive.getMax() > 10 * positive.getMin());
        chart.getStyler().setMarkerSize(0);
        // Short runs (2 epochs) get fractional epoch ticks, which would otherwise print with 17 digits.
        chart.getStyler().setXAxisDecimalPattern("0.##");
        // An axis bound off the data's grid keeps XChart on its round-number ticks: on equally spaced data (one step per
        // epoch) it labels data points instead and packs 500 epochs' labels into one unreadable run.
        double lastEpoch = curves.values().stream().mapToDouble(curve -> curve[0][curve[0].length - 1]).max().orElse(1);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(lastEpoch * 1.02);
        int rank = 0;
        for (Map.Entry<String, double[][]> curve : curves.entrySet()) {
            XYSeries series = chart.addSeries(curve.getKey(), curve.getValue()[0], curve.getValue()[1]);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(colour(curve.getKey()));
            float width = coincide ? 2f + 3f * (curves.size() - 1 - rank) : 2f;
            series.setLineStyle(new BasicStroke(width));
            rank++;
        }
        save(file, WIDTH, HEIGHT, List.of(chart), 1, null);
    }

    /** {epochs, losses}: the mean of each window of steps that has filled (or of all steps, for runs shorter than one). */
    static double[][] movingMean(List<Double> losses, int window, int stepsPerEpoch) {
        int span = Math.min(window, losses.size());
        double[][] curve = new double[2][Math.max(0, losses.size() - span + 1)];
        double sum = 0;
        for (int i = 0; i < losses.size(); i++) {
            sum += losses.get(i);
            if (i >= window) {
                sum -= losses.get(i - window);
            }
            if (i + 1 >= span) {
                curve[0][i + 1 - span] = (i + 1) / (double) stepsPerEpoch;
                curve[1][i + 1 - span] = sum / span;
            }
        }
        return curve;
    }

    /** Whether all curves have the same points to within 1 % of each loss: lines that one would hide under the next. */
    static boolean coincide(Collection<double[][]> curves) {
        double[][] first = curves.iterator().next();
        for (double[][] curve : curves) {
            if (curve[1].length != first[1].length) {
                return false;
            }
            for (int i = 0; i < curve[1].length; i++) {
                if (!(Math.abs(curve[1][i] - first[1][i]) <= 0.01 * Math.abs(first[1][i]))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * One small bar chart's data: a bar per framework (mean and sd), on its own axis.
     *
     * @param bars series name → {mean, sd} in seconds; NaN sd draws no error bar
     */
    record Panel(String title, Map<String, double[]> bars) {
    }

    /**
     * Panels side by side, two per row, each on its own linear axis from zero and in its own unit (s or ms, whichever reads
     * best): every bar stays visible whatever the spread between panels. (XChart's bar labels are left off: in the
     * one-bar-per-category layout they would print the other series' zeros too; the tables hold the numbers.)
     */
    static void panels(Path file, String title, String quantity, List<Panel> panels) throws IOException {
        List<Chart<?, ?>> charts = new ArrayList<>();
        for (Panel panel : panels) {
            double largest = panel.bars().values().stream().mapToDouble(v -> v[0]).filter(v -> !Double.isNaN(v)).max().orElse(0);
            double top = panel.bars().values().stream().mapToDouble(v -> v[0] + (Double.isNaN(v[1]) ? 0 : v[1]))
                    .filter(v -> !Double.isNaN(v)).max().orElse(0);
            boolean milliseconds = largest < 1;
            double unit = milliseconds ? 1000 : 1;
            CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(panel.title())
                    .yAxisTitle((milliseconds ? "ms " : "s ") + quantity).build();
            style(chart.getStyler());
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setOverlapped(true); // a bar per category: each series holds one framework's bar only
            chart.getStyler().setYAxisDecimalPattern(pattern(largest * unit));
            chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(Math.max(largest * 1.15, top * 1.05) * unit); // room for every error bar
            List<String> names = new ArrayList<>(panel.bars().keySet());
            for (String name : names) {
                double[] value = panel.bars().get(name);
                List<Double> means = new ArrayList<>();
                List<Double> errors = new ArrayList<>();
                for (String other : names) {
                    boolean own = other.equals(name);
                    means.add(own && !Double.isNaN(value[0]) ? value[0] * unit : 0.0);
                    errors.add(own && !Double.isNaN(value[1]) ? value[1] * unit : 0.0);
                }
                CategorySeries series = chart.addSeries(name, names, means, errors);
                series.setFillColor(colour(name));
            }
            charts.add(chart);
        }
        save(file, PANEL_WIDTH, PANEL_HEIGHT, charts, 2, title);
    }

    /** A decimal pattern with three significant digits for values up to {@code largest}. */
    private static String pattern(double largest) {
        int decimals = largest <= 0 ? 1 : (int) Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(largest))));
        return decimals == 0 ? "0" : "0." + "#".repeat(decimals);
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setChartTitleBoxVisible(false);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
    }

    private static int window(int stepsPerEpoch) {
        return Math.max(1, stepsPerEpoch / 10);
    }

    /**
     * Paints the charts in a grid of {@code columns}, each {@code width × height} layout pixels, under an optional title,
     * at {@link #SCALE} pixels per layout pixel.
     */
    private static void save(Path file, int width, int height, List<Chart<?, ?>> charts, int columns, String title) throws IOException {
        int rows = (charts.size() + columns - 1) / columns;
        int top = title == null ? 0 : TITLE_HEIGHT;
        int layoutWidth = width * Math.min(columns, charts.size());
        BufferedImage image = new BufferedImage(layoutWidth * SCALE, (top + rows * height) * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layoutWidth, top + rows * height);
            if (title != null) {
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
                int textWidth = g.getFontMetrics().stringWidth(title);
                g.drawString(title, Math.max(4, (layoutWidth - textWidth) / 2), 24);
            }
            for (int i = 0; i < charts.size(); i++) {
                Graphics2D cell = (Graphics2D) g.create((i % columns) * width, top + (i / columns) * height, width, height);
                try {
                    charts.get(i).paint(cell, width, height);
                } finally {
                    cell.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}
