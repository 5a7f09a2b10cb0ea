package backprop.show;

import backprop.nn.BackwardPass;
import backprop.nn.Format;
import backprop.nn.ForwardPass;
import backprop.nn.Network;
import backprop.nn.OutputUnit;
import backprop.nn.Weights;

import java.util.Arrays;
import java.util.Locale;

/**
 * A network drawn as the lecture draws it, as an SVG picture: the inputs x_i^(0) with the threshold
 * input x_0 on top of every layer, the neurons of layers l = 1..L, and one edge per weight w_ij^(l)
 * from input i of layer l to neuron j, blue for w &gt; 0 and red for w &lt; 0, thicker for larger |w|.
 *
 * <ul>
 *   <li>{@link #of(Network)}: the weights only, the nodes named x_j^(l);</li>
 *   <li>{@link #forward(ForwardPass)}: s_j^(l) and x_j^(l) on every neuron, arrows pointing forward;</li>
 *   <li>{@link #backward(BackwardPass)}: δ_j^(l) on every neuron, arrows pointing backward, from the
 *       output to the inputs, the way the deltas are computed.</li>
 * </ul>
 *
 * <p>One sum or path can be highlighted ({@link #highlightSum}, {@link #highlightDelta},
 * {@link #highlightPath}): its edges and nodes are drawn strong, the rest faded. In a notebook the
 * picture shows inline: a Jupyter Java kernel shows an object with a {@code toSvg()} method as
 * image/svg+xml. An immutable value: every {@code highlight…}/{@code title} call returns a new diagram.
 *
 * <pre>{@code
 * var pass = net.forward(0.5, -0.2);
 * Diagram.forward(pass).highlightSum(1, 2)          // the sum s_2^(1) = Σ_i w_i2^(1) x_i^(0)
 * Diagram.backward(pass.backward(1.0)).highlightDelta(1, 2)
 * }</pre>
 *
 * <p>Deterministic: the same network, pass and options give the same SVG text (numbers with four
 * significant digits, fixed layout, no ids or time stamps).
 */
public final class Diagram {
    /** Horizontal distance between two layers, in pixels. */
    static final int LAYER_GAP = 250;
    /** Vertical distance between two nodes of a layer, in pixels. */
    static final int ROW_GAP = 72;
    /** Node box size, in pixels. */
    static final int BOX_W = 116, BOX_H = 46;
    /** Weight labels are written on the edges when no layer has more weights than this. */
    public static final int MAX_LABELLED_WEIGHTS = 16;

    private static final String BLUE = "#1f77b4", RED = "#d62728", GREY = "#777777", ORANGE = "#ff7f0e";
    private static final int MARGIN = 30, TOP = 70;

    private enum Kind { WEIGHTS, FORWARD, BACKWARD }

    private final Kind kind;
    private final Weights w;
    private final double x0;
    private final OutputUnit output;
    private final ForwardPass pass;
    private final BackwardPass back;
    private final String title;
    /** Highlighted edges [l][i][j] and nodes [l][i]; null when nothing is highlighted. */
    private final boolean[][][] edges;
    private final boolean[][] nodes;

    private Diagram(Kind kind, Weights w, double x0, OutputUnit output, ForwardPass pass, BackwardPass back,
                    String title, boolean[][][] edges, boolean[][] nodes) {
        this.kind = kind;
        this.w = w;
        this.x0 = x0;
        this.output = output;
        this.pass = pass;
        this.back = back;
        this.title = title;
        this.edges = edges;
        this.nodes = nodes;
    }

    /** The network with its weights on the edges; the nodes carry their names x_j^(l) only. */
    public static Diagram of(Network net) {
        if (net == null) {
            throw new IllegalArgumentException("network is null, expected a Network");
        }
        return new Diagram(Kind.WEIGHTS, net.weights(), net.x0(), net.output(), null, null,
                "the network " + sizes(net.sizes()) + ": weights w_ij^(l) on the edges", null, null);
    }

