package backprop.show;

import backprop.nn.Format;
import backprop.nn.History;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Error curves E(t) of one or several training runs ({@link History}), as a text plot for terminals
 * or as an image for notebooks. One history shows E_in and, when recorded, E_test; several show
 * E_in of each run under its label (and E_test too after {@link #withTest()}), e.g. to compare
 * learning rates. An immutable configuration: each {@code with…}/{@code log…} call returns a new one.
 *
 * <pre>{@code
 * Curves.of(h).logY().image()          // a BufferedImage: a Jupyter Java kernel shows it as a PNG
 * Curves.of(h1, h2, h3).text()         // a fixed-size text chart
 * Curves.of(h).save(Path.of("e.png"))  // the same image as a PNG file
 * }</pre>
 *
 * <p>In the image every run of several has its own colour, dash pattern and markers (placed at
 * different t for each run), so a curve that lies exactly on another one stays visible; a label's
 * "eta" is written η. A legend too wide for one line is laid out one entry per line.
 *
 * <p>Deterministic: the same histories give the same text and the same PNG bytes (fixed size, the
 * logical SansSerif font, fixed colours and anti-aliasing, no time stamps). Images are drawn headless.
 */
public final class Curves {
    /** Default image size in pixels. */
    public static final int WIDTH = 640, HEIGHT = 400;
    /** Default text plot area in characters. */
    public static final int COLUMNS = 60, ROWS = 16;

    /** Markers drawn on each curve of a chart of several runs. */
    public static final int MARKS_PER_CURVE = 10;

    private static final char[] MARKS = {'*', 'o', '+', 'x', '#', '@', '%', '&'};
    private static final float[] TEST_DASH = {7f, 4f};
    private static final float[][] DASHES = {null, {2f, 3f}, {10f, 3f, 2f, 3f}, {5f, 5f}};
    private static final Marker[] SHAPES = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

    private final List<History> histories;
    private final boolean log;
    private final boolean test;
    private final boolean zeroOne;
    private final String title;
    private final int width, height, columns, rows;

    private Curves(List<History> histories, boolean log, boolean test, boolean zeroOne, String title,
                   int width, int height, int columns, int rows) {
        this.histories = histories;
        this.log = log;
        this.test = test;
        this.zeroOne = zeroOne;
        this.title = title;
        this.width = width;
        this.height = height;
        this.columns = columns;
        this.rows = rows;
    }

    /** The curves of one or several histories, linear y axis, default sizes. */
    public static Curves of(History... histories) {
        if (histories == null || histories.length == 0) {
            throw new IllegalArgumentException("no history given, expected at least one training run");
        }
        for (int k = 0; k < histories.length; k++) {
            if (histories[k] == null) {
                throw new IllegalArgumentException("history " + (k + 1) + " of " + histories.length + " is null");
            }
            if (histories[k].points().isEmpty()) {
                throw new IllegalArgumentException("history " + (k + 1) + " ('" + histories[k].label()
                        + "') has no points, expected at least one recorded E_in");
            }
        }
        return new Curves(List.of(histories), false, histories.length == 1, false, "", WIDTH, HEIGHT, COLUMNS, ROWS);
    }

    /** The image of {@link #of}(histories): E_in (and E_test) against t, linear y axis. */
    public static BufferedImage image(History... histories) {
        return of(histories).image();
    }

    /** The text plot of {@link #of}(histories). */
    public static String text(History... histories) {
        return of(histories).text();
    }

    /** A logarithmic y axis (values &lt;= 0 are left out). */
    public Curves logY() {
        return new Curves(histories, true, test, zeroOne, title, width, height, columns, rows);
    }

    /** A linear y axis (the default). */
    public Curves linearY() {
        return new Curves(histories, false, test, zeroOne, title, width, height, columns, rows);
    }

    /** Also E_test of every history that recorded one (the default for a single history). */
    public Curves withTest() {
        return new Curves(histories, log, true, zeroOne, title, width, height, columns, rows);
    }

    /** Only E_in. */
    public Curves withoutTest() {
        return new Curves(histories, log, false, zeroOne, title, width, height, columns, rows);
    }

    /** The 0/1 errors (fraction of sign(g(x_n)) != y_n) instead of the squared errors. */
    public Curves zeroOne() {
        return new Curves(histories, log, test, true, title, width, height, columns, rows);
    }

    /** A title above the chart. */
    public Curves title(String title) {
        if (title == null) {
            throw new IllegalArgumentException("title is null, expected a text (may be empty)");
        }
        return new Curves(histories, log, test, zeroOne, title, width, height, columns, rows);
    }

    /** The image size in pixels, each at least 200. */
    public Curves size(int width, int height) {
        if (width < 200 || height < 200 || width > 10_000 || height > 10_000) {
            throw new IllegalArgumentException("image size " + width + " x " + height
                    + " pixels, expected 200..10000 in each direction");
        }
        return new Curves(histories, log, test, zeroOne, title, width, height, columns, rows);
    }

    /** The text plot area in characters: columns for t, rows for E; at least 10 x 5. */
    public Curves textSize(int columns, int rows) {
        if (columns < 10 || rows < 5 || columns > 1000 || rows > 1000) {
            throw new IllegalArgumentException("text plot of " + columns + " columns x " + rows
                    + " rows, expected 10..1000 columns and 5..1000 rows");
        }
        return new Curves(histories, log, test, zeroOne, title, width, height, columns, rows);
    }

    /** One curve: its legend name and the points (t, E) that can be drawn (finite, and > 0 on a log axis). */
    record Series(String name, int run, boolean dashed, double[] t, double[] e) {
    }

    /** The curves to draw, in legend order. */
    List<Series> series() {
        List<Series> out = new ArrayList<>();
        boolean single = histories.size() == 1;
        for (int k = 0; k < histories.size(); k++) {
            History h = histories.get(k);
            String label = h.label().isEmpty() ? "run " + (k + 1) : greek(h.label());
            String in = zeroOne ? "E_in 0/1" : "E_in";
            String out2 = zeroOne ? "E_test 0/1" : "E_test";
            out.add(series(single ? in : in + " (" + label + ")", k, false, h.t(), zeroOne ? h.eInZeroOne() : h.eIn()));
            if (test && h.hasTest()) {
                out.add(series(single ? out2 : out2 + " (" + label + ")", k, true, h.t(),
                        zeroOne ? h.eTestZeroOne() : h.eTest()));
            }
        }
        return out;
    }

    /** A label as a legend shows it: the learning rate "eta" written η, as in the lecture. */
    static String greek(String label) {
        return label.replaceAll("\\beta\\b", "η");
    }

    private Series series(String name, int run, boolean dashed, double[] t, double[] e) {
        int n = 0;
        double[] ts = new double[t.length];
        double[] es = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            if (Double.isFinite(e[k]) && (!log || e[k] > 0)) {
                ts[n] = t[k];
                es[n] = e[k];
                n++;
            }
        }
        return new Series(name, run, dashed, Arrays.copyOf(ts, n), Arrays.copyOf(es, n));
    }

    private String yTitle(List<Series> series) {
        boolean anyTest = series.stream().anyMatch(Series::dashed);
        String in = zeroOne ? "E_in 0/1" : "E_in";
        return anyTest ? in + ", " + (zeroOne ? "E_test 0/1" : "E_test") : in;
    }

    // ---------------------------------------------------------------- text

    /**
     * A text chart of the curves: the y axis (E, optionally log10) with its top, middle and bottom
     * values, the x axis t (updates) from the first to the last recorded t, one mark per series
     * ({@code * o + x # @ % &}) in every column, and a legend. The same input gives the same text.
     */
    public String text() {
        List<Series> series = series();
        double tMin = Double.POSITIVE_INFINITY, tMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int k = 0; k < s.t.length; k++) {
                tMin = Math.min(tMin, s.t[k]);
                tMax = Math.max(tMax, s.t[k]);
                double y = axis(s.e[k]);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(title.isEmpty() ? "" : title + "\n").append(yTitle(series)).append(" vs t (updates)")
                .append(log ? ", log scale" : "").append('\n');
        if (tMin > tMax) {
            return b.append("(nothing to plot: no ").append(log ? "positive " : "").append("finite errors)").toString();
        }
        if (yMax - yMin < 1e-12 * Math.max(1, Math.abs(yMax))) {
            double pad = log ? 1 : Math.max(1e-3, Math.abs(yMax) * 0.1);
            yMin -= pad;
            yMax += pad;
        }
        char[][] grid = new char[rows][columns];
        for (char[] row : grid) {
            Arrays.fill(row, ' ');
        }
        for (int k = series.size() - 1; k >= 0; k--) { // the first series drawn last, on top
            draw(grid, series.get(k), MARKS[k % MARKS.length], tMin, tMax, yMin, yMax);
        }
        String[] yLabels = new String[rows];
        int labelWidth = 0;
        for (int r : new int[]{0, (rows - 1) / 2, rows - 1}) {
            double y = yMax - (yMax - yMin) * r / (rows - 1);
            yLabels[r] = Format.significant(log ? Math.pow(10, y) : y, 3);
            labelWidth = Math.max(labelWidth, yLabels[r].length());
        }
        for (int r = 0; r < rows; r++) {
            String label = yLabels[r] == null ? "" : yLabels[r];
            b.append(" ".repeat(labelWidth - label.length())).append(label).append(" |")
                    .append(new String(grid[r]).stripTrailing()).append('\n');
        }
        b.append(" ".repeat(labelWidth)).append(" +").append("-".repeat(columns)).append('\n');
        String left = Format.significant(tMin, 6);
        String right = Format.significant(tMax, 6);
        String unit = "   t (updates)";
        b.append(" ".repeat(labelWidth + 2)).append(left)
                .append(" ".repeat(Math.max(1, columns - left.length() - right.length()))).append(right)
                .append(unit).append('\n');
        for (int k = 0; k < series.size(); k++) {
            b.append(k == 0 ? " ".repeat(labelWidth + 2) : "   ").append(MARKS[k % MARKS.length]).append(' ')
                    .append(series.get(k).name);
        }
        return b.toString();
    }

    private double axis(double e) {
        return log ? Math.log10(e) : e;
    }

    /**
     * Puts the series into the grid: in each column the value at that column's t, interpolated
     * linearly between recorded points, joined to the previous column by a vertical run of marks.
     */
    private void draw(char[][] grid, Series s, char mark, double tMin, double tMax, double yMin, double yMax) {
        if (s.t.length == 0) {
            return;
        }
        int previous = -1;
        int k = 0;
        for (int c = 0; c < columns; c++) {
            double t = tMax == tMin ? tMin : tMin + (tMax - tMin) * c / (columns - 1);
            if (t < s.t[0] || t > s.t[s.t.length - 1]) {
                if (!(s.t.length == 1 && c == Math.round((s.t[0] - tMin) / Math.max(1e-300, tMax - tMin) * (columns - 1)))) {
                    previous = -1;
                    continue;
                }
            }
            while (k + 1 < s.t.length && s.t[k + 1] < t) {
                k++;
            }
            double y;
            if (k + 1 < s.t.length && s.t[k + 1] > s.t[k]) {
                double a = (t - s.t[k]) / (s.t[k + 1] - s.t[k]);
                a = Math.max(0, Math.min(1, a));
                y = axis(s.e[k]) * (1 - a) + axis(s.e[k + 1]) * a;
            } else {
                y = axis(s.e[k]);
            }
            int row = (int) Math.round((yMax - y) / (yMax - yMin) * (rows - 1));
            row = Math.max(0, Math.min(rows - 1, row));
            if (previous >= 0) {
                for (int r = Math.min(previous, row) + 1; r < Math.max(previous, row); r++) {
                    grid[r][c] = mark;
                }
            }
            grid[row][c] = mark;
            previous = row;
        }
    }

    /**
     * One short line, e.g. {@code Curves of 2 runs (eta = 0.1; eta = 0.01), log y: text() or image()}, the
     * labels cut with "…" past 28 characters (a value in jshell is shown by its toString; the plot is
     * {@link #text()}).
     */
    @Override
    public String toString() {
        String labels = Num.upTo(String.join("; ", histories.stream().map(History::label).toList()), 28);
        return "Curves of " + histories.size() + " run" + (histories.size() == 1 ? "" : "s") + " (" + labels + "), "
                + (log ? "log y" : "linear y") + ": text() or image()";
    }

    // ---------------------------------------------------------------- image

    /**
     * The chart as an XChart {@link XYChart}: x axis "t (updates)", y axis "E_in, E_test" (or "E_in"),
     * one line per series (E_test dashed), legend below the plot, fixed fonts and colours. For further
     * styling; {@link #image()} renders it.
     */
    public XYChart chart() {
        List<Series> series = series();
        XYChart chart = Images.chart(width, height, title, "t (updates)", yTitle(series) + (log ? " (log scale)" : ""),
                series.stream().map(Series::name).toList());
        var st = chart.getStyler();
        st.setMarkerSize(7);
        st.setYAxisLogarithmic(log);
        roundXTicks(chart, series);
        st.setYAxisDecimalPattern(yPattern(series));
        if (log) {
            decades(st, series);
        }
        boolean any = false;
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            if (s.t.length == 0) {
                continue;
            }
            any = true;
            int run = histories.size() == 1 ? k : s.run; // one run: E_in blue, E_test red
            XYSeries xy = chart.addSeries(s.name, s.t, s.e);
            xy.setMarker(SeriesMarkers.NONE);
            Color colour = Images.COLORS[run % Images.COLORS.length];
            xy.setLineColor(colour);
            float[] dash = s.dashed ? TEST_DASH : histories.size() == 1 ? null : DASHES[run % DASHES.length];
            xy.setLineStyle(dash == null ? new BasicStroke(2f)
                    : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
            if (histories.size() > 1) {
                markers(chart, s, k, series.size(), SHAPES[run % SHAPES.length], colour);
            }
        }
        if (!any) {
            XYSeries xy = chart.addSeries("no " + (log ? "positive " : "") + "finite errors", new double[]{0},
                    new double[]{log ? 1 : 0});
            xy.setMarker(SeriesMarkers.NONE);
            xy.setLineStyle(SeriesLines.NONE);
        }
        return chart;
    }

    /**
     * {@value #MARKS_PER_CURVE} markers on the curve, at t staggered by the curve's place in the legend,
     * so that curves lying on each other stay visible (r = 0.01 under r = 0.1); not in the legend.
     */
    private static void markers(XYChart chart, Series s, int k, int count, Marker shape, Color colour) {
        int n = s.t.length;
        double tMin = s.t[0], tMax = s.t[n - 1];
        double[] mt = new double[MARKS_PER_CURVE], me = new double[MARKS_PER_CURVE];
        int m = 0, at = 0;
        for (int q = 0; q < MARKS_PER_CURVE; q++) {
            double t = tMin + (tMax - tMin) * (q + (k + 1.0) / (count + 1)) / MARKS_PER_CURVE;
            while (at + 1 < n && s.t[at + 1] <= t) {
                at++;
            }
            if (m == 0 || mt[m - 1] != s.t[at]) {
                mt[m] = s.t[at];
                me[m] = s.e[at];
                m++;
            }
        }
        XYSeries marks = chart.addSeries(s.name + " (markers)", Arrays.copyOf(mt, m), Arrays.copyOf(me, m));
        marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        marks.setMarker(shape);
        marks.setMarkerColor(colour);
        marks.setLineStyle(SeriesLines.NONE);
        marks.setShowInLegend(false);
    }

    /**
     * x tick labels at round numbers of updates: about five steps of 1, 2 or 5 times a power of ten.
     * XChart places the labels of a custom formatter at the data's t values and leaves the others blank,
     * so the ticks fall on recorded t that are multiples of the step (the trainer records every k updates).
     */
    private static void roundXTicks(XYChart chart, List<Series> series) {
        double tMax = 0;
        for (Series s : series) {
            for (double t : s.t) {
                tMax = Math.max(tMax, t);
            }
        }
        double step = niceStep(tMax / 5);
        chart.setCustomXAxisTickLabelsFormatter(t -> Math.abs(t / step - Math.rint(t / step)) < 1e-9
                ? String.format(Locale.ROOT, "%,.0f", t) : "");
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code raw} (1 for raw <= 1). */
    static double niceStep(double raw) {
        if (!(raw > 1)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /** A log y axis from the decade below the smallest value to the decade above the largest. */
    private static void decades(org.knowm.xchart.style.XYStyler st, List<Series> series) {
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (Series s : series) {
            for (double e : s.e) {
                min = Math.min(min, e);
                max = Math.max(max, e);
            }
        }
        if (max > 0) {
            double lo = Math.floor(Math.log10(min) + 1e-9);
            double hi = Math.ceil(Math.log10(max) - 1e-9);
            st.setYAxisMin(Math.pow(10, lo));
            st.setYAxisMax(Math.pow(10, Math.max(hi, lo + 1)));
        }
    }

    /** Tick labels without long digit strings: plain decimals when the values allow, else 1.5E-7. */
    private String yPattern(List<Series> series) {
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (Series s : series) {
            for (double e : s.e) {
                min = Math.min(min, Math.abs(e) > 0 ? Math.abs(e) : min);
                max = Math.max(max, Math.abs(e));
            }
        }
        if (max >= 1e5 || (log && min < 1e-4)) {
            return "0.#E0";
        }
        return log ? "0.####" : "0.###";
    }

    /**
     * The chart as an image of the configured size (default 640 x 400). A Jupyter Java kernel shows
     * a {@link java.awt.image.RenderedImage} value as image/png.
     */
    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(chart());
    }

    /** The image as PNG bytes (the same bytes for the same curves). */
    public byte[] png() {
        return Images.png(image());
    }

    /**
     * Writes the image as a PNG file, atomically: into a temporary file in the same directory, then
     * moved over {@code file}, so a failed save leaves an existing file as it was.
     */
    public void save(Path file) throws IOException {
        Images.save(file, image());
    }
}
