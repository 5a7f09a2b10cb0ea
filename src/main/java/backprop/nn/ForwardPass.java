package backprop.nn;

/**
 * The forward pass of one input through a network: every signal s^(l) and output x^(l), with the
 * weights it used, so that the backward pass ({@link #backward}) sees exactly what the forward saw.
 * Immutable.
 *
 * @param weights the weights at the time of the pass
 * @param x0      the threshold input x_0
 * @param outputUnit the output unit
 * @param signals s^(l) for l = 1..L as {@code signals[l][j-1]} (row 0 unused); copied in and out
 * @param outputs x^(l) for l = 0..L as {@code outputs[l][i]}, with x_0 = {@code outputs[l][0]}; copied in
 *                and out
 */
public record ForwardPass(Weights weights, double x0, OutputUnit outputUnit, double[][] signals, double[][] outputs) {

    /** A forward pass with copies of {@code signals} and {@code outputs}. */
    public ForwardPass {
        signals = Matrix.deepCopy(signals);
        outputs = Matrix.deepCopy(outputs);
    }

    /** The number of layers L. */
    public int L() {
        return weights.L();
    }

    /** The signals s_j^(l) = Σ_i w_ij^(l) x_i^(l-1) of layer l = 1..L, j = 1..d^(l). */
    public Vec s(int l) {
        Indices.check("layer l", l, 1, L());
        return new Vec("s(" + l + ")", 1, signals[l]);
    }

    /** s_j^(l), l = 1..L, j = 1..d^(l). */
    public double s(int l, int j) {
        Indices.check("layer l", l, 1, L());
        Indices.check("neuron j of layer " + l, j, 1, weights.d(l));
        return signals[l][j - 1];
    }

    /** The outputs of layer l = 0..L with the threshold input: x_0 = ±1, then x_i^(l) for i = 1..d^(l). */
    public Vec x(int l) {
        Indices.check("layer l", l, 0, L());
        return new Vec("x(" + l + ")", 0, outputs[l]);
    }

    /** x_i^(l), l = 0..L, i = 0..d^(l) (i = 0: the threshold input x_0). */
    public double x(int l, int i) {
        Indices.check("layer l", l, 0, L());
        Indices.check("component i of x(" + l + ")", i, 0, weights.d(l));
        return outputs[l][i];
    }

    /** The network's output g(x) = x_1^(L). */
    public double output() {
        return outputs[L()][1];
    }

    /** E_n = (x_1^(L) - y)^2. */
    public double error(double y) {
        Indices.finite("y", y);
        return Backprop.error(output(), y);
    }

    /**
     * The backward pass for target y ({@link Backprop#backward}): δ_1^(L) = 2 (x_1^(L) - y) φ'(s_1^(L)),
     * then for l = L..2 δ_i^(l-1) = (1 - (x_i^(l-1))^2) Σ_j w_ij^(l) δ_j^(l), from the weights this pass used.
     */
    public BackwardPass backward(double y) {
        Indices.finite("y", y);
        int L = L();
        double[][] delta = new double[L + 1][];
        for (int l = 1; l <= L; l++) {
            delta[l] = new double[weights.d(l) + 1];
        }
        Backprop.backward(weights.lecture(), outputs, y, outputUnit == OutputUnit.TANH, delta);
        double[][] deltas = new double[L + 1][];
        deltas[0] = new double[0];
        for (int l = 1; l <= L; l++) {
            deltas[l] = java.util.Arrays.copyOfRange(delta[l], 1, delta[l].length);
        }
        return new BackwardPass(this, y, deltas);
    }

    /** A copy of the signals, {@code signals()[l][j-1]} = s_j^(l). */
    @Override
    public double[][] signals() {
        return Matrix.deepCopy(signals);
    }

    /** A copy of the outputs, {@code outputs()[l][i]} = x_i^(l). */
    @Override
    public double[][] outputs() {
        return Matrix.deepCopy(outputs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForwardPass f && f.weights.equals(weights) && f.x0 == x0 && f.outputUnit == outputUnit
                && java.util.Arrays.deepEquals(f.signals, signals) && java.util.Arrays.deepEquals(f.outputs, outputs);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(outputs);
    }

    /** One short line, e.g. {@code ForwardPass of 2-3-1: g(x) = -0.037383 (table() shows every s and x)}. */
    @Override
    public String toString() {
        return "ForwardPass of " + Weights.sizes(weights.sizes()) + ": g(x) = " + Format.number(output())
                + " (table() shows every s and x)";
    }

    /**
     * The whole pass, one component per line with the lecture's labels: x^(0), then s^(l) and x^(l) for
     * l = 1..L, then g(x) = x_1^(L), e.g.
     * <pre>
     * x_0(0)        = -1         (threshold input)
     * x_1(0)        =  0.5
     * s_1(1)        = -0.263151
     * ...
     * g(x) = x_1(2) = -0.037383
     * </pre>
     */
    public String table() {
        Table lines = Vec.lines();
        x(0).addTo(lines);
        for (int l = 1; l <= L(); l++) {
            s(l).addTo(lines);
            x(l).addTo(lines);
        }
        lines.row("g(x) = x_1(" + L() + ")", "=", output());
        return lines.render();
    }
}