    /** The forward pass: each neuron j of layer l shows s_j^(l) and x_j^(l), each input x_i^(0). */
    public static Diagram forward(ForwardPass pass) {
        if (pass == null) {
            throw new IllegalArgumentException("forward pass is null, expected net.forward(x)");
        }
        return new Diagram(Kind.FORWARD, pass.weights(), pass.x0(), pass.outputUnit(), pass, null,
                "forward pass: s_j^(l) = Σ_i w_ij^(l) x_i^(l-1), x_j^(l) = tanh(s_j^(l))", null, null);
    }

    /**
     * The backward pass: each neuron shows δ_j^(l), the arrows point from layer l to layer l − 1, the
     * way δ_i^(l−1) = (1 − (x_i^(l−1))^2) Σ_j w_ij^(l) δ_j^(l) is computed.
     */
    public static Diagram backward(BackwardPass back) {
        if (back == null) {
            throw new IllegalArgumentException("backward pass is null, expected pass.backward(y)");
        }
        ForwardPass f = back.forward();
        return new Diagram(Kind.BACKWARD, f.weights(), f.x0(), f.outputUnit(), f, back,
                "backward pass: δ_i^(l-1) = (1 - (x_i^(l-1))^2) Σ_j w_ij^(l) δ_j^(l)", null, null);
    }

    /** The same picture under another title (an empty title leaves the line out). */
    public Diagram title(String title) {
        if (title == null) {
            throw new IllegalArgumentException("title is null, expected a text (may be empty)");
        }
        return new Diagram(kind, w, x0, output, pass, back, title, edges, nodes);
    }

    /**
     * Highlights the sum s_j^(l) = Σ_i w_ij^(l) x_i^(l−1): neuron j of layer l, every input i = 0..d^(l−1)
     * of its layer and the weights w_ij^(l) between them.
     */
    public Diagram highlightSum(int l, int j) {
        checkLayer(l, 1, "l");
        checkIndex(j, 1, w.d(l), "j", "a neuron of layer " + l);
        boolean[][][] e = noEdges();
        boolean[][] n = noNodes();
        n[l][j] = true;
        for (int i = 0; i <= w.d(l - 1); i++) {
            e[l][i][j] = true;
            n[l - 1][i] = true;
        }
        return new Diagram(kind, w, x0, output, pass, back, title, e, n);
    }

    /**
     * Highlights the recursion for δ_i^(l) = (1 − (x_i^(l))^2) Σ_j w_ij^(l+1) δ_j^(l+1): neuron i of layer
     * l (1 ≤ l &lt; L), every neuron j of layer l + 1 and the weights w_ij^(l+1) between them.
     */
    public Diagram highlightDelta(int l, int i) {
        if (w.L() < 2) {
            throw new IllegalArgumentException("network " + sizes(w.sizes())
                    + " has no hidden layer, so no delta is computed by the recursion");
        }
        checkLayer(l, 1, "l");
        if (l >= w.L()) {
            throw new IllegalArgumentException("l = " + l + ", expected a hidden layer 1.." + (w.L() - 1)
                    + " (δ of the output layer L = " + w.L() + " is not a sum over a layer above)");
        }
        checkIndex(i, 1, w.d(l), "i", "a neuron of layer " + l);
        boolean[][][] e = noEdges();
        boolean[][] n = noNodes();
        n[l][i] = true;
        for (int j = 1; j <= w.d(l + 1); j++) {
            e[l + 1][i][j] = true;
            n[l + 1][j] = true;
        }
        return new Diagram(kind, w, x0, output, pass, back, title, e, n);
    }

