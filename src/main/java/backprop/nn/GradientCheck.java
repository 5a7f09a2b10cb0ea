package backprop.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Backpropagation's gradient next to a finite-difference estimate, weight by weight.
 *
 * <p>The estimate is the central difference of fourth order,
 * ∂E_n/∂w ≈ (-E(w+2h) + 8E(w+h) - 8E(w-h) + E(w-2h)) / 12h, with h = 10^-3 max(1, |w|): its
 * truncation error (order h^4) and its rounding error (order ε/h) are both near 10^-13. The relative
 * error of a weight is |backprop - numeric| / max(|backprop|, |numeric|, 10^-6): below 10^-6 a
 * gradient counts as zero and is compared absolutely.
 *
 * @param rows               one row per weight, layer by layer, i then j
 * @param maxRelativeError   the largest relative error of all rows
 */
public record GradientCheck(List<Row> rows, double maxRelativeError) {

    /** Below this magnitude a gradient entry is compared absolutely. */
    public static final double FLOOR = 1e-6;

    /**
     * One weight w_ij^(l): the two derivatives ∂E_n/∂w_ij^(l) and how far apart they are.
     *
     * @param l             the layer, 1..L
     * @param i             the input, 0..d^(l-1)
     * @param j             the neuron, 1..d^(l)
     * @param backprop      the derivative from backpropagation, x_i^(l-1) δ_j^(l)
     * @param numeric       the finite-difference estimate
     * @param relativeError |backprop - numeric| / max(|backprop|, |numeric|, 10^-6)
     */
    public record Row(int l, int i, int j, double backprop, double numeric, double relativeError) {
    }

    /** A check with an unmodifiable copy of {@code rows}. */
    public GradientCheck {
        rows = List.copyOf(rows);
    }

    /** Checks the gradient of E_n at (x, y) for every weight of the network; the network is unchanged. */
    public static GradientCheck of(Network net, double[] x, double y) {
        if (net == null) {
            throw new IllegalArgumentException("the network is null");
        }
        Weights analytic = net.gradient(x, y);
        Network probe = net.copy();
        List<Row> rows = new ArrayList<>();
        double max = 0;
        for (int l = 1; l <= net.L(); l++) {
            for (int i = 0; i <= net.d(l - 1); i++) {
                for (int j = 1; j <= net.d(l); j++) {
                    double a = analytic.w(l, i, j);
                    double n = numeric(probe, l, i, j, x, y);
                    double rel = Math.abs(a - n) / Math.max(FLOOR, Math.max(Math.abs(a), Math.abs(n)));
                    rows.add(new Row(l, i, j, a, n, rel));
                    max = Math.max(max, rel);
                }
            }
        }
        return new GradientCheck(rows, max);
    }

    private static double numeric(Network probe, int l, int i, int j, double[] x, double y) {
        double w = probe.w(l, i, j);
        double h = 1e-3 * Math.max(1, Math.abs(w));
        double e = 0;
        double[] offsets = {2 * h, h, -h, -2 * h};
        double[] weights = {-1, 8, -8, 1};
        for (int k = 0; k < 4; k++) {
            probe.put(l, i, j, w + offsets[k]);
            e += weights[k] * probe.error(x, y);
        }
        probe.put(l, i, j, w);
        return e / (12 * h);
    }

    @Override
    public String toString() {
        return "GradientCheck of " + rows.size() + " weights: max relative error " + Format.number(maxRelativeError);
    }
}
