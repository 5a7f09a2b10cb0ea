package backprop.show;

import backprop.data.Target;
import backprop.nn.Examples;
import backprop.nn.Format;
import backprop.nn.Network;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Functions of one variable drawn over an interval, with data points: the activation φ(s) = tanh(s)
 * and its derivative ({@link #tanh()}), or a regression problem's target f, its examples and the
 * network's g(x) at a few moments of training ({@link #fit}). Every curve has its own colour and line
 * style (solid, dashed, dotted, dash-dot), so curves that lie on each other stay visible.
 *
 * <pre>{@code
 * Plot.tanh().image()                                           // a BufferedImage: shown as PNG
 * Plot.fit(f, train).network("g after T updates", net).image()
 * Plot.over(-2, 2).function("s^2", s -> s * s).image()
 * }</pre>
 *
 * <p>An immutable configuration: every call returns a new plot. A network is copied when it is added,
 * so training it further does not change the plot. Deterministic: the same plot gives the same PNG
 * bytes (fixed size, fonts, colours; no time stamps).
 */
public final class Plot {
    /** Default image size in pixels. */
    public static final int WIDTH = 640, HEIGHT = 400;
    /** Points per drawn curve. */
    public static final int SAMPLES = 241;

    private static final float[][] DASHES = {null, {8f, 5f}, {2f, 4f}, {10f, 4f, 2f, 4f}};

    /** One thing to draw: a function (sampled) or points (markers only). */
    private record Item(String name, DoubleUnaryOperator f, double[] x, double[] y) {
    }

    private final double from, to;
    private final List<Item> items;
    private final String title, xTitle, yTitle;
    private final int width, height;

    private Plot(double from, double to, List<Item> items, String title, String xTitle, String yTitle, int width,
                 int height) {
        this.from = from;
        this.to = to;
        this.items = items;
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.width = width;
        this.height = height;
    }

    /** An empty plot over the x interval [from, to]. */
    public static Plot over(double from, double to) {
        if (!(from < to) || !Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException("x interval [" + from + ", " + to + "], expected finite from < to");
        }
        return new Plot(from, to, List.of(), "", "x", "", WIDTH, HEIGHT);
    }

    /**
     * φ(s) = tanh(s) and its derivative φ'(s) = 1 − tanh²(s) = 1 − x² on [−3, 3]: the derivative is
     * largest (1) at s = 0 and near 0 where tanh saturates at ±1.
     */
    public static Plot tanh() {
        return over(-3, 3).function("x = tanh(s)", Math::tanh)
                .function("φ'(s) = 1 - tanh²(s) = 1 - x²", s -> 1 - Math.tanh(s) * Math.tanh(s))
                .title("the activation φ(s) = tanh(s) and its derivative").axes("s", "");
    }

    /**
     * A regression problem in one dimension over [−1, 1]: the examples (x_n, y_n) as points and the
     * target f as a line; add the network's g(x) with {@link #network}.
     *
     * @throws IllegalArgumentException if the examples are not one-dimensional
     */
    public static Plot fit(Target f, Examples data) {
        if (f == null || data == null) {
            throw new IllegalArgumentException("fit needs a target and examples, got " + f + " and " + data);
        }
        if (data.dimension() != 1) {
            throw new IllegalArgumentException("examples of dimension d = " + data.dimension()
                    + ", expected d = 1 (a plot over x); use Boundary for d = 2");
        }
        double[] x = new double[data.size()];
        for (int n = 0; n < x.length; n++) {
            x[n] = data.x(n + 1)[0];
        }
        return over(-1, 1).points("examples (x_n, y_n)", x, data.ys()).function("target " + f, v -> f.f(v))
                .axes("x", "y");
    }

    /** Also g(x) of this network (copied now), for networks with one input. */
    public Plot network(String name, Network net) {
        if (net == null) {
            throw new IllegalArgumentException("network '" + name + "' is null, expected a Network");
        }
        if (net.d(0) != 1) {
            throw new IllegalArgumentException("network " + net + " has d(0) = " + net.d(0)
                    + " inputs, expected 1 for a plot over x");
        }
        Network copy = net.copy();
        return function(name, copy::g);
    }

    /** Also the function f, drawn as a line of {@value #SAMPLES} points over the interval. */
    public Plot function(String name, DoubleUnaryOperator f) {
        if (name == null || f == null) {
            throw new IllegalArgumentException("function needs a name and a function, got " + name + " and " + f);
        }
        List<Item> next = new ArrayList<>(items);
        next.add(new Item(name, f, null, null));
        return new Plot(from, to, List.copyOf(next), title, xTitle, yTitle, width, height);
    }

    /** Also the points (x[k], y[k]), drawn as markers. */
    public Plot points(String name, double[] x, double[] y) {
        if (name == null || x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("points need a name and x, y of equal length, got "
                    + (x == null ? "null" : x.length + " x") + " and " + (y == null ? "null" : y.length + " y"));
        }
        List<Item> next = new ArrayList<>(items);
        next.add(new Item(name, null, x.clone(), y.clone()));
        return new Plot(from, to, List.copyOf(next), title, xTitle, yTitle, width, height);
    }

    /** A title above the plot. */
    public Plot title(String title) {
        if (title == null) {
            throw new IllegalArgumentException("title is null, expected a text (may be empty)");
        }
        return new Plot(from, to, items, title, xTitle, yTitle, width, height);
    }

    /** The titles of the x and y axes. */
    public Plot axes(String x, String y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("axis titles " + x + " and " + y + ", expected texts (may be empty)");
        }
        return new Plot(from, to, items, title, x, y, width, height);
    }

    /** The image size in pixels, 200..10000 in each direction. */
    public Plot size(int width, int height) {
        if (width < 200 || height < 200 || width > 10_000 || height > 10_000) {
            throw new IllegalArgumentException("image size " + width + " x " + height
                    + " pixels, expected 200..10000 in each direction");
        }
        return new Plot(from, to, items, title, xTitle, yTitle, width, height);
    }

    /** The plot as an XChart chart, for further styling; {@link #image()} renders it. */
    public XYChart chart() {
        if (items.isEmpty()) {
            throw new IllegalStateException("nothing to plot: add a function or points first");
        }
        XYChart chart = Images.chart(width, height, title, xTitle, yTitle, items.stream().map(Item::name).toList());
        var st = chart.getStyler();
        st.setXAxisMin(from);
        st.setXAxisMax(to);
        st.setXAxisDecimalPattern("0.##");
        st.setYAxisDecimalPattern("0.##");
        int line = 0;
        for (int k = 0; k < items.size(); k++) {
            Item item = items.get(k);
            Color colour = Images.COLORS[k % Images.COLORS.length];
            if (item.f == null) {
                XYSeries s = chart.addSeries(item.name, item.x.length == 0 ? new double[]{from} : item.x,
                        item.y.length == 0 ? new double[]{0} : item.y);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(item.x.length == 0 ? Color.WHITE : colour);
                s.setLineStyle(SeriesLines.NONE);
                continue;
            }
            double[] xs = new double[SAMPLES], ys = new double[SAMPLES];
            for (int n = 0; n < SAMPLES; n++) {
                xs[n] = from + (to - from) * n / (SAMPLES - 1);
                ys[n] = item.f.applyAsDouble(xs[n]);
            }
            XYSeries s = chart.addSeries(item.name, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(colour);
            float[] dash = DASHES[line++ % DASHES.length];
            s.setLineStyle(dash == null ? new BasicStroke(2.2f)
                    : new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
        }
        return chart;
    }

    /** The plot as an image of the configured size (default 640 x 400), shown in a notebook as PNG. */
    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(chart());
    }

    /** The image as PNG bytes (the same bytes for the same plot). */
    public byte[] png() {
        return Images.png(image());
    }

    /** Writes the image as a PNG file, atomically (a failed save leaves an existing file as it was). */
    public void save(Path file) throws IOException {
        Images.save(file, image());
    }

    /** One short line: the range of x and the names of what is drawn (cut with "…" past 50 characters). */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Item item : items) {
            names.add(item.name);
        }
        return "Plot over [" + Format.number(from) + ", " + Format.number(to) + "]: "
                + Num.upTo(String.join("; ", names), 50);
    }
}