    /**
     * Highlights one path from an input to the output: {@code path[0]} is the input i (0..d^(0), 0 the
     * threshold), {@code path[l]} the neuron of layer l (1..d^(l)) for l = 1..L; e.g. {@code
     * highlightPath(1, 2, 1)} on a 2-3-1 network is x_1^(0) → neuron 2 of layer 1 → the output.
     */
    public Diagram highlightPath(int... path) {
        if (path == null || path.length != w.L() + 1) {
            throw new IllegalArgumentException("path has " + (path == null ? 0 : path.length)
                    + " entries, expected L + 1 = " + (w.L() + 1) + " (an input, then one neuron per layer)");
        }
        checkIndex(path[0], 0, w.d(0), "path[0]", "an input (0 the threshold)");
        for (int l = 1; l <= w.L(); l++) {
            checkIndex(path[l], 1, w.d(l), "path[" + l + "]", "a neuron of layer " + l);
        }
        boolean[][][] e = noEdges();
        boolean[][] n = noNodes();
        n[0][path[0]] = true;
        for (int l = 1; l <= w.L(); l++) {
            e[l][path[l - 1]][path[l]] = true;
            n[l][path[l]] = true;
        }
        return new Diagram(kind, w, x0, output, pass, back, title, e, n);
    }

    private void checkLayer(int l, int min, String name) {
        if (l < min || l > w.L()) {
            throw new IllegalArgumentException(name + " = " + l + ", expected a layer " + min + ".." + w.L());
        }
    }

