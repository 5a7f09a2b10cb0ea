package backprop.nn;

/**
 * Backpropagation and one step of stochastic gradient descent, exactly as the lecture writes them:
 * the reference path of this package, meant to be read from top to bottom.
 *
 * <p>Every array carries the lecture's indices:
 * <ul>
 * <li>{@code w[l][i][j]} = w_ij^(l), the weight from input i = 0..d^(l-1) to neuron j = 1..d^(l) of
 *     layer l = 1..L (row i = 0 holds the threshold weights; {@code w[0]} and column j = 0 are unused);
 * <li>{@code x[l][i]} = x_i^(l) for i = 0..d^(l), with {@code x[l][0]} = x_0 the threshold input;
 * <li>{@code s[l][j]} = s_j^(l) and {@code delta[l][j]} = δ_j^(l) for j = 1..d^(l) (index 0 unused).
 * </ul>
 * The activation is φ = tanh ({@link Math#tanh}); at an identity output unit x_1^(L) = s_1^(L).
 * Each equation is one short method; the forward steps come first, then the backward steps, each
 * saying which forward step it inverts. Nothing is cached, nothing is deferred: a forward pass only
 * reads the weights, and {@link #sgdStep} changes them all in one place.
 *
 * <p>The fast engine that {@link Trainer} uses ({@code Engine}) computes the same numbers in the same
 * order with a faster tanh; {@code EngineTest} checks it against this class.
 */
final class Backprop {
    private Backprop() {
    }

    // ---------------------------------------------------------------- forward

    /** Signal: s_j^(l) = Σ_{i=0}^{d^(l-1)} w_ij^(l) x_i^(l-1), summed in order i = 0, 1, ..., d^(l-1). */
    static double signal(double[][] wl, double[] xPrev, int j) {
        double s = 0;
        for (int i = 0; i < xPrev.length; i++) {
            s += wl[i][j] * xPrev[i];
        }
        return s;
    }

    /** Output: x_j^(l) = φ(s_j^(l)) = tanh(s_j^(l)), or s_j^(l) itself at an identity output unit. */
    static double output(double s, boolean tanh) {
        return tanh ? Math.tanh(s) : s;
    }

    /**
     * The forward pass: x^(0) = (x_0, x_1, ..., x_d), then for l = 1..L and j = 1..d^(l) the signal
     * s_j^(l) and the output x_j^(l). Fills {@code s} and {@code x}; the output unit of layer L is tanh
     * unless {@code tanhOutput} is false.
     */
    static void forward(double[][][] w, double x0, boolean tanhOutput, double[] input, double[][] s, double[][] x) {
        int L = w.length - 1;
        x[0][0] = x0;
        System.arraycopy(input, 0, x[0], 1, input.length);
        for (int l = 1; l <= L; l++) {
            x[l][0] = x0;
            for (int j = 1; j < x[l].length; j++) {
                s[l][j] = signal(w[l], x[l - 1], j);
                x[l][j] = output(s[l][j], l < L || tanhOutput);
            }
        }
    }

    /** Error on one example: E_n = (x_1^(L) - y_n)^2. */
    static double error(double out, double y) {
        return (out - y) * (out - y);
    }

    // ---------------------------------------------------------------- backward

    /**
     * Output delta, inverting {@link #error} and the {@link #output} of layer L:
     * δ_1^(L) = ∂E_n/∂s_1^(L) = 2 (x_1^(L) - y_n) φ'(s_1^(L)), where φ'(s) = 1 - tanh^2(s) = 1 - (x_1^(L))^2,
     * or 1 at an identity output unit.
     */
    static double outputDelta(double out, double y, boolean tanh) {
        double phiPrime = tanh ? 1 - out * out : 1;
        return 2 * (out - y) * phiPrime;
    }

