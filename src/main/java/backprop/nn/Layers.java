package backprop.nn;

/**
 * The lecture's equations for one layer: the loops every pass of this package runs.
 *
 * <p>A network keeps each layer's weights twice, as the same numbers in two orders, so that every
 * hot loop runs over contiguous memory with the same index on every array (the form the JIT turns
 * into SIMD code; a sum's order it never changes, so a dot product stays one scalar chain; and it
 * does not vectorize {@code w[row + j]} against another array at index j, which may be the same array):
 * <ul>
 * <li>{@code byOut[j - 1][i]} = w_ij^(l): one row per neuron j, over its inputs i. The backward
 *     pass adds δ_j times row j to the sums of the deltas, and updates the row on the way.
 * <li>{@code byIn[i][j - 1]} = w_ij^(l): one row per input i = 0..d^(l-1) (row 0 the threshold
 *     weights), over the neurons j. The forward pass adds x_i times row i to the signals, and first
 *     applies the previous SGD step to the row ({@link #signalAfterStep}): so each copy is read and
 *     written once per step. Layers narrower than {@link #NARROW} neurons have no byIn.
 * </ul>
 * The SGD update changes both copies by the same rounded amount fl(fl(-η x_i) δ_j), so they stay
 * equal bit for bit. Snapshots ({@link Weights}) and gradients are flat instead:
 * {@code w[i * dOut + (j - 1)]} = w_ij^(l). Activations carry the threshold input at index 0:
 * {@code x[0] = x_0}, {@code x[i]} = x_i. Signals and deltas start at index 0 for j = 1:
 * {@code s[j - 1]} = s_j, {@code delta[j - 1]} = δ_j.
 */
final class Layers {
    private Layers() {
    }

    /** Below this many neurons a layer has no byIn and its signals are dot products over byOut's rows. */
    static final int NARROW = 8;

    /**
     * Forward, signal: s_j^(l) = Σ_{i=0}^{d^(l-1)} w_ij^(l) x_i^(l-1), for j = 1..d^(l), summed over i
     * in order. Accumulated row by row of {@code byIn}, so the inner loop is s += x_i w_i (SIMD); a
     * narrow layer (d^(l) < {@link #NARROW}, e.g. the output) takes each s_j as a dot product instead.
     */
    static void signal(double[][] byIn, double[][] byOut, int dIn, int dOut, double[] xPrev, double[] s) {
        if (dOut < NARROW) {
            for (int j = 0; j < dOut; j++) {
                s[j] = dot(byOut[j], xPrev, dIn + 1);
            }
            return;
        }
        double x0 = xPrev[0];
        double[] w0 = byIn[0];
        for (int j = 0; j < dOut; j++) {
            s[j] = w0[j] * x0;
        }
        for (int i = 1; i <= dIn; i++) {
            double xi = xPrev[i];
            double[] wi = byIn[i];
            for (int j = 0; j < dOut; j++) {
                s[j] += wi[j] * xi;
            }
        }
    }

    /**
     * The previous SGD step's update of {@code byIn} (see {@link #deltaBackAndUpdate}) fused with this
     * forward {@link #signal}: for each row i, w_ij ← w_ij + c_i δ_j (c_i = -η x_i^(l-1) and δ_j^(l) of
     * the previous example), then s_j += w_ij x_i^(l-1) with the new weight; one pass over the row.
     */
    static void signalAfterStep(double[][] byIn, int dIn, int dOut, double[] c, double[] delta, double[] xPrev,
                                double[] s) {
        java.util.Arrays.fill(s, 0, dOut, 0.0);
        for (int i = 0; i <= dIn; i++) {
            stepAndAdd(c[i], delta, byIn[i], xPrev[i], s, dOut);
        }
    }

    /** w_j ← w_j + c_i δ_j, then s_j += w_j x_i, for j < n: one row of {@link #signalAfterStep}. */
    private static void stepAndAdd(double ci, double[] delta, double[] w, double xi, double[] s, int n) {
        for (int j = 0; j < n; j++) {
            double wj = w[j] + delta[j] * ci;
            w[j] = wj;
            s[j] += wj * xi;
        }
    }

    /** The previous SGD step's update of {@code byIn} alone, w_ij ← w_ij + c_i δ_j (before a weight is set). */
    static void finishStep(double[][] byIn, int dIn, int dOut, double[] c, double[] delta) {
        for (int i = 0; i <= dIn; i++) {
            axpy(c[i], delta, byIn[i], dOut);
        }
    }

    /** Forward, output: x_j^(l) = tanh(s_j^(l)) (or s_j^(l) at an identity output); x[0] is left as the threshold input. */
    static void activate(double[] s, int dOut, boolean tanh, double[] x) {
        if (tanh) {
            for (int j = 0; j < dOut; j++) {
                x[j + 1] = tanh(s[j]);
            }
        } else {
            System.arraycopy(s, 0, x, 1, dOut);
        }
    }

    // tanh(s) = s + s^3 P(s^2) / Q(s^2) for |s| < 0.625: the rational approximation of the Cephes
    // library (S. L. Moshier), also used by Go's math.Tanh.
    private static final double P0 = -9.64399179425052238628E-1;
    private static final double P1 = -9.92877231001918586564E1;
    private static final double P2 = -1.61468768441708447952E3;
    private static final double Q0 = 1.12811678491632931402E2;
    private static final double Q1 = 2.23548839060100448583E3;
    private static final double Q2 = 4.84406305325125486048E3;