    private static void checkIndex(int v, int min, int max, String name, String what) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " = " + v + ", expected " + what + ", " + min + ".." + max);
        }
    }

    private boolean[][][] noEdges() {
        boolean[][][] e = new boolean[w.L() + 1][][];
        for (int l = 1; l <= w.L(); l++) {
            e[l] = new boolean[w.d(l - 1) + 1][w.d(l) + 1];
        }
        return e;
    }

    private boolean[][] noNodes() {
        boolean[][] n = new boolean[w.L() + 1][];
        for (int l = 0; l <= w.L(); l++) {
            n[l] = new boolean[w.d(l) + 1];
        }
        return n;
    }

    // ---------------------------------------------------------------- layout

    /** Rows in column l: the threshold input and d^(l) nodes, the output layer only its neuron. */
    private int rows(int l) {
        return l == w.L() ? w.d(l) : w.d(l) + 1;
    }

    private int maxRows() {
        int m = 0;
        for (int l = 0; l <= w.L(); l++) {
            m = Math.max(m, rows(l));
        }
        return m;
    }

    /** Centre x of the boxes of layer l. */
    private int cx(int l) {
        return MARGIN + BOX_W / 2 + l * LAYER_GAP;
    }

    /** Centre y of node i of layer l (i = 0 the threshold input, at the top). */
    private double cy(int l, int i) {
        int row = l == w.L() ? i - 1 : i;
        return TOP + BOX_H / 2.0 + (maxRows() - rows(l)) * ROW_GAP / 2.0 + row * ROW_GAP;
    }

    /** Width of the picture in pixels. */
    public int width() {
        return 2 * MARGIN + BOX_W + w.L() * LAYER_GAP;
    }

    /** Height of the picture in pixels. */
    public int height() {
        return TOP + (maxRows() - 1) * ROW_GAP + BOX_H + 56;
    }

    // ---------------------------------------------------------------- drawing

    /** The picture as an SVG document (UTF-8 text; the same input gives the same text). */
    public String toSvg() {
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width()).append("\" height=\"")
                .append(height()).append("\" viewBox=\"0 0 ").append(width()).append(' ').append(height())
                .append("\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">\n");
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append("<defs>\n");
        for (String[] m : new String[][]{{"b", BLUE}, {"r", RED}, {"g", GREY}}) {
            b.append("<marker id=\"arrow-").append(m[0]).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" ")
                    .append("markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">")
                    .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"").append(m[1]).append("\"/></marker>\n");
        }
        b.append("</defs>\n");
        if (!title.isEmpty()) {
            b.append("<text x=\"").append(MARGIN).append("\" y=\"30\" font-size=\"15\" font-weight=\"bold\">")
                    .append(rich(title, 15)).append("</text>\n");
        }
        for (int l = 0; l <= w.L(); l++) {
            String head = l == 0 ? "inputs, l = 0" : l == w.L() ? "output, l = L = " + l : "layer l = " + l;
            b.append("<text x=\"").append(cx(l)).append("\" y=\"").append(TOP - 12)
                    .append("\" text-anchor=\"middle\" fill=\"#444444\">").append(head).append("</text>\n");
        }
        double maxAbs = 0;
        for (int l = 1; l <= w.L(); l++) {
            for (int i = 0; i <= w.d(l - 1); i++) {
                for (int j = 1; j <= w.d(l); j++) {
                    maxAbs = Math.max(maxAbs, Math.abs(w.w(l, i, j)));
                }
            }
        }
        boolean labelAll = true;
        for (int l = 1; l <= w.L(); l++) {
            labelAll &= (w.d(l - 1) + 1) * w.d(l) <= MAX_LABELLED_WEIGHTS;
        }
        // faded edges first, highlighted ones on top; labels last so no line crosses a number, the
        // highlighted edges' labels placed first so they get the best places
        java.util.List<double[]> taken = new java.util.ArrayList<>();
        for (int l = 0; l <= w.L(); l++) {
            for (int i = l == w.L() ? 1 : 0; i <= w.d(l); i++) {
                taken.add(new double[]{cx(l) - BOX_W / 2.0 - 2, cy(l, i) - BOX_H / 2.0 - 2, cx(l) + BOX_W / 2.0 + 2,
                        cy(l, i) + BOX_H / 2.0 + 2});
            }
        }
        StringBuilder labels = new StringBuilder();
        for (int strongFirst = 0; strongFirst < 2; strongFirst++) {
            for (int l = 1; l <= w.L(); l++) {
                for (int i = 0; i <= w.d(l - 1); i++) {
                    for (int j = 1; j <= w.d(l); j++) {
                        boolean strong = edges != null && edges[l][i][j];
                        if ((strongFirst == 1) != strong) {
                            continue;
                        }
                        edge(b, l, i, j, maxAbs, strong);
                    }
                }
            }
        }
        for (int strongFirst = 0; strongFirst < 2; strongFirst++) {
            for (int l = 1; l <= w.L(); l++) {
                for (int i = 0; i <= w.d(l - 1); i++) {
                    for (int j = 1; j <= w.d(l); j++) {
                        boolean strong = edges != null && edges[l][i][j];
                        if ((strongFirst == 0) != strong || !(labelAll || strong)) {
                            continue;
                        }
                        label(labels, taken, l, i, j, strong);
                    }
                }
            }
        }
        b.append(labels);
        for (int l = 0; l <= w.L(); l++) {
            for (int i = l == w.L() ? 1 : 0; i <= w.d(l); i++) {
                node(b, l, i);
            }
        }
        int y = height() - 14;
        b.append("<text x=\"").append(MARGIN).append("\" y=\"").append(y).append("\" font-size=\"12\" fill=\"#444444\">")
                .append("edges: <tspan fill=\"").append(BLUE).append("\">w &gt; 0</tspan>, <tspan fill=\"").append(RED)
                .append("\">w &lt; 0</tspan>, thickness ∝ |w|").append(labelAll ? "" : " (values on highlighted edges only)")
                .append(kind == Kind.BACKWARD ? "; arrows: the deltas flow backward" : "")
                .append(x0 == -1 ? "" : "; threshold input x_0 = " + Format.number(x0)).append("</text>\n");
        b.append("</svg>\n");
        return b.toString();
    }

    private void edge(StringBuilder b, int l, int i, int j, double maxAbs, boolean strong) {
        double v = w.w(l, i, j);
        double xa = cx(l - 1) + BOX_W / 2.0, ya = cy(l - 1, i);
        double xb = cx(l) - BOX_W / 2.0, yb = cy(l, j);
        boolean arrow = true;
        if (kind == Kind.BACKWARD) { // δ_j^(l) flows back to the neurons i >= 1 of the hidden layer l - 1
            double tx = xa, ty = ya;
            xa = xb;
            ya = yb;
            xb = tx;
            yb = ty;
            arrow = l >= 2 && i >= 1;
        }
        boolean faded = edges != null && !strong;
        double width = 0.8 + 4.2 * (maxAbs == 0 ? 0 : Math.abs(v) / maxAbs);
        String colour = colour(v);
        String marker = v > 0 ? "b" : v < 0 ? "r" : "g";
        b.append("<line x1=\"").append(n(xa)).append("\" y1=\"").append(n(ya)).append("\" x2=\"").append(n(xb))
                .append("\" y2=\"").append(n(yb)).append("\" stroke=\"").append(colour).append("\" stroke-width=\"")
                .append(n(strong ? width + 1.5 : width)).append("\" stroke-opacity=\"").append(faded ? "0.2" : "0.85")
                .append('"').append(arrow ? " marker-end=\"url(#arrow-" + marker + ")\"" : "").append("/>\n");
    }

    private static String colour(double v) {
        return v > 0 ? BLUE : v < 0 ? RED : GREY;
    }

    /**
     * The value of w_ij^(l) on its edge, at the first place along the edge (tried from near neuron j
     * towards the input) where it overlaps no node and no label placed before; on the middle of the edge
     * if there is no such place.
     */
    private void label(StringBuilder labels, java.util.List<double[]> taken, int l, int i, int j, boolean strong) {
        double v = w.w(l, i, j);
        String text = Format.significant(v, 3);
        double halfW = 3.3 * text.length() + 2, halfH = 7;
        double xs = cx(l - 1) + BOX_W / 2.0, ys = cy(l - 1, i), xt = cx(l) - BOX_W / 2.0, yt = cy(l, j);
        double lx = xs + 0.5 * (xt - xs), ly = ys + 0.5 * (yt - ys);
        for (int k = 0; k <= 16; k++) {
            double t = k < 15 ? 0.78 - 0.04 * k : 0.86 - 0.04 * (k - 15); // 0.78 .. 0.22, then 0.86, 0.82
            double px = xs + t * (xt - xs), py = ys + t * (yt - ys);
            double[] box = {px - halfW, py - halfH, px + halfW, py + halfH};
            boolean free = true;
            for (double[] o : taken) {
                free &= box[2] < o[0] || o[2] < box[0] || box[3] < o[1] || o[3] < box[1];
            }
            if (free) {
                lx = px;
                ly = py;
                break;
            }
        }
        taken.add(new double[]{lx - halfW, ly - halfH, lx + halfW, ly + halfH});
        boolean faded = edges != null && !strong;
        labels.append("<text x=\"").append(n(lx)).append("\" y=\"").append(n(ly + 4))
                .append("\" text-anchor=\"middle\" font-size=\"11\" stroke=\"white\" stroke-width=\"3\" ")
                .append("paint-order=\"stroke\" fill=\"").append(colour(v)).append('"')
                .append(faded ? " fill-opacity=\"0.5\"" : strong ? " font-weight=\"bold\"" : "").append('>')
                .append(text).append("</text>\n");
    }

    private void node(StringBuilder b, int l, int i) {
        boolean strong = nodes != null && nodes[l][i];
        boolean faded = nodes != null && !strong;
        double x = cx(l) - BOX_W / 2.0, y = cy(l, i) - BOX_H / 2.0;
        boolean threshold = i == 0;
        boolean neuron = l > 0 && !threshold;
        String fill = threshold ? "#eeeeee" : neuron ? "#fff8e7" : "#eef5fb";
        b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(BOX_W)
                .append("\" height=\"").append(BOX_H).append("\" rx=\"").append(neuron ? 20 : 6)
                .append("\" fill=\"").append(fill).append("\" stroke=\"").append(strong ? ORANGE : "#555555")
                .append("\" stroke-width=\"").append(strong ? 3 : 1.2).append('"')
                .append(faded ? " opacity=\"0.55\"" : "").append("/>\n");
        String[] lines = lines(l, i);
        double top = cy(l, i) + (lines.length == 1 ? 5 : -4);
        for (int k = 0; k < lines.length; k++) {
            b.append("<text x=\"").append(cx(l)).append("\" y=\"").append(n(top + 18 * k))
                    .append("\" text-anchor=\"middle\"").append(faded ? " fill-opacity=\"0.55\"" : "").append('>')
                    .append(rich(lines[k], 13)).append("</text>\n");
        }
    }

    /** The text lines of node i of layer l, as SVG text with sub- and superscripts. */
    private String[] lines(int l, int i) {
        String x = sym("x", i, l);
        if (i == 0) {
            return new String[]{x + " = " + value(x0)};
        }
        if (l == 0) {
            return pass == null ? new String[]{x} : new String[]{x + " = " + value(pass.x(0, i))};
        }
        String id = l == w.L() && output == OutputUnit.IDENTITY ? " (linear)" : "";
        return switch (kind) {
            case WEIGHTS -> new String[]{x + id};
            case FORWARD -> new String[]{sym("s", i, l) + " = " + value(pass.s(l, i)), x + " = " + value(pass.x(l, i))};
            case BACKWARD -> new String[]{x + " = " + value(pass.x(l, i)), sym("δ", i, l) + " = " + value(back.delta(l, i))};
        };
    }

    /** base_sub^(sup), e.g. x_1^(0), written with {@link #rich}. */
    private static String sym(String base, int sub, int sup) {
        return base + "_" + sub + "^(" + sup + ")";
    }

    /**
     * Text with the lecture's names written as name_sub^(sup) (or name_sub, name^(sup)) as SVG: the index
     * as a lowered and the layer as a raised smaller run, every run placed relative to the baseline.
     */
    static String rich(String text, int size) {
        StringBuilder b = new StringBuilder();
        int small = size - 3, shift = 0, k = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("_([0-9a-zA-Z]+)|\\^\\(([^)]*)\\)").matcher(text);
        while (m.find()) {
            shift = run(b, text.substring(k, m.start()), 0, size, shift);
            shift = m.group(1) != null ? run(b, m.group(1), 4, small, shift) : run(b, "(" + m.group(2) + ")", -6, small, shift);
            k = m.end();
        }
        run(b, text.substring(k), 0, size, shift);
        return b.toString();
    }

    /** One run of text at {@code offset} pixels below the baseline; returns the new offset. */
    private static int run(StringBuilder b, String text, int offset, int size, int shift) {
        if (text.isEmpty()) {
            return shift;
        }
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        if (offset == shift && offset == 0) {
            b.append("<tspan").append(" font-size=\"").append(size).append("\">").append(escaped).append("</tspan>");
        } else {
            b.append("<tspan dy=\"").append(offset - shift).append("\" font-size=\"").append(size).append("\">")
                    .append(escaped).append("</tspan>");
        }
        return offset;
    }

    private static String value(double v) {
        return Format.significant(v, 4).replace('-', '−');
    }

    /** A coordinate with at most two decimals, locale-free. */
    private static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String sizes(int[] d) {
        return String.join("-", Arrays.stream(d).mapToObj(Integer::toString).toArray(String[]::new));
    }

    /** A one-line description, e.g. {@code Diagram of the forward pass, 2-3-1 (W = 13)}. */
    @Override
    public String toString() {
        int weights = 0;
        for (int l = 1; l <= w.L(); l++) {
            weights += (w.d(l - 1) + 1) * w.d(l);
        }
        String what = switch (kind) {
            case WEIGHTS -> "the network";
            case FORWARD -> "the forward pass";
            case BACKWARD -> "the backward pass";
        };
        return "Diagram of " + what + ", " + sizes(w.sizes()) + " (W = " + weights + ")";
    }
}
