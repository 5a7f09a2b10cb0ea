package backprop.nn;

import java.util.Arrays;

/**
 * The fast engine behind {@link Trainer}: the same SGD steps as the reference path {@link Backprop},
 * on a private copy of a network's weights, with no allocation per update.
 *
 * <p>The boundary is narrow: build an engine from a network ({@link #Engine}), run {@link #step}s and
 * read outputs ({@link #output}), then take the weights out in the lecture's layout ({@link #weights})
 * and hand them to the network in one write ({@code Network.replaceWeights}). The network itself holds
 * no engine state, so nothing a run does (or an interrupt, or a refused step) can leave it half-updated.
 *
 * <h2>What makes it fast</h2>
 * Each layer's weights are kept twice, as the same numbers in two orders, so that every hot loop runs
 * over contiguous memory with the same index on every array (the form the JIT turns into SIMD code; it
 * never reorders a sum, so a dot product over a row would stay one scalar chain):
 * <ul>
 * <li>{@code byOut[l][j - 1][i]} = w_ij^(l): one row per neuron j over its inputs i. The backward pass
 *     adds δ_j times row j to the sums of the next deltas and updates the row on the way (one pass).
 * <li>{@code byIn[l][i][j - 1]} = w_ij^(l): one row per input i over the neurons j, for layers of at
 *     least {@link #NARROW} neurons. The forward pass adds x_i times row i to the signals, and first
 *     applies the previous step's update to the row ({@code pending[l]}): so each copy is read and
 *     written once per step.
 * </ul>
 * Layer 1 feeds no backward recursion (there is no δ^(0)), so when it has byIn it has no byOut: its
 * weights are kept once, and its update is only the one the next forward pass applies to byIn. Both
 * passes take two rows per sweep over the sums (s, or the e of the deltas), adding row a's term before
 * row b's: the same sums in the same order, with half the loads and stores of the sums.
 * Both copies get the same rounded update fl(w + fl(-η x_i) δ_j), so they stay equal bit for bit, and
 * equal to the reference's fl(w - fl(η x_i) δ_j). Every sum runs in the reference's order (signals over
 * i from 0, deltas over j from 1), so with {@code exactTanh} the engine computes the reference's numbers
 * bit for bit; without it, φ is {@link #tanh}, a rational approximation within 2 ulp of StrictMath.tanh
 * that costs a fraction of Math.tanh on JDK 17.
 *
 * <h2>The guard</h2>
 * A step is refused (ArithmeticException, nothing changed) exactly when the reference would refuse it:
 * when E_n or a new weight would be non-finite. Most steps are cleared by a bound costing O(neurons):
 * maxW[l] bounds max |w_ij^(l)| (exact after a scan, then raised by each step's largest possible change),
 * and if every weight, every sum of the deltas and every change stays below 10^300, nothing can
 * overflow (Double.MAX_VALUE is 1.8·10^308). When the bound is inconclusive the engine rescans the
 * weights, and if it is still inconclusive checks every new weight exactly before writing any.
 */
final class Engine {
    /** Below this many neurons a layer has no byIn and its signals are dot products over byOut's rows. */
    static final int NARROW = 8;
    /** Weights, changes and sums below this cannot overflow when added (see the guard above). */
    private static final double LIMIT = 1e300;

    private final int[] d;
    private final int L;
    private final boolean tanhOutput;
    private final boolean exactTanh;
    private final double[][][] byIn;
    private final double[][][] byOut;
    private final boolean[] pending;
    // Scratch of one update, allocated once: x[l] with x[l][0] = x_0, s[l], delta[l] (from index 0 for
    // j = 1), c[l] = -η x^(l), e[l] the sums of the backward recursion.
    private final double[][] xs;
    private final double[][] ss;
    private final double[][] deltas;
    private final double[][] cs;
    private final double[][] es;
    private final double[] maxW;
    // max |x_i^(l)| of this step, i = 0..d^(l): scanned for the input l = 0, and 1 for every hidden layer (x_0 = ±1
    // and |tanh| <= 1; a NaN there makes the output and E_n NaN, which the step refuses first).
    private final double[] maxX;

