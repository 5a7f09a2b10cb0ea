package backprop.nn;

/**
 * The lecture's equations for one layer, on flat arrays: the loops every pass of this package runs.
 *
 * <p>Layout of layer l's weights: {@code w[i * dOut + (j - 1)]} = w_ij^(l), rows i = 0..d^(l-1)
 * (row 0 the threshold weights), each row contiguous over the neurons j = 1..d^(l). Activations
 * carry the threshold input at index 0: {@code x[0] = x_0}, {@code x[i]} = x_i. Signals and deltas
 * start at index 0 for j = 1: {@code s[j - 1]} = s_j, {@code delta[j - 1]} = δ_j.
 */
final class Layers {
    private Layers() {
    }

    /**
     * Forward, signal: s_j^(l) = Σ_{i=0}^{d^(l-1)} w_ij^(l) x_i^(l-1), for j = 1..d^(l).
     * Accumulated row by row so the inner loop runs over contiguous weights.
     */
    static void signal(double[] w, int dIn, int dOut, double[] xPrev, double[] s) {
        double x0 = xPrev[0];
        for (int j = 0; j < dOut; j++) {
            s[j] = w[j] * x0;
        }
        for (int i = 1; i <= dIn; i++) {
            double xi = xPrev[i];
            int row = i * dOut;
            for (int j = 0; j < dOut; j++) {
                s[j] += w[row + j] * xi;
            }
        }
    }

    /** Forward, output: x_j^(l) = tanh(s_j^(l)) (or s_j^(l) at an identity output); x[0] is left as the threshold input. */
    static void activate(double[] s, int dOut, boolean tanh, double[] x) {
        for (int j = 0; j < dOut; j++) {
            x[j + 1] = tanh ? Math.tanh(s[j]) : s[j];
        }
    }

    /**
     * Backward, output delta (inverts the last {@link #activate} and the error E_n = (x_1^(L) - y)^2):
     * δ_1^(L) = 2 (x_1^(L) - y) φ'(s_1^(L)), with φ'(s) = 1 - x^2 for tanh and 1 for the identity.
     */
    static double outputDelta(double out, double y, boolean tanh) {
        return 2 * (out - y) * (tanh ? 1 - out * out : 1);
    }

    /**
     * Backward, recursion (inverts {@link #signal} of layer l, then {@link #activate} of layer l-1):
     * δ_i^(l-1) = (1 - (x_i^(l-1))^2) Σ_{j=1}^{d^(l)} w_ij^(l) δ_j^(l), for i = 1..d^(l-1).
     */
    static void deltaBack(double[] w, int dIn, int dOut, double[] delta, double[] xPrev, double[] deltaPrev) {
        for (int i = 1; i <= dIn; i++) {
            deltaPrev[i - 1] = (1 - xPrev[i] * xPrev[i]) * dot(w, i * dOut, delta, dOut);
        }
    }

    /** Gradient: ∂E_n/∂w_ij^(l) = x_i^(l-1) δ_j^(l), in the weights' layout. */
    static void gradient(int dIn, int dOut, double[] xPrev, double[] delta, double[] g) {
        for (int i = 0; i <= dIn; i++) {
            double xi = xPrev[i];
            int row = i * dOut;
            for (int j = 0; j < dOut; j++) {
                g[row + j] = xi * delta[j];
            }
        }
    }

    /**
     * Backward and update fused, row by row (as the C reference does): for each row i, first the
     * recursion's sum Σ_j w_ij δ_j with the old weights (δ_i^(l-1), when {@code deltaPrev} is not null),
     * then the SGD step w_ij ← w_ij - η x_i^(l-1) δ_j^(l) on the same row while it is in cache.
     */
    static void deltaBackAndUpdate(double[] w, int dIn, int dOut, double[] delta, double[] xPrev,
                                   double[] deltaPrev, double eta) {
        for (int i = 0; i <= dIn; i++) {
            int row = i * dOut;
            double xi = xPrev[i];
            if (deltaPrev != null && i > 0) {
                deltaPrev[i - 1] = (1 - xi * xi) * dot(w, row, delta, dOut);
            }
            double c = -eta * xi;
            for (int j = 0; j < dOut; j++) {
                w[row + j] += c * delta[j];
            }
        }
    }

    /** Σ_j a[from + j] b[j] for j < n, with four independent partial sums (the JIT keeps a sum's order). */
    static double dot(double[] a, int from, double[] b, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[from + j] * b[j];
            s1 += a[from + j + 1] * b[j + 1];
            s2 += a[from + j + 2] * b[j + 2];
            s3 += a[from + j + 3] * b[j + 3];
        }
        for (; j < n; j++) {
            s0 += a[from + j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