    /**
     * Backward recursion, inverting the {@link #signal} of layer l (which sends x_i^(l-1) to every
     * neuron j through w_ij^(l)) and the {@link #output} of layer l-1 (φ'(s) = 1 - x^2):
     * δ_i^(l-1) = (1 - (x_i^(l-1))^2) Σ_{j=1}^{d^(l)} w_ij^(l) δ_j^(l), summed in order j = 1, 2, ...
     * Here {@code wRow} = w^(l)[i] (the weights out of input i) and {@code delta} = δ^(l).
     */
    static double deltaBack(double[] wRow, double[] delta, double xi) {
        double sum = 0;
        for (int j = 1; j < delta.length; j++) {
            sum += wRow[j] * delta[j];
        }
        return (1 - xi * xi) * sum;
    }

    /** The backward pass: δ_1^(L) from the output, then δ^(l-1) from δ^(l) for l = L..2. Fills {@code delta}. */
    static void backward(double[][][] w, double[][] x, double y, boolean tanhOutput, double[][] delta) {
        int L = w.length - 1;
        delta[L][1] = outputDelta(x[L][1], y, tanhOutput);
        for (int l = L; l >= 2; l--) {
            for (int i = 1; i < x[l - 1].length; i++) {
                delta[l - 1][i] = deltaBack(w[l][i], delta[l], x[l - 1][i]);
            }
        }
    }

    /** Gradient, inverting the product w_ij^(l) x_i^(l-1) in {@link #signal}: ∂E_n/∂w_ij^(l) = x_i^(l-1) δ_j^(l). */
    static double gradient(double xi, double deltaJ) {
        return xi * deltaJ;
    }

    /**
     * The SGD update of one weight: w_ij^(l) ← w_ij^(l) - η ∂E_n/∂w_ij^(l) = w_ij^(l) - η x_i^(l-1) δ_j^(l)
     * (computed as w - (η x_i) δ_j).
     */
    static double updated(double w, double eta, double xi, double deltaJ) {
        return w - eta * xi * deltaJ;
    }

    /**
     * One step of SGD on the example (x_n, y_n): the forward pass, the backward pass (every δ from
     * the weights before the step), then {@link #updated} for every weight. Returns E_n before the step.
     *
     * <p>A step is refused, with the weights unchanged, when it would make E_n or a weight non-finite:
     * every new weight is computed and checked first, and only then written.
     *
     * @throws ArithmeticException if the step is refused
     */
    static double sgdStep(double[][][] w, double x0, boolean tanhOutput, double[] input, double y, double eta) {
        int L = w.length - 1;
        double[][] s = new double[L + 1][];
        double[][] x = new double[L + 1][];
        double[][] delta = new double[L + 1][];
        x[0] = new double[input.length + 1];
        for (int l = 1; l <= L; l++) {
            s[l] = new double[w[l][0].length];
            x[l] = new double[w[l][0].length];
            delta[l] = new double[w[l][0].length];
        }
        forward(w, x0, tanhOutput, input, s, x);
        backward(w, x, y, tanhOutput, delta);
        double e = error(x[L][1], y);
        if (!Double.isFinite(e) || !stepIsFinite(w, x, delta, eta)) {
            throw new ArithmeticException("the SGD step would make " + (Double.isFinite(e) ? "a weight" : "E_n")
                    + " non-finite (output x_1(L) = " + x[L][1] + ", output delta " + delta[L][1] + ", eta " + eta
                    + "); the network is unchanged");
        }
        for (int l = 1; l <= L; l++) {
            for (int i = 0; i < w[l].length; i++) {
                for (int j = 1; j < w[l][i].length; j++) {
                    w[l][i][j] = updated(w[l][i][j], eta, x[l - 1][i], delta[l][j]);
                }
            }
        }
        return e;
    }

    /** Whether every weight stays finite under {@link #updated} (checked before any weight changes). */
    private static boolean stepIsFinite(double[][][] w, double[][] x, double[][] delta, double eta) {
        for (int l = 1; l < w.length; l++) {
            for (int i = 0; i < w[l].length; i++) {
                for (int j = 1; j < w[l][i].length; j++) {
                    if (!Double.isFinite(updated(w[l][i][j], eta, x[l - 1][i], delta[l][j]))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
