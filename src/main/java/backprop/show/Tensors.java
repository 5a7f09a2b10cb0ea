package backprop.show;

import backprop.nn.BackwardPass;
import backprop.nn.ForwardPass;
import backprop.nn.GradientCheck;
import backprop.nn.History;
import backprop.nn.Matrix;
import backprop.nn.Network;
import backprop.nn.Vec;
import backprop.nn.Weights;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tensors of the lecture as text, with its labels and indices: w^(l) as a table with rows
 * i = 0..d^(l-1) (row 0 the threshold) and columns j = 1..d^(l); s^(l), x^(l), δ^(l) as one labelled
 * line per component ({@code s_1(1) = -0.263151}); a gradient check and a history as tables.
 *
 * <p>Every method returns a String, so a notebook cell or jshell can show it as it is. Numbers have six
 * decimals (scientific notation below 10^-4), columns are right-aligned, and the text is the same on
 * every run and machine.
 */
public final class Tensors {
    private Tensors() {
    }

    /** Every weight matrix w^(1), ..., w^(L) of the network as tables, separated by a blank line. */
    public static String w(Network net) {
        return weights(net.weights(), net.x0());
    }

    /** The weight matrix w^(l) of the network, l = 1..L, as a table. */
    public static String w(Network net, int l) {
        return table(net.w(l), net.x0());
    }

    /**
     * Weight-shaped tensors (weights or a gradient ∂E_n/∂w_ij^(l)), one table per layer l = 1..L;
     * row 0 is labelled with the threshold input x_0.
     */
    public static String weights(Weights weights, double x0) {
        StringBuilder b = new StringBuilder();
        for (int l = 1; l <= weights.L(); l++) {
            b.append(l == 1 ? "" : "\n\n").append(table(weights.w(l), x0));
        }
        return b.toString();
    }

    /** The gradient ∂E_n/∂w_ij^(l) = x_i^(l-1) δ_j^(l) of a backward pass, one table per layer. */
    public static String gradient(BackwardPass backward) {
        return weights(backward.gradient(), backward.forward().x0());
    }

    /**
     * A weight-shaped matrix as a table: a header with the symbol and the columns j = 1..d^(l), then
     * one row per input i = 0..d^(l-1), row 0 labelled {@code i = 0 (x_0 = -1)} (or +1), e.g.
     * <pre>
     * w(1)                 j = 1      j = 2
     * i = 0 (x_0 = -1)  0.100000  -0.200000
     * i = 1             0.300000   0.400000
     * </pre>
     */
    public static String table(Matrix m, double x0) {
        return table(m, "i = 0 (x_0 = " + (x0 < 0 ? "-1" : "+1") + ")");
    }

    /** {@link #table(Matrix, double)} when x_0 is not known: row 0 is labelled {@code i = 0 (threshold)}. */
    public static String table(Matrix m) {
        return table(m, "i = 0 (threshold)");
    }

    private static String table(Matrix m, String thresholdLabel) {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[m.outputs() + 1];
        header[0] = m.symbol();
        for (int j = 1; j <= m.outputs(); j++) {
            header[j] = "j = " + j;
        }
        rows.add(header);
        for (int i = 0; i <= m.inputs(); i++) {
            String[] row = new String[m.outputs() + 1];
            row[0] = i == 0 ? thresholdLabel : "i = " + i;
            for (int j = 1; j <= m.outputs(); j++) {
                row[j] = Num.fixed(m.get(i, j));
            }
            rows.add(row);
        }
        return align(rows, 1);
    }

    /**
     * A vector with one line per component, labelled with the lecture's indices:
     * {@code s_1(1) = -0.263151}; for x^(l) the component x_0 is marked as the threshold input.
     */
    public static String vector(Vec v) {
        List<String[]> lines = new ArrayList<>();
        addVector(lines, v);
        return align(lines, 3);
    }

    /**
     * The forward pass: x^(0), then s^(l) and x^(l) for l = 1..L, then g(x) = x_1^(L), one component
     * per line with the lecture's labels.
     */
    public static String forward(ForwardPass forward) {
        List<String[]> lines = new ArrayList<>();
        addVector(lines, forward.x(0));
        for (int l = 1; l <= forward.L(); l++) {
            addVector(lines, forward.s(l));
            addVector(lines, forward.x(l));
        }
        lines.add(new String[]{"g(x) = x_1(" + forward.L() + ")", "=", Num.fixed(forward.output()), ""});
        return align(lines, 3);
    }