    /** An engine holding a copy of the network's weights; {@code exactTanh} uses Math.tanh (as the reference). */
    Engine(Network net, boolean exactTanh) {
        this.d = net.sizes();
        this.L = d.length - 1;
        this.tanhOutput = net.output() == OutputUnit.TANH;
        this.exactTanh = exactTanh;
        byIn = new double[L + 1][][];
        byOut = new double[L + 1][][];
        pending = new boolean[L + 1];
        xs = new double[L + 1][];
        ss = new double[L + 1][];
        deltas = new double[L + 1][];
        cs = new double[L + 1][];
        es = new double[L + 1][];
        for (int l = 0; l <= L; l++) {
            xs[l] = new double[d[l] + 1];
            xs[l][0] = net.x0();
            ss[l] = new double[d[l]];
            deltas[l] = new double[d[l]];
            cs[l] = new double[d[l] + 1];
            es[l] = new double[d[l] + 1];
        }
        for (int l = 1; l <= L; l++) {
            byIn[l] = d[l] < NARROW ? null : new double[d[l - 1] + 1][d[l]];
            byOut[l] = l == 1 && byIn[l] != null ? null : new double[d[l]][d[l - 1] + 1];
        }
        maxW = new double[L + 1];
        maxX = new double[L + 1];
        Arrays.fill(maxX, 1.0);
        load(net.lectureWeights());
    }

    /** Sets every weight from w[l][i][j] (the lecture's layout, of this engine's sizes); allocates nothing. */
    void load(double[][][] w) {
        for (int l = 1; l <= L; l++) {
            for (int i = 0; i <= d[l - 1]; i++) {
                for (int j = 1; byOut[l] != null && j <= d[l]; j++) {
                    byOut[l][j - 1][i] = w[l][i][j];
                }
                if (byIn[l] != null) {
                    System.arraycopy(w[l][i], 1, byIn[l][i], 0, d[l]);
                }
            }
            pending[l] = false;
        }
        scanMaxW();
    }

    /** The weights in the lecture's layout w[l][i][j] (new arrays), as {@link Backprop} and Network hold them. */
    double[][][] weights() {
        double[][][] w = new double[L + 1][][];
        for (int l = 1; l <= L; l++) {
            w[l] = new double[d[l - 1] + 1][d[l] + 1];
            if (byOut[l] == null) {
                finishPending(l);
                for (int i = 0; i <= d[l - 1]; i++) {
                    System.arraycopy(byIn[l][i], 0, w[l][i], 1, d[l]);
                }
                continue;
            }
            for (int j = 1; j <= d[l]; j++) {
                double[] row = byOut[l][j - 1];
                for (int i = 0; i <= d[l - 1]; i++) {
                    w[l][i][j] = row[i];
                }
            }
        }
        return w;
    }

    /**
     * g(x) for x = {@code x[from..from+d(0)-1]}; with {@code exact} computed as the reference does
     * (Math.tanh), bit for bit, else as a step does.
     */
    double output(double[] x, int from, boolean exact) {
        return forward(x, from, exact);
    }

    /**
     * One SGD step on (x, y) with x = {@code x[from..from+d(0)-1]}: the reference's
     * w_ij^(l) ← w_ij^(l) - η x_i^(l-1) δ_j^(l). Returns E_n before the step. Allocates nothing.
     *
     * @throws ArithmeticException if E_n or a new weight would be non-finite; nothing changed
     */
    double step(double[] x, int from, double y, double eta) {
        double out = forward(x, from, exactTanh);
        double e = (out - y) * (out - y);
        deltas[L][0] = Backprop.outputDelta(out, y, tanhOutput);
        maxX[0] = maxAbs(xs[0], d[0] + 1);
        if (!Double.isFinite(e) || !surelyFinite(eta) && !(scanMaxW() && surelyFinite(eta)) && !exactlyFinite(eta)) {
            throw new ArithmeticException("the SGD step would make " + (Double.isFinite(e) ? "a weight" : "E_n")
                    + " non-finite (output x_1(L) = " + out + ", output delta " + deltas[L][0] + ", eta " + eta + ")");
        }
        for (int l = L; l >= 1; l--) {
            deltaBackAndUpdate(l, eta);
            maxW[l] += eta * maxX[l - 1] * maxAbs(deltas[l], d[l]); // >= every |c_i δ_j| (to rounding)
        }
        return e;
    }