    /**
     * φ(s) = tanh(s), within about 1 ulp of the exact value (Math.tanh is only specified to 2.5 ulp,
     * and on JDK 17 it is a native call costing more than a 128-neuron layer's multiply-adds):
     * s + s^3 P(s^2)/Q(s^2) for |s| < 0.625, else sign(s) (1 - 2 / (e^{2|s|} + 1)), which is exactly ±1
     * from |s| ≈ 19 on (e^{2|s|} may overflow to ∞) and NaN for NaN. At most 2 ulp from StrictMath.tanh
     * (measured on 2·10^7 arguments), i.e. a relative difference below 5·10^-16.
     */
    static double tanh(double s) {
        double z = Math.abs(s);
        if (z < 0.625) {
            if (s == 0) {
                return s; // tanh(±0) = ±0
            }
            double q = s * s;
            return s + s * q * (((P0 * q + P1) * q + P2) / (((q + Q0) * q + Q1) * q + Q2));
        }
        double r = 1 - 2 / (Math.exp(2 * z) + 1);
        return s < 0 ? -r : r;
    }

    /**
     * Backward, output delta (inverts the last {@link #activate} and the error E_n = (x_1^(L) - y)^2):
     * δ_1^(L) = 2 (x_1^(L) - y) φ'(s_1^(L)), with φ'(s) = 1 - x^2 for tanh and 1 for the identity.
     */
    static double outputDelta(double out, double y, boolean tanh) {
        return 2 * (out - y) * (tanh ? 1 - out * out : 1);
    }

    /**
     * Backward, recursion on flat weights (inverts {@link #signal} of layer l, then {@link #activate}
     * of layer l-1): δ_i^(l-1) = (1 - (x_i^(l-1))^2) Σ_{j=1}^{d^(l)} w_ij^(l) δ_j^(l), for i = 1..d^(l-1).
     */
    static void deltaBack(double[] w, int dIn, int dOut, double[] delta, double[] xPrev, double[] deltaPrev) {
        for (int i = 1; i <= dIn; i++) {
            int row = i * dOut;
            double e = 0;
            for (int j = 0; j < dOut; j++) {
                e += w[row + j] * delta[j];
            }
            deltaPrev[i - 1] = (1 - xPrev[i] * xPrev[i]) * e;
        }
    }

    /** Gradient: ∂E_n/∂w_ij^(l) = x_i^(l-1) δ_j^(l), in the flat layout. */
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
     * Backward and update fused (inverts {@link #signal} of layer l, then {@link #activate} of layer
     * l-1), neuron by neuron as the C reference does row by row: for each j, first add δ_j^(l) times
     * its old weights to the sums e_i = Σ_j w_ij^(l) δ_j^(l), then step the same row,
     * w_ij ← w_ij + c_i δ_j with c_i = -η x_i^(l-1), while it is in cache; then
     * δ_i^(l-1) = (1 - (x_i^(l-1))^2) e_i (when {@code deltaPrev} is not null, i.e. l > 1).
     * The sums run over j in order. The copy {@code byIn} gets the same step later, from {@code c}
     * (returned there, length d^(l-1) + 1) and {@code delta}: see {@link #signalAfterStep}.
     * {@code e} is scratch of length d^(l-1) + 1.
     */
    static void deltaBackAndUpdate(double[][] byOut, int dIn, int dOut, double[] delta,
                                   double[] xPrev, double[] deltaPrev, double eta, double[] c, double[] e) {
        int n = dIn + 1;
        for (int i = 0; i < n; i++) {
            c[i] = -eta * xPrev[i];
        }
        if (deltaPrev == null) {
            for (int j = 0; j < dOut; j++) {
                axpy(delta[j], c, byOut[j], n);
            }
        } else {
            java.util.Arrays.fill(e, 0, n, 0.0);
            for (int j = 0; j < dOut; j++) {
                sumAndStep(delta[j], c, byOut[j], e, n);
            }
            for (int i = 1; i < n; i++) {
                deltaPrev[i - 1] = (1 - xPrev[i] * xPrev[i]) * e[i];
            }
        }
    }

    /** e_i += w_i δ_j with the old weights, then w_i ← w_i + c_i δ_j, for i < n: one neuron's row. */
    private static void sumAndStep(double deltaJ, double[] c, double[] w, double[] e, int n) {
        for (int i = 0; i < n; i++) {
            double wi = w[i];
            e[i] += wi * deltaJ;
            w[i] = wi + c[i] * deltaJ;
        }
    }

    /** w_k ← w_k + a b_k for k < n (the SGD step of one row: a b_k = c_i δ_j in either order). */
    private static void axpy(double a, double[] b, double[] w, int n) {
        for (int k = 0; k < n; k++) {
            w[k] += b[k] * a;
        }
    }

    /** Σ_k a_k b_k for k < n, with four independent partial sums (the JIT keeps a sum's order). */
    static double dot(double[] a, double[] b, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }
        for (; k < n; k++) {
            s0 += a[k] * b[k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
