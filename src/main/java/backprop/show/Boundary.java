package backprop.show;

import backprop.data.Target;
import backprop.nn.Examples;
import backprop.nn.Network;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision of a two-class network over the square [−1, 1]^2: one panel per network, the region
 * where sign(g(x)) = +1 shaded blue and −1 shaded red, the decision boundary g(x) = 0 as a black line,
 * the examples on top (+1 as blue discs, −1 as red crosses) and, when a target is given, its own
 * boundary as a grey line. Several panels side by side show the boundary moving during training.
 *
 * <pre>{@code
 * Boundary.of(train).target(circle).network("t = 0", net0).network("t = 50,000", net).image()
 * }</pre>
 *
 * <p>An immutable configuration; a network is copied when it is added. Drawn with Java2D, headless;
 * deterministic: the same panels give the same PNG bytes.
 */
public final class Boundary {
    /** Default panel size in pixels (the square [−1, 1]^2). */
    public static final int PANEL = 260;
    /** Panels per row of the image. */
    public static final int PER_ROW = 4;

    private static final int PAD = 14, CAPTION = 22, FOOT = 28;
    private static final Color PLUS = new Color(31, 119, 180), MINUS = new Color(214, 39, 40);
    private static final Color PLUS_AREA = new Color(222, 235, 247), MINUS_AREA = new Color(252, 226, 222);

    private record Panel(String label, Network net) {
    }

    private final Examples data;
    private final Target target;
    private final List<Panel> panels;
    private final int panel;

    private Boundary(Examples data, Target target, List<Panel> panels, int panel) {
        this.data = data;
        this.target = target;
        this.panels = panels;
        this.panel = panel;
    }

    /**
     * The examples to draw on every panel: inputs in two dimensions, labels ±1 (a y_n &gt; 0 is drawn as
     * +1, else as −1).
     */
    public static Boundary of(Examples data) {
        if (data == null) {
            throw new IllegalArgumentException("examples are null, expected two-dimensional examples");
        }
        if (data.dimension() != 2) {
            throw new IllegalArgumentException("examples of dimension d = " + data.dimension()
                    + ", expected d = 2 (a picture of the plane); use Plot.fit for d = 1");
        }
        return new Boundary(data, null, List.of(), PANEL);
    }

    /** Also the target's own boundary (where sign f changes), as a grey line on every panel. */
    public Boundary target(Target f) {
        if (f == null) {
            throw new IllegalArgumentException("target is null, expected a Target");
        }
        return new Boundary(data, f, panels, panel);
    }

    /** One more panel: the decision of this network (copied now), under the caption {@code label}. */
    public Boundary network(String label, Network net) {
        if (label == null || net == null) {
            throw new IllegalArgumentException("a panel needs a caption and a network, got " + label + " and " + net);
        }
        if (net.d(0) != 2) {
            throw new IllegalArgumentException("network " + net + " has d(0) = " + net.d(0)
                    + " inputs, expected 2 for a picture of the plane");
        }
        List<Panel> next = new ArrayList<>(panels);
        next.add(new Panel(label, net.copy()));
        return new Boundary(data, target, List.copyOf(next), panel);
    }

    /** The size of one panel in pixels, 100..2000. */
    public Boundary panelSize(int pixels) {
        if (pixels < 100 || pixels > 2000) {
            throw new IllegalArgumentException("panel size " + pixels + " pixels, expected 100..2000");
        }
        return new Boundary(data, target, panels, pixels);
    }

    /** The number of panels (networks) added. */
    public int panels() {
        return panels.size();
    }

    /** The picture: the panels in rows of {@value #PER_ROW}, a legend below. */
    public BufferedImage image() {
        if (panels.isEmpty()) {
            throw new IllegalStateException("no network to draw: add one with network(label, net)");
        }
        int columns = Math.min(PER_ROW, panels.size());
        int rows = (panels.size() + PER_ROW - 1) / PER_ROW;
        int cell = panel + 2 * PAD;
        int width = columns * cell, height = rows * (cell + CAPTION) + FOOT;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            for (int k = 0; k < panels.size(); k++) {
                int left = (k % PER_ROW) * cell + PAD, top = (k / PER_ROW) * (cell + CAPTION) + CAPTION + PAD;
                drawPanel(g, image, panels.get(k), left, top);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.DARK_GRAY);
            String legend = "shade: sign(g(x)); black line: g(x) = 0; dots: y = +1, crosses: y = -1"
                    + (target == null ? "" : "; grey: the target's boundary");
            g.drawString(fit(g, legend, width - 2 * PAD), PAD, height - 10);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawPanel(Graphics2D g, BufferedImage image, Panel p, int left, int top) {
        int size = panel;
        // the sign of g and of f at every pixel centre; a pixel is on a boundary when its sign differs
        // from its right or lower neighbour
        boolean[][] plus = new boolean[size][size];
        boolean[][] truth = target == null ? null : new boolean[size][size];
        double[] x = new double[2];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                x[0] = -1 + 2 * (c + 0.5) / size;
                x[1] = 1 - 2 * (r + 0.5) / size;
                plus[r][c] = p.net.g(x) > 0;
                if (truth != null) {
                    truth[r][c] = target.f(x) > 0;
                }
            }
        }
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int rgb = (plus[r][c] ? PLUS_AREA : MINUS_AREA).getRGB();
                if (truth != null && edge(truth, r, c)) {
                    rgb = 0x909090;
                }
                if (edge(plus, r, c)) {
                    rgb = 0x000000;
                }
                image.setRGB(left + c, top + r, rgb);
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left - 1, top - 1, size + 1, size + 1);
        g.setStroke(new BasicStroke(1.6f));
        for (int n = 1; n <= data.size(); n++) {
            double[] xn = data.x(n);
            double px = left + (xn[0] + 1) / 2 * size, py = top + (1 - xn[1]) / 2 * size;
            if (data.y(n) > 0) {
                g.setColor(PLUS);
                g.fill(new Ellipse2D.Double(px - 3, py - 3, 6, 6));
            } else {
                g.setColor(MINUS);
                g.draw(new Line2D.Double(px - 3, py - 3, px + 3, py + 3));
                g.draw(new Line2D.Double(px - 3, py + 3, px + 3, py - 3));
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(fit(g, p.label, size), left, top - 8);
    }

    private static boolean edge(boolean[][] sign, int r, int c) {
        int n = sign.length;
        return (c + 1 < n && sign[r][c] != sign[r][c + 1]) || (r + 1 < n && sign[r][c] != sign[r + 1][c]);
    }

    /** The text, cut with "…" to fit into {@code width} pixels. */
    private static String fit(Graphics2D g, String text, int width) {
        FontMetrics m = g.getFontMetrics();
        if (m.stringWidth(text) <= width) {
            return text;
        }
        String t = text;
        while (!t.isEmpty() && m.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** The image as PNG bytes (the same bytes for the same panels). */
    public byte[] png() {
        return Images.png(image());
    }

    /** Writes the image as a PNG file, atomically. */
    public void save(Path file) throws IOException {
        Images.save(file, image());
    }

    /** One short line: the number of examples and the panels' captions (cut with "…" past 40 characters). */
    @Override
    public String toString() {
        List<String> labels = new ArrayList<>();
        for (Panel p : panels) {
            labels.add(p.label);
        }
        return "Boundary of " + data.size() + " examples, panels: " + Num.upTo(String.join("; ", labels), 40);
    }
}