    /** Applies the pending update of byIn[l] (as the next forward pass would): w_ij ← w_ij + c_i δ_j. */
    private void finishPending(int l) {
        if (pending[l]) {
            for (int i = 0; i <= d[l - 1]; i++) {
                axpy(cs[l - 1][i], deltas[l], byIn[l][i], d[l]);
            }
            pending[l] = false;
        }
    }

    // ------------------------------------------------------------ forward

    /** The forward pass of {@code x[from..]} into xs, ss; returns x_1^(L). */
    private double forward(double[] x, int from, boolean exact) {
        System.arraycopy(x, from, xs[0], 1, d[0]);
        for (int l = 1; l <= L; l++) {
            signal(l, xs[l - 1], ss[l], exact);
            activate(ss[l], d[l], l < L || tanhOutput, exact, xs[l]);
        }
        return xs[L][1];
    }

    /**
     * Forward, signal: s_j^(l) = Σ_{i=0}^{d^(l-1)} w_ij^(l) x_i^(l-1) ({@link Backprop#signal}), summed over
     * i in order. A wide layer accumulates row by row of byIn (s += x_i w_i, SIMD), first applying the
     * previous step's update to the row when one is pending; a narrow layer takes each s_j as a dot
     * product over byOut's row j.
     */
    private void signal(int l, double[] xPrev, double[] s, boolean exact) {
        int dIn = d[l - 1];
        int dOut = d[l];
        if (byIn[l] == null) {
            double[][] rows = byOut[l];
            int j = 0;
            for (; j + 3 < dOut; j += 4) {
                dot4(rows[j], rows[j + 1], rows[j + 2], rows[j + 3], xPrev, dIn + 1, s, j);
            }
            for (; j < dOut; j++) {
                s[j] = dot(rows[j], xPrev, dIn + 1);
            }
            return;
        }
        Arrays.fill(s, 0, dOut, 0.0);
        double[][] rows = byIn[l];
        if (pending[l]) {
            double[] c = cs[l - 1];
            double[] delta = deltas[l];
            int i = 0;
            for (; i < dIn; i += 2) {
                stepAndAdd2(c[i], c[i + 1], delta, rows[i], rows[i + 1], xPrev[i], xPrev[i + 1], s, dOut);
            }
            for (; i <= dIn; i++) {
                stepAndAdd(c[i], delta, rows[i], xPrev[i], s, dOut);
            }
            pending[l] = false;
        } else {
            for (int i = 0; i <= dIn; i++) {
                axpy(xPrev[i], rows[i], s, dOut);
            }
        }
    }

    /** {@link #stepAndAdd} on two rows in one pass, row a first (the same sums in the same order). */
    private static void stepAndAdd2(double ca, double cb, double[] delta, double[] wa, double[] wb, double xa, double xb,
                                    double[] s, int n) {
        for (int j = 0; j < n; j++) {
            double a = wa[j] + delta[j] * ca;
            double b = wb[j] + delta[j] * cb;
            wa[j] = a;
            wb[j] = b;
            s[j] = (s[j] + a * xa) + b * xb;
        }
    }

    /** {@link #sumAndStep} on two rows in one pass, row a first (the same sums in the same order). */
    private static void sumAndStep2(double da, double db, double[] c, double[] wa, double[] wb, double[] e, int n) {
        for (int i = 0; i < n; i++) {
            double a = wa[i];
            double b = wb[i];
            e[i] = (e[i] + a * da) + b * db;
            wa[i] = a + c[i] * da;
            wb[i] = b + c[i] * db;
        }
    }

