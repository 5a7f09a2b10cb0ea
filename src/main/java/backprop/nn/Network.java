package backprop.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A feed-forward network of L layers of tanh neurons, as in the lecture: layer l = 1..L has d^(l)
 * neurons fed by the d^(l-1) outputs of layer l-1 and by the threshold input x_0 (-1 by default).
 *
 * <p>The network holds its weights w_ij^(l) once, with the lecture's indices, and computes with the
 * reference path {@link Backprop} (one short method per equation). It is the one mutable object of this
 * package: {@link #initUniform}, {@link #setW} and {@link #sgdStep} change its weights, each either
 * completely or, when its input is bad, not at all; {@link Trainer#train} replaces them all at once
 * at the end of a run. Reading a network ({@link #forward}, {@link #g}, {@link #error},
 * {@link #gradient}, {@link #w}, {@link #weights}) never changes it, so many threads may read one network
 * at the same time (while no thread changes it).
 */
public final class Network {
    private final int[] d;
    private final double x0;
    private final OutputUnit output;
    // w[l][i][j] = w_ij^(l), l = 1..L, i = 0..d^(l-1), j = 1..d^(l) (column 0 unused), as in Backprop.
    // Replaced as a whole (one write of this field) when a training run ends.
    private volatile double[][][] w;

    private Network(int[] d, double x0, OutputUnit output, double[][][] w) {
        this.d = d;
        this.x0 = x0;
        this.output = output;
        this.w = w;
    }

    /** Zero weights w[l][i][j] for the sizes d, after checking that they fit in memory. */
    private static double[][][] zeros(int[] d) {
        double[][][] w = new double[d.length][][];
        for (int l = 1; l < d.length; l++) {
            w[l] = new double[d[l - 1] + 1][d[l] + 1];
        }
        return w;
    }

    /**
     * A network with layer sizes d^(0), d^(1), ..., d^(L) (d^(L) = 1), every weight 0, threshold
     * input x_0 = -1 and a tanh output. Set its weights with {@link #initUniform} or {@link #setW}.
     *
     * @throws IllegalArgumentException if a size is below 1, d^(L) is not 1, or the weights would not
     *                                  fit in this JVM's memory (the message says how much they need)
     */
    public static Network of(int... d) {
        checkSizes(d);
        return new Network(d.clone(), -1, OutputUnit.TANH, zeros(d));
    }

    private static void checkSizes(int[] d) {
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
        long count = 0;
        double bytes = 0; // as stored: rows of d(l) + 1 doubles, 16 bytes of array header each
        for (int l = 1; l < d.length; l++) {
            count += (d[l - 1] + 1L) * d[l];
            bytes += (d[l - 1] + 1.0) * (8.0 * (d[l] + 1) + 16);
        }
        long max = Runtime.getRuntime().maxMemory();
        if (count > Integer.MAX_VALUE || bytes > max) {
            StringBuilder name = new StringBuilder();
            for (int l = 0; l < d.length; l++) {
                name.append(l == 0 ? "" : "-").append(d[l]);
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a %s network has W = %,d weights, which need %s of memory; %s", name, count, gigabytes(bytes),
                    count > Integer.MAX_VALUE ? "a network holds at most 2,147,483,647 weights"
                            : "this JVM may use at most " + gigabytes(max) + " (its -Xmx)"));
        }
    }

    private static String gigabytes(double bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
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
        return net;
    }

    /**
     * A network with the given weights, sizes, threshold input and output unit (e.g. as saved).
     *
     * @throws IllegalArgumentException if a weight is not finite, x_0 is not ±1 or the output unit is null
     */
    public static Network of(Weights weights, double x0, OutputUnit output) {
        if (weights == null) {
            throw new IllegalArgumentException("weights are null, expected one matrix w(l) per layer");
        }
        Network net = of(weights.sizes()).withThreshold(x0).withOutput(output); // checks the conventions
        for (int l = 1; l <= net.L(); l++) {
            for (int i = 0; i <= net.d[l - 1]; i++) {
                for (int j = 1; j <= net.d[l]; j++) {
                    net.w[l][i][j] = Indices.finite("w_" + i + j + "(" + l + ")", weights.w(l, i, j));
                }
            }
        }
        return net;
    }

    /** A copy of this network with threshold input x_0 = -1 (the lecture) or +1 (the book). */
    public Network withThreshold(double x0) {
        if (x0 != -1 && x0 != 1) {
            throw new IllegalArgumentException("threshold input x_0 = " + x0 + ", expected -1 (the lecture) or +1 (the book)");
        }
        return new Network(d.clone(), x0, output, copyOf(w));
    }

    /** A copy of this network whose output neuron applies {@code output} (tanh or identity). */
    public Network withOutput(OutputUnit output) {
        if (output == null) {
            throw new IllegalArgumentException("output unit is null, expected TANH or IDENTITY");
        }
        return new Network(d.clone(), x0, output, copyOf(w));
    }

    /** An independent copy: same sizes, conventions and weights. */
    public Network copy() {
        return new Network(d.clone(), x0, output, copyOf(w));
    }

    /**
     * Sets every weight w_ij^(l) to a uniform draw from [-r, r], from the given seed (the same seed
     * gives the same weights on every machine), layer by layer, i then j. Changes this network and returns it.
     */
    public Network initUniform(double r, long seed) {
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("weight range r = " + r + ", expected a finite r >= 0");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][][] fresh = zeros(d);
        for (int l = 1; l <= L(); l++) {
            for (int i = 0; i <= d[l - 1]; i++) {
                for (int j = 1; j <= d[l]; j++) {
                    fresh[l][i][j] = r * (2 * random.nextDouble() - 1);
                }
            }
        }
        w = fresh;
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
        return w[l][i][j];
    }

    /** A snapshot of layer l's weights w^(l): rows i = 0..d^(l-1) (row 0 the threshold), columns j = 1..d^(l). */
    public Matrix w(int l) {
        Indices.check("layer l", l, 1, L());
        return weights().w(l);
    }

    /** Sets the weight w_ij^(l) to a finite value. */
    public void setW(int l, int i, int j, double value) {
        checkWeightIndex(l, i, j);
        if (!Double.isFinite(value)) {
            Indices.finite("w_" + i + j + "(" + l + ")", value);
        }
        w[l][i][j] = value;
    }

    /** Sets one weight without checks, e.g. for the finite-difference probe of a copy. */
    void put(int l, int i, int j, double value) {
        w[l][i][j] = value;
    }

    /** Sets all of layer l's weights from a matrix with rows i = 0..d^(l-1) and columns j = 1..d^(l). */
    public void setW(int l, double[][] matrix) {
        Indices.check("layer l", l, 1, L());
        checkMatrix(l, matrix);
        copyIn(l, matrix);
    }

    /** An immutable snapshot of every weight. */
    public Weights weights() {
        return Weights.of("w", d, w);
    }

    /**
     * The forward pass ({@link Backprop#forward}): x^(0) = (x_0, x), then for l = 1..L the signals
     * s_j^(l) = Σ_i w_ij^(l) x_i^(l-1) and outputs x_j^(l) = tanh(s_j^(l)). Returns every s(l) and x(l)
     * as an immutable record.
     */
    public ForwardPass forward(double... x) {
        checkInput(x);
        double[][][] w = this.w;
        double[][] s = lectureVectors(1);
        double[][] xl = lectureVectors(0);
        Backprop.forward(w, x0, output == OutputUnit.TANH, x, s, xl);
        double[][] signals = new double[d.length][];
        signals[0] = new double[0];
        for (int l = 1; l < d.length; l++) {
            signals[l] = Arrays.copyOfRange(s[l], 1, d[l] + 1);
        }
        return new ForwardPass(Weights.of("w", d, w), x0, output, signals, xl);
    }

    /** Arrays v[l] of length d^(l) + 1 for l = from..L (index 0 the threshold input or unused). */
    private double[][] lectureVectors(int from) {
        double[][] v = new double[d.length][];
        for (int l = 0; l < d.length; l++) {
            v[l] = new double[l < from ? 0 : d[l] + 1];
        }
        return v;
    }

    /** g(x) = x_1^(L), the network's output. */
    public double g(double... x) {
        checkInput(x);
        return output(x);
    }

    /** g(x) without checks (x has d^(0) finite components). */
    double output(double[] x) {
        double[][] xl = lectureVectors(0);
        Backprop.forward(w, x0, output == OutputUnit.TANH, x, lectureVectors(1), xl);
        return xl[L()][1];
    }

    /** E_n = (g(x_n) - y_n)^2, the error on one example. */
    public double error(double[] x, double y) {
        checkInput(x);
        Indices.finite("y", y);
        return Backprop.error(output(x), y);
    }

    /** ∂E_n/∂w_ij^(l) for every weight: the forward pass, the deltas, then x_i^(l-1) δ_j^(l). */
    public Weights gradient(double[] x, double y) {
        Indices.finite("y", y);
        return forward(x).backward(y).gradient();
    }

    /**
     * One step of stochastic gradient descent on the example (x, y), the reference
     * {@link Backprop#sgdStep}: w_ij^(l) ← w_ij^(l) - η x_i^(l-1) δ_j^(l) for every weight, where the deltas
     * come from the weights before this step. Returns E_n before the step. (A {@link Trainer} runs the
     * same steps on a fast copy of the weights.)
     *
     * @throws IllegalArgumentException if x, y or η is bad (the network is unchanged)
     * @throws ArithmeticException      if the step would make E_n or a weight non-finite (the network is unchanged)
     */
    public double sgdStep(double[] x, double y, double eta) {
        checkInput(x);
        Indices.finite("y", y);
        checkEta(eta);
        return Backprop.sgdStep(w, x0, output == OutputUnit.TANH, x, y, eta);
    }

    /** The weights themselves, w[l][i][j] as in Backprop: for the engine to copy (never written there). */
    double[][][] lectureWeights() {
        return w;
    }

    /** Replaces every weight at once (one write) by w[l][i][j], which the network now owns. */
    void replaceWeights(double[][][] w) {
        this.w = w;
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
            if (!Double.isFinite(x[i])) {
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
                if (!Double.isFinite(m[i][j])) {
                    Indices.finite("w_" + i + (j + 1) + "(" + l + ")", m[i][j]);
                }
            }
        }
    }

    private void copyIn(int l, double[][] m) {
        double[][][] w = this.w;
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, w[l][i], 1, d[l]);
        }
    }

    static double[][][] copyOf(double[][][] w) {
        double[][][] c = new double[w.length][][];
        for (int l = 1; l < w.length; l++) {
            c[l] = Matrix.deepCopy(w[l]);
        }
        return c;
    }

    @Override
    public String toString() {
        return "Network " + Weights.sizes(d) + " (L = " + L() + ", W = " + weightCount() + ", x_0 = "
                + (x0 == -1 ? "-1" : "+1") + ", " + (output == OutputUnit.TANH ? "tanh" : "identity") + " output)";
    }
}