    /** The backward pass: y, E_n, then δ^(L), ..., δ^(1), one component per line. */
    public static String backward(BackwardPass backward) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[]{"y", "=", Num.fixed(backward.y()), ""});
        lines.add(new String[]{"E_n = (x_1(" + backward.L() + ") - y)^2", "=", Num.fixed(backward.error()), ""});
        for (int l = backward.L(); l >= 1; l--) {
            addVector(lines, backward.delta(l));
        }
        return align(lines, 3);
    }

    private static void addVector(List<String[]> lines, Vec v) {
        String symbol = v.symbol();
        int paren = symbol.indexOf('(');
        String name = paren < 0 ? symbol : symbol.substring(0, paren);
        String layer = paren < 0 ? "" : symbol.substring(paren);
        if (name.equals("delta")) {
            name = "δ";
        }
        for (int k = v.first(); k <= v.last(); k++) {
            boolean threshold = name.equals("x") && k == 0;
            lines.add(new String[]{name + "_" + k + layer, "=", Num.fixed(v.get(k)),
                    threshold ? "(threshold input)" : ""});
        }
    }

    /**
     * A gradient check as a table: one row per weight with l, i, j, the backprop derivative
     * x_i^(l-1) δ_j^(l), the numeric (finite-difference) derivative and their relative error, then the
     * largest relative error.
     */
    public static String check(GradientCheck check) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"l", "i", "j", "backprop", "numeric", "relative error"});
        for (GradientCheck.Row r : check.rows()) {
            rows.add(new String[]{String.valueOf(r.l()), String.valueOf(r.i()), String.valueOf(r.j()),
                    Num.fixed(r.backprop()), Num.fixed(r.numeric()), sci(r.relativeError())});
        }
        return align(rows, 0) + "\nmax relative error = " + sci(check.maxRelativeError());
    }

    /** A history as a table: t, E_in, and E_test and the 0/1 errors when recorded ("-" where not). */
    public static String history(History history) {
        return history(history, Integer.MAX_VALUE);
    }

    /**
     * A history as a table of at most {@code maxRows} points (>= 2), evenly spread and always
     * including the first and the last.
     */
    public static String history(History history, int maxRows) {
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows = " + maxRows + ", expected at least 2 (the first and last point)");
        }
        boolean test = history.hasTest();
        boolean zeroOne = history.hasZeroOne();
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("t", "E_in"));
        if (test) {
            header.add("E_test");
        }
        if (zeroOne) {
            header.add("E_in 0/1");
            if (test) {
                header.add("E_test 0/1");
            }
        }
        rows.add(header.toArray(new String[0]));
        List<History.Point> points = history.points();
        int n = points.size();
        int shown = Math.min(n, maxRows);
        for (int k = 0; k < shown; k++) {
            int index = shown == n ? k : (int) Math.round((double) k * (n - 1) / (shown - 1));
            History.Point p = points.get(index);
            List<String> row = new ArrayList<>(List.of(String.valueOf(p.t()), Num.fixed(p.eIn())));
            if (test) {
                row.add(Num.fixed(p.eTest()));
            }
            if (zeroOne) {
                row.add(Num.fixed(p.eInZeroOne()));
                if (test) {
                    row.add(Num.fixed(p.eTestZeroOne()));
                }
            }
            rows.add(row.toArray(new String[0]));
        }
        String title = "History" + (history.label().isEmpty() ? "" : " '" + history.label() + "'") + ", "
                + n + " point" + (n == 1 ? "" : "s") + (shown < n ? " (" + shown + " shown)" : "");
        return title + "\n" + align(rows, 0);
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }

    /**
     * Lines of cells, each column padded to its widest cell, separated by two spaces (one around "=");
     * the first {@code leftColumns} columns (and a last note column) left-aligned, the others
     * right-aligned. Trailing spaces are removed.
     */
    private static String align(List<String[]> lines, int leftColumns) {
        int columns = 0;
        for (String[] line : lines) {
            columns = Math.max(columns, line.length);
        }
        int[] width = new int[columns];
        for (String[] line : lines) {
            for (int c = 0; c < line.length; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        boolean vector = leftColumns == 3; // label, "=", value, note
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < lines.size(); r++) {
            String[] line = lines.get(r);
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < line.length; c++) {
                String sep = c == 0 ? "" : vector ? " " : "  ";
                boolean left = vector ? c != 2 : c < leftColumns;
                String cell = line[c];
                String pad = " ".repeat(width[c] - cell.length());
                row.append(sep).append(left ? cell + pad : pad + cell);
            }
            b.append(r == 0 ? "" : "\n").append(row.toString().stripTrailing());
        }
        return b.toString();
    }
}