    /** w_j ← w_j + c_i δ_j (the pending update), then s_j += w_j x_i, for j < n: one row of byIn. */
    private static void stepAndAdd(double ci, double[] delta, double[] w, double xi, double[] s, int n) {
        for (int j = 0; j < n; j++) {
            double wj = w[j] + delta[j] * ci;
            w[j] = wj;
            s[j] += wj * xi;
        }
    }

    /** y_k += a b_k for k < n. */
    private static void axpy(double a, double[] b, double[] y, int n) {
        for (int k = 0; k < n; k++) {
            y[k] += b[k] * a;
        }
    }

    /** Σ_k a_k b_k for k < n, in order from 0 (as the reference sums). */
    private static double dot(double[] a, double[] b, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /**
     * s[j..j+3] = the dot products of four rows with x, each summed in order from 0 (four independent
     * chains, so the additions overlap).
     */
    private static void dot4(double[] a0, double[] a1, double[] a2, double[] a3, double[] x, int n, double[] s, int j) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int k = 0; k < n; k++) {
            double xk = x[k];
            s0 += a0[k] * xk;
            s1 += a1[k] * xk;
            s2 += a2[k] * xk;
            s3 += a3[k] * xk;
        }
        s[j] = s0;
        s[j + 1] = s1;
        s[j + 2] = s2;
        s[j + 3] = s3;
    }

    /** Forward, output: x_j^(l) = tanh(s_j^(l)) (or s_j^(l) at an identity output); x[0] stays x_0. */
    private static void activate(double[] s, int dOut, boolean tanh, boolean exact, double[] x) {
        if (!tanh) {
            System.arraycopy(s, 0, x, 1, dOut);
        } else if (exact) {
            for (int j = 0; j < dOut; j++) {
                x[j + 1] = Math.tanh(s[j]);
            }
        } else {
            for (int j = 0; j < dOut; j++) {
                x[j + 1] = tanh(s[j]);
            }
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
     * φ(s) = tanh(s), within 2 ulp of StrictMath.tanh (Math.tanh is only specified to 2.5 ulp, and on
     * JDK 17 it is a native call costing more than a 128-neuron layer's multiply-adds):
     * s + s^3 P(s^2)/Q(s^2) for |s| < 0.625, else sign(s) (1 - 2 / (e^{2|s|} + 1)), which is exactly ±1
     * from |s| ≈ 19 on (e^{2|s|} may overflow to ∞) and NaN for NaN.
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

    // ------------------------------------------------------------ backward and update

    /**
     * Backward recursion fused with the update of layer l ({@link Backprop#deltaBack} and
     * {@link Backprop#updated}), neuron by neuron: for each j, add δ_j^(l) times its old weights to the
     * sums e_i = Σ_j w_ij^(l) δ_j^(l), then step the same row, w_ij ← w_ij + c_i δ_j with c_i = -η x_i^(l-1),
     * while it is in cache; then δ_i^(l-1) = (1 - (x_i^(l-1))^2) e_i (for l > 1). byIn[l] gets the same
     * update in the next forward pass (pending).
     */
    private void deltaBackAndUpdate(int l, double eta) {
        int n = d[l - 1] + 1;
        int dOut = d[l];
        double[] xPrev = xs[l - 1];
        double[] c = cs[l - 1];
        double[] delta = deltas[l];
        double[][] rows = byOut[l];
        for (int i = 0; i < n; i++) {
            c[i] = -eta * xPrev[i];
        }
        if (l == 1) {
            for (int j = 0; rows != null && j < dOut; j++) { // without byOut[1], byIn[1] alone is updated (pending)
                axpy(delta[j], c, rows[j], n);
            }
        } else {
            double[] e = es[l - 1];
            Arrays.fill(e, 0, n, 0.0);
            int j = 0;
            for (; j + 1 < dOut; j += 2) {
                sumAndStep2(delta[j], delta[j + 1], c, rows[j], rows[j + 1], e, n);
            }
            for (; j < dOut; j++) {
                sumAndStep(delta[j], c, rows[j], e, n);
            }
            double[] deltaPrev = deltas[l - 1];
            for (int i = 1; i < n; i++) {
                deltaPrev[i - 1] = (1 - xPrev[i] * xPrev[i]) * e[i];
            }
        }
        pending[l] = byIn[l] != null;
    }

    /** e_i += w_i δ_j with the old weights, then w_i ← w_i + c_i δ_j, for i < n: one neuron's row. */
    private static void sumAndStep(double deltaJ, double[] c, double[] w, double[] e, int n) {
        for (int i = 0; i < n; i++) {
            double wi = w[i];
            e[i] += wi * deltaJ;
            w[i] = wi + c[i] * deltaJ;
        }
    }

    // ------------------------------------------------------------ the guard

    /**
     * Whether bounds alone show that the step keeps every weight finite: with maxW[l] >= max |w_ij^(l)|,
     * |δ^(l-1)| <= d^(l) maxW[l] max|δ^(l)| (as |1 - x^2| <= 1) and |η x_i δ_j| <= η max|x^(l-1)| max|δ^(l)|.
     */
    private boolean surelyFinite(double eta) {
        double bound = Math.abs(deltas[L][0]);
        for (int l = L; l >= 1; l--) {
            double change = eta * maxX[l - 1] * bound;
            if (!(bound <= LIMIT && maxW[l] <= LIMIT && change <= LIMIT)) { // also false for NaN
                return false;
            }
            bound = d[l] * maxW[l] * bound;
        }
        return true;
    }

    /** Sets maxW[l] = max |w_ij^(l)| from the weights; returns true (to chain in a condition). */
    private boolean scanMaxW() {
        for (int l = 1; l <= L; l++) {
            double m = 0;
            for (double[] row : byOut[l] != null ? byOut[l] : byIn[l]) { // byIn is current here (no update pending)
                m = Math.max(m, maxAbs(row, row.length));
            }
            maxW[l] = m;
        }
        return true;
    }

    /**
     * Whether every new weight is finite, computed exactly as the step will compute it: the deltas of
     * all layers from the old weights (in the step's order), then fl(w + fl(-η x_i) δ_j) for every weight.
     */
    private boolean exactlyFinite(double eta) {
        for (int l = L; l >= 1; l--) {
            int n = d[l - 1] + 1;
            double[] xPrev = xs[l - 1];
            double[] c = cs[l - 1];
            double[] delta = deltas[l];
            for (int i = 0; i < n; i++) {
                c[i] = -eta * xPrev[i];
            }
            if (byOut[l] == null) { // layer 1, in byIn alone (current: the forward pass applied its update)
                for (int i = 0; i < n; i++) {
                    double[] row = byIn[l][i];
                    for (int j = 0; j < d[l]; j++) {
                        if (!Double.isFinite(row[j] + c[i] * delta[j])) {
                            return false;
                        }
                    }
                }
                continue;
            }
            double[] e = es[l - 1];
            Arrays.fill(e, 0, n, 0.0);
            for (int j = 0; j < d[l]; j++) {
                double[] row = byOut[l][j];
                for (int i = 0; i < n; i++) {
                    e[i] += row[i] * delta[j];
                    if (!Double.isFinite(row[i] + c[i] * delta[j])) {
                        return false;
                    }
                }
            }
            if (l > 1) {
                for (int i = 1; i < n; i++) {
                    deltas[l - 1][i - 1] = (1 - xPrev[i] * xPrev[i]) * e[i];
                }
            }
        }
        return true;
    }

    /**
     * max |a_k| for k < n (NaN if any is NaN), computed on the bits: a non-negative double orders as its bit
     * pattern does as a long, NaN above ∞, and a max of longs is a cheaper chain than Math.max of doubles.
     */
    private static double maxAbs(double[] a, int n) {
        long m = 0;
        for (int k = 0; k < n; k++) {
            m = Math.max(m, Double.doubleToRawLongBits(a[k]) & Long.MAX_VALUE);
        }
        return Double.longBitsToDouble(m);
    }
}
