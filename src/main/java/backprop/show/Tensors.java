package backprop.show;

import backprop.nn.BackwardPass;
import backprop.nn.Format;
import backprop.nn.ForwardPass;
import backprop.nn.GradientCheck;
import backprop.nn.History;
import backprop.nn.Matrix;
import backprop.nn.Network;
import backprop.nn.Table;
import backprop.nn.Table.Align;
import backprop.nn.Vec;
import backprop.nn.Weights;

import java.util.ArrayList;
import java.util.List;

/**
 * The tensors of the lecture as text, with its labels and indices: w^(l) as a table with rows
 * i = 0..d^(l-1) (row 0 the threshold) and columns j = 1..d^(l); s^(l), x^(l), δ^(l) as one labelled
 * line per component ({@code s_1(1) = -0.263151}); a gradient check and a history as tables.
 *
 * <p>Every method returns a String, so a notebook cell or jshell can show it as it is. Numbers are
 * written by {@link Format#number} (six significant digits; scientific notation outside [10^-4, 10^6)),
 * as everywhere in the library, and laid out by the library's one table renderer, {@link Table}: numbers
 * line up on their decimal point. The text is the same on every run and machine.
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
     * w(1)              j = 1  j = 2
     * i = 0 (x_0 = -1)    0.1    0.2
     * i = 1               0.3    0.4
     * i = 2              -0.2    0.5
     * </pre>
     */
    public static String table(Matrix m, double x0) {
        return m.table("i = 0 (x_0 = " + (x0 < 0 ? "-1" : "+1") + ")");
    }

    /**
     * {@link #table(Matrix, double)} when x_0 is not known: row 0 is labelled {@code i = 0 (threshold)},
     * as in {@link Matrix#table()}.
     */
    public static String table(Matrix m) {
        return m.table();
    }

    /**
     * A vector with one line per component, labelled with the lecture's indices:
     * {@code s_1(1) = -0.263151}; for x^(l) the component x_0 is marked as the threshold input.
     */
    public static String vector(Vec v) {
        return v.table();
    }

    /**
     * The forward pass: x^(0), then s^(l) and x^(l) for l = 1..L, then g(x) = x_1^(L), one component
     * per line with the lecture's labels.
     */
    public static String forward(ForwardPass forward) {
        return forward.table();
    }

    /** The backward pass: y, E_n, then δ^(L), ..., δ^(1), one component per line. */
    public static String backward(BackwardPass backward) {
        return backward.table();
    }

    /**
     * A gradient check as a table: one row per weight with l, i, j, the backprop derivative
     * x_i^(l-1) δ_j^(l), the numeric (finite-difference) derivative and their relative error, then the
     * largest relative error.
     */
    public static String check(GradientCheck check) {
        Table rows = Table.of(Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.POINT, Align.POINT, Align.POINT)
                .row("l", "i", "j", "backprop", "numeric", "relative error");
        for (GradientCheck.Row r : check.rows()) {
            rows.row(r.l(), r.i(), r.j(), r.backprop(), r.numeric(), r.relativeError());
        }
        return rows.render() + "\nmax relative error = " + Format.number(check.maxRelativeError());
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
        List<Align> columns = new ArrayList<>(List.of(Align.RIGHT, Align.POINT));
        List<Object> header = new ArrayList<>(List.of("t", "E_in"));
        if (test) {
            header.add("E_test");
        }
        if (zeroOne) {
            header.add("E_in 0/1");
            if (test) {
                header.add("E_test 0/1");
            }
        }
        while (columns.size() < header.size()) {
            columns.add(Align.POINT);
        }
        Table rows = Table.of(columns.toArray(new Align[0])).row(header.toArray());
        List<History.Point> points = history.points();
        int n = points.size();
        int shown = Math.min(n, maxRows);
        for (int k = 0; k < shown; k++) {
            int index = shown == n ? k : (int) Math.round((double) k * (n - 1) / (shown - 1));
            History.Point p = points.get(index);
            List<Object> row = new ArrayList<>(List.of(p.t(), recorded(p.eIn())));
            if (test) {
                row.add(recorded(p.eTest()));
            }
            if (zeroOne) {
                row.add(recorded(p.eInZeroOne()));
                if (test) {
                    row.add(recorded(p.eTestZeroOne()));
                }
            }
            rows.row(row.toArray());
        }
        String title = "History" + (history.label().isEmpty() ? "" : " '" + history.label() + "'") + ", "
                + n + " point" + (n == 1 ? "" : "s") + (shown < n ? " (" + shown + " shown)" : "");
        return title + "\n" + rows.render();
    }

    /** A recorded error, or "-" where it was not recorded (NaN). */
    private static Object recorded(double e) {
        return Double.isNaN(e) ? "-" : e;
    }
}
