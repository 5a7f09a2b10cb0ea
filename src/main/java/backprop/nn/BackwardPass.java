package backprop.nn;

import java.util.Arrays;

/**
 * The backward pass for one example: every delta δ_j^(l) = ∂E_n/∂s_j^(l), and from them the gradient.
 * Immutable.
 *
 * @param forward the forward pass it starts from
 * @param y       the target y_n
 * @param deltas  δ^(l) for l = 1..L as {@code deltas[l][j-1]} (row 0 unused); copied in and out
 */
public record BackwardPass(ForwardPass forward, double y, double[][] deltas) {

    /** A backward pass with a copy of {@code deltas}. */
    public BackwardPass {
        deltas = Matrix.deepCopy(deltas);
    }

    /** The number of layers L. */
    public int L() {
        return forward.L();
    }

    /** δ^(l) = ∂E_n/∂s^(l), l = 1..L, components j = 1..d^(l). */
    public Vec delta(int l) {
        Indices.check("layer l", l, 1, L());
        return new Vec("delta(" + l + ")", 1, deltas[l]);
    }

    /** δ_j^(l), l = 1..L, j = 1..d^(l). */
    public double delta(int l, int j) {
        Indices.check("layer l", l, 1, L());
        Indices.check("neuron j of layer " + l, j, 1, forward.weights().d(l));
        return deltas[l][j - 1];
    }

    /** E_n = (x_1^(L) - y)^2. */
    public double error() {
        return forward.error(y);
    }

    /** The gradient ∂E_n/∂w_ij^(l) = x_i^(l-1) δ_j^(l), with the same indices as the weights. */
    public Weights gradient() {
        Weights w = forward.weights();
        int L = L();
        double[][] x = forward.outputs();
        double[][][] g = new double[L + 1][][];
        for (int l = 1; l <= L; l++) {
            g[l] = new double[w.d(l - 1) + 1][w.d(l) + 1];
            for (int i = 0; i <= w.d(l - 1); i++) {
                for (int j = 1; j <= w.d(l); j++) {
                    g[l][i][j] = Backprop.gradient(x[l - 1][i], deltas[l][j - 1]);
                }
            }
        }
        return Weights.of("dE/dw", w.sizes(), g);
    }

    /** ∂E_n/∂w_ij^(l) = x_i^(l-1) δ_j^(l) for one weight, l = 1..L, i = 0..d^(l-1), j = 1..d^(l). */
    public double gradient(int l, int i, int j) {
        Indices.check("layer l", l, 1, L());
        Indices.check("input i of layer " + l, i, 0, forward.weights().d(l - 1));
        return Backprop.gradient(forward.x(l - 1, i), delta(l, j));
    }

    /** A copy of the deltas, {@code deltas()[l][j-1]} = δ_j^(l). */
    @Override
    public double[][] deltas() {
        return Matrix.deepCopy(deltas);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackwardPass b && b.forward.equals(forward) && Double.compare(b.y, y) == 0
                && Arrays.deepEquals(b.deltas, deltas);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(deltas);
    }

    /** One short line, e.g. {@code BackwardPass of 2-3-1: y = 1, E_n = 1.07616 (table() shows every δ)}. */
    @Override
    public String toString() {
        return "BackwardPass of " + Weights.sizes(forward.weights().sizes()) + ": y = " + Format.number(y)
                + ", E_n = " + Format.number(error()) + " (table() shows every δ)";
    }

    /** The whole pass, one value per line with the lecture's labels: y, E_n, then δ^(L), ..., δ^(1). */
    public String table() {
        Table lines = Vec.lines();
        lines.row("y", "=", y);
        lines.row("E_n = (x_1(" + L() + ") - y)^2", "=", error());
        for (int l = L(); l >= 1; l--) {
            delta(l).addTo(lines);
        }
        return lines.render();
    }
}
