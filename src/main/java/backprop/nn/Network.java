package backprop.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A feed-forward network of L layers of tanh neurons, as in the lecture: layer l = 1..L has d^(l)
 * neurons fed by the d^(l-1) outputs of layer l-1 and by the threshold input x_0 (-1 by default).
 *
 * <p>The network is the one mutable object of this package: {@link #initUniform}, {@link #setW} and
 * {@link #sgdStep} change its weights, each either completely or, when its input is bad, not at all.
 * Everything else ({@link #forward}, {@link ForwardPass#backward}, {@link #weights}) returns immutable
 * values. A network is not safe for use by several threads at once.
 */
public final class Network {
    private final int[] d;
    private final double x0;
    private final OutputUnit output;
    // w_ij^(l) as Layers describes: byOut[l][j - 1][i], l = 1..L, always current, and for layers of
    // at least Layers.NARROW neurons a copy byIn[l][i][j - 1] (else null) that the forward pass reads.
    // After an SGD step, byIn[l] still lacks that step's update (pending[l]): the next forward pass
    // applies it on its way (Layers.signalAfterStep), from c = cs[l - 1] and δ = deltas[l].
    private final double[][][] byIn;
    private final double[][][] byOut;
    private final boolean[] pending;

    // Scratch space of the update, allocated once: x[l] with x[l][0] = x_0, s[l], delta[l], and
    // c[l], e[l] of the backward pass (see Layers.deltaBackAndUpdate).
    private final double[][] xs;
    private final double[][] ss;
    private final double[][] deltas;
    private final double[][] cs;
    private final double[][] es;
    // An upper bound on max |w_ij^(l)| per layer, kept up to date in O(L) per step (see safeStep).
    private final double[] maxW;
    private final double[] stepBound;

    /** A network with the given flat weights w[l][i * d(l) + j - 1] = w_ij^(l) (copied). */
    private Network(int[] d, double x0, OutputUnit output, double[][] w) {
        this.d = d;
        this.x0 = x0;
        this.output = output;
        int L = d.length - 1;
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
            xs[l][0] = x0;
            ss[l] = new double[d[l]];
            deltas[l] = new double[d[l]];
            cs[l] = new double[d[l] + 1];
            es[l] = new double[d[l] + 1];
        }
        for (int l = 1; l <= L; l++) {
            byIn[l] = d[l] < Layers.NARROW ? null : new double[d[l - 1] + 1][d[l]];
            byOut[l] = new double[d[l]][d[l - 1] + 1];
            for (int i = 0; i <= d[l - 1]; i++) {
                for (int j = 1; j <= d[l]; j++) {
                    put(l, i, j, w[l][i * d[l] + j - 1]);
                }
            }
        }
        maxW = new double[L + 1];
        stepBound = new double[L + 1];
        refreshBounds();
    }

    void refreshBounds() {
        for (int l = 1; l <= L(); l++) {
            double m = 0;
            for (double[] row : byOut[l]) {
                m = Math.max(m, maxAbs(row));
            }
            maxW[l] = m;
        }
    }

    /**
     * A network with layer sizes d^(0), d^(1), ..., d^(L) (d^(L) = 1), every weight 0, threshold
     * input x_0 = -1 and a tanh output. Set its weights with {@link #initUniform} or {@link #setW}.
     */
    public static Network of(int... d) {
        if (d == null || d.length < 2) {
            throw new IllegalArgumentException("a network needs sizes d(0), ..., d(L) with L >= 1, got "
                    + (d == null ? "null" : Arrays.toString(d)));
        }
        for (int l = 0; l < d.length; l++) {
            if (d[l] < 1) {
                throw new IllegalArgumentException("d(" + l + ") = " + d[l] + ", expected at least 1 neuron");
            }
        }
        if (d[d.length - 1] != 1) {
            throw new IllegalArgumentException("d(L) = d(" + (d.length - 1) + ") = " + d[d.length - 1]
                    + ", expected 1: the network has one output x_1(L)");
        }
        double[][] w = new double[d.length][];
        for (int l = 1; l < d.length; l++) {
            w[l] = new double[(d[l - 1] + 1) * d[l]];
        }
        return new Network(d.clone(), -1, OutputUnit.TANH, w);
    }

    /**
     * A network with the given weights, one matrix per layer l = 1..L, rows i = 0..d^(l-1) (row 0 the
     * threshold weights w_0j), columns j = 1..d^(l); the sizes follow from the shapes.
     */
    public static Network fromWeights(double[][]... layers) {
        if (layers == null || layers.length == 0) {
            throw new IllegalArgumentException("expected one weight matrix per layer, got none");
        }
        int[] d = new int[layers.length + 1];
        for (int l = 1; l <= layers.length; l++) {
            double[][] m = layers[l - 1];
            if (m == null || m.length < 2 || m[0] == null || m[0].length < 1) {
                throw new IllegalArgumentException("w(" + l + ") must have rows i = 0..d(" + (l - 1)
                        + ") with d(" + (l - 1) + ") >= 1 and at least one column j = 1");
            }
            d[l - 1] = m.length - 1;
            d[l] = m[0].length;
            if (l > 1 && d[l - 1] != layers[l - 2][0].length) {
                throw new IllegalArgumentException("w(" + l + ") has " + m.length + " rows, expected d(" + (l - 1)
                        + ") + 1 = " + (layers[l - 2][0].length + 1) + " (the threshold row and one per neuron of layer "
                        + (l - 1) + ")");
            }
        }
        Network net = of(d);
        for (int l = 1; l <= layers.length; l++) {
            net.checkMatrix(l, layers[l - 1]);
        }
        for (int l = 1; l <= layers.length; l++) {
            net.copyIn(l, layers[l - 1]);
        }
        net.refreshBounds();
        return net;
    }

    /** A network with the given weights, sizes, threshold input and output unit (e.g. as saved). */
    public static Network of(Weights weights, double x0, OutputUnit output) {
        of(weights.sizes()).withThreshold(x0).withOutput(output); // checks the conventions
        return new Network(weights.sizes(), x0, output, weights.w);
    }

    /** A copy of this network with threshold input x_0 = -1 (the lecture) or +1 (the book). */
    public Network withThreshold(double x0) {
        if (x0 != -1 && x0 != 1) {
            throw new IllegalArgumentException("threshold input x_0 = " + x0 + ", expected -1 (the lecture) or +1 (the book)");
        }
        return new Network(d.clone(), x0, output, copyWeights());
    }

    /** A copy of this network whose output neuron applies {@code output} (tanh or identity). */
    public Network withOutput(OutputUnit output) {
        if (output == null) {
            throw new IllegalArgumentException("output unit is null, expected TANH or IDENTITY");
        }
        return new Network(d.clone(), x0, output, copyWeights());
    }

    /** An independent copy: same sizes, conventions and weights. */
    public Network copy() {
        return new Network(d.clone(), x0, output, copyWeights());
    }

    /**
     * Sets every weight w_ij^(l) to a uniform draw from [-r, r], from the given seed (the same seed
     * gives the same weights on every machine). Changes this network and returns it.
     */
    public Network initUniform(double r, long seed) {
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("weight range r = " + r + ", expected a finite r >= 0");
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 1; l <= L(); l++) {
            for (int i = 0; i <= d[l - 1]; i++) {
                for (int j = 1; j <= d[l]; j++) {
                    put(l, i, j, r * (2 * random.nextDouble() - 1));
                }
            }
        }
        refreshBounds();
        return this;
    }

    /** The number of layers L. */
    public int L() {
        return d.length - 1;
    }

    /** d^(l), the number of neurons of layer l = 0..L (d^(0) = d, the input dimension). */
    public int d(int l) {
        Indices.check("layer l", l, 0, L());
        return d[l];
    }

    /** The layer sizes d^(0), ..., d^(L). */
    public int[] sizes() {
        return d.clone();
    }

    /** The threshold input x_0 (-1 or +1). */
    public double x0() {
        return x0;
    }

    /** The output unit (tanh or identity). */
    public OutputUnit output() {
        return output;
    }

    /** W, the number of weights: Σ_{l=1}^{L} (d^(l-1) + 1) d^(l). */
    public int weightCount() {
        int n = 0;
        for (int l = 1; l <= L(); l++) {
            n += (d[l - 1] + 1) * d[l];
        }
        return n;
    }

    /**
     * The floating-point operations of one SGD update, 6W: a multiply and an add per weight in the
     * forward pass, in the deltas' sums and in the update (tanh and the output delta not counted).
     */
    public long flopsPerUpdate() {
        return 6L * weightCount();
    }

    /** The weight w_ij^(l), l = 1..L, i = 0..d^(l-1), j = 1..d^(l). */
    public double w(int l, int i, int j) {
        checkWeightIndex(l, i, j);
        return byOut[l][j - 1][i];
    }

    /** A snapshot of layer l's weights w^(l): rows i = 0..d^(l-1) (row 0 the threshold), columns j = 1..d^(l). */
    public Matrix w(int l) {
        return weights().w(l);
    }

    /** Sets the weight w_ij^(l) to a finite value. */
    public void setW(int l, int i, int j, double value) {
        checkWeightIndex(l, i, j);
        if (!Double.isFinite(value)) {
            Indices.finite("w_" + i + j + "(" + l + ")", value);
        }
        put(l, i, j, value);
        refreshBounds();
    }

    /** Sets one weight (in both copies) without checks or bookkeeping, e.g. for the finite-difference probe of a copy. */
    void put(int l, int i, int j, double value) {
        if (byIn[l] != null) {
            if (pending[l]) {
                Layers.finishStep(byIn[l], d[l - 1], d[l], cs[l - 1], deltas[l]);
                pending[l] = false;
            }
            byIn[l][i][j - 1] = value;
        }
        byOut[l][j - 1][i] = value;
    }

    /** The signals s^(l) of input x^(l-1) into s, finishing the last step's update of byIn[l] on the way. */
    private void signal(int l, double[] xPrev, double[] s) {
        if (pending[l]) {
            Layers.signalAfterStep(byIn[l], d[l - 1], d[l], cs[l - 1], deltas[l], xPrev, s);
            pending[l] = false;
        } else {
            Layers.signal(byIn[l], byOut[l], d[l - 1], d[l], xPrev, s);
        }
    }

    /** Sets all of layer l's weights from a matrix with rows i = 0..d^(l-1) and columns j = 1..d^(l). */
    public void setW(int l, double[][] matrix) {
        Indices.check("layer l", l, 1, L());
        checkMatrix(l, matrix);
        copyIn(l, matrix);
        refreshBounds();
    }

    /** An immutable snapshot of every weight. */
    public Weights weights() {
        return new Weights("w", d, flatWeights());
    }

    /**
     * The forward pass: x^(0) = (x_0, x), then for l = 1..L the signals s_j^(l) = Σ_i w_ij^(l) x_i^(l-1)
     * and outputs x_j^(l) = tanh(s_j^(l)). Returns every s(l) and x(l) as an immutable record.
     */
    public ForwardPass forward(double... x) {
        checkInput(x);
        int L = L();
        double[][] s = new double[L + 1][];
        double[][] xl = new double[L + 1][];
        xl[0] = new double[d[0] + 1];
        xl[0][0] = x0;
        System.arraycopy(x, 0, xl[0], 1, d[0]);
        s[0] = new double[0];
        for (int l = 1; l <= L; l++) {
            s[l] = new double[d[l]];
            xl[l] = new double[d[l] + 1];
            xl[l][0] = x0;
            signal(l, xl[l - 1], s[l]);
            Layers.activate(s[l], d[l], l < L || output == OutputUnit.TANH, xl[l]);
        }
        return new ForwardPass(weights(), x0, output, s, xl);
    }

    /** g(x) = x_1^(L), the network's output. */
    public double g(double... x) {
        checkInput(x);
        return forwardOn(x, 0);
    }

    /** E_n = (g(x_n) - y_n)^2, the error on one example. */
    public double error(double[] x, double y) {
        checkInput(x);
        Indices.finite("y", y);
        double e = forwardOn(x, 0) - y;
        return e * e;
    }

    /** ∂E_n/∂w_ij^(l) for every weight: the forward pass, the deltas, then x_i^(l-1) δ_j^(l). */
    public Weights gradient(double[] x, double y) {
        return forward(x).backward(y).gradient();
    }

    /**
     * One step of stochastic gradient descent on the example (x, y):
     * w_ij^(l) ← w_ij^(l) - η ∂E_n/∂w_ij^(l) for every weight, where the deltas' sums use the weights
     * before this step. Returns E_n before the step. Allocates nothing.
     *
     * @throws IllegalArgumentException if x, y or η is bad (the network is unchanged)
     * @throws ArithmeticException      if the step would make a weight non-finite (the network is unchanged)
     */
    public double sgdStep(double[] x, double y, double eta) {
        checkInput(x);
        Indices.finite("y", y);
        checkEta(eta);
        return step(x, 0, y, eta);
    }

    /** The update without validation: x is read from {@code x[from..from+d(0)-1]}. */
    double step(double[] x, int from, double y, double eta) {
        double out = forwardOn(x, from);
        int L = L();
        double e = out - y;
        deltas[L][0] = Layers.outputDelta(out, y, output == OutputUnit.TANH);
        if (!safeStep(eta)) {
            throw new ArithmeticException("the SGD step would make a weight non-finite (output " + out
                    + ", output delta " + deltas[L][0] + ", eta " + eta + "); the network is unchanged");
        }
        for (int l = L; l >= 1; l--) {
            Layers.deltaBackAndUpdate(byOut[l], d[l - 1], d[l], deltas[l], xs[l - 1],
                    l > 1 ? deltas[l - 1] : null, eta, cs[l - 1], es[l - 1]);
            pending[l] = byIn[l] != null; // byIn[l] gets this update in the next forward pass
            maxW[l] += stepBound[l];
        }
        return e * e;
    }

    /**
     * Whether the update about to run keeps every weight finite, checked before any weight changes so
     * that a failing step leaves the network as it was. Every |w_ij^(l)| stays below maxW[l], each
     * |δ_i^(l-1)| below d^(l) maxW[l] max|δ^(l)|, so each change |η x_i δ_j| below stepBound[l]; the
     * step is safe when those bounds are finite and far from overflow. Costs O(neurons), not O(W).
     */
    private boolean safeStep(double eta) {
        double maxDelta = Math.abs(deltas[L()][0]);
        for (int l = L(); l >= 1; l--) {
            double maxX = 0;
            for (double v : xs[l - 1]) {
                maxX = Math.max(maxX, Math.abs(v));
            }
            stepBound[l] = eta * maxX * maxDelta;
            if (!(stepBound[l] < 1e150 && maxW[l] < 1e150)) { // also false for NaN
                return false;
            }
            maxDelta *= d[l] * maxW[l];
        }
        return true;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** The forward pass of {@code x[from..from+d(0)-1]} into the scratch space; returns x_1^(L). */
    double forwardOn(double[] x, int from) {
        System.arraycopy(x, from, xs[0], 1, d[0]);
        int L = L();
        for (int l = 1; l <= L; l++) {
            signal(l, xs[l - 1], ss[l]);
            Layers.activate(ss[l], d[l], l < L || output == OutputUnit.TANH, xs[l]);
        }
        return xs[L][1];
    }

    void checkInput(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException("x is null, expected " + d[0] + " components (d(0) = " + d[0] + ")");
        }
        if (x.length != d[0]) {
            throw new IllegalArgumentException("x has " + x.length + " component" + (x.length == 1 ? "" : "s")
                    + ", the network expects d(0) = " + d[0]);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) { // the message is built only then: a step allocates nothing
                Indices.finite("x_" + (i + 1), x[i]);
            }
        }
    }

    static void checkEta(double eta) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("learning rate eta = " + eta + ", expected a finite eta > 0");
        }
    }

    private void checkWeightIndex(int l, int i, int j) {
        Indices.check("layer l", l, 1, L());
        Indices.check("input i of layer " + l, i, 0, d[l - 1]);
        Indices.check("neuron j of layer " + l, j, 1, d[l]);
    }

    private void checkMatrix(int l, double[][] m) {
        if (m == null || m.length != d[l - 1] + 1) {
            throw new IllegalArgumentException("w(" + l + ") has " + (m == null ? "no" : String.valueOf(m.length))
                    + " rows, expected d(" + (l - 1) + ") + 1 = " + (d[l - 1] + 1) + " (rows i = 0.." + d[l - 1] + ")");
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != d[l]) {
                throw new IllegalArgumentException("row i = " + i + " of w(" + l + ") has "
                        + (m[i] == null ? "no" : String.valueOf(m[i].length)) + " entries, expected d(" + l + ") = " + d[l]);
            }
            for (int j = 0; j < d[l]; j++) {
                if (!Double.isFinite(m[i][j])) { // the message is built only then
                    Indices.finite("w_" + i + (j + 1) + "(" + l + ")", m[i][j]);
                }
            }
        }
    }

    private void copyIn(int l, double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = 1; j <= d[l]; j++) {
                put(l, i, j, m[i][j - 1]);
            }
        }
    }

    /** The weights in the flat layout of {@link Weights}: w[l][i * d(l) + j - 1] = w_ij^(l). */
    private double[][] flatWeights() {
        double[][] w = new double[d.length][];
        for (int l = 1; l < d.length; l++) {
            w[l] = new double[(d[l - 1] + 1) * d[l]];
            for (int i = 0; i <= d[l - 1]; i++) {
                for (int j = 0; j < d[l]; j++) {
                    w[l][i * d[l] + j] = byOut[l][j][i];
                }
            }
        }
        return w;
    }

    private double[][] copyWeights() {
        return flatWeights();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Network ");
        for (int l = 0; l < d.length; l++) {
            b.append(l == 0 ? "" : "-").append(d[l]);
        }
        return b.append(" (L = ").append(L()).append(", W = ").append(weightCount()).append(", x_0 = ")
                .append(x0 == -1 ? "-1" : "+1").append(", ").append(output == OutputUnit.TANH ? "tanh" : "identity")
                .append(" output)").toString();
    }
}
