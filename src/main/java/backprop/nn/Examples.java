package backprop.nn;

import java.util.Arrays;

/**
 * The training examples (x_1, y_1), ..., (x_N, y_N): N inputs of dimension d and their targets.
 * Immutable; every x_n and y_n is finite.
 */
public final class Examples {
    private final double[] x; // row n at [n * d, (n + 1) * d)
    private final double[] y;
    private final int d;

    private Examples(double[] x, double[] y, int d) {
        this.x = x;
        this.y = y;
        this.d = d;
    }

    /** Examples from the rows of {@code x} (all of one length d >= 1) and their targets {@code y}. */
    public static Examples of(double[][] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("examples need inputs x and targets y, got null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("the data set is empty, expected N >= 1 examples");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " inputs but " + y.length + " targets, expected one y_n per x_n");
        }
        if (x[0] == null) {
            throw new IllegalArgumentException("x_1 is null, expected an input of d >= 1 components");
        }
        int d = x[0].length;
        if (d < 1) {
            throw new IllegalArgumentException("x_1 has no components, expected d >= 1");
        }
        double[] flat = new double[x.length * d];
        for (int n = 0; n < x.length; n++) {
            if (x[n] == null) {
                throw new IllegalArgumentException("x_" + (n + 1) + " is null, expected d = " + d + " components like x_1");
            }
            if (x[n].length != d) {
                throw new IllegalArgumentException("x_" + (n + 1) + " has " + (x[n] == null ? 0 : x[n].length)
                        + " components, expected d = " + d + " like x_1");
            }
            for (int i = 0; i < d; i++) {
                Indices.finite("component " + (i + 1) + " of x_" + (n + 1), x[n][i]);
            }
            Indices.finite("y_" + (n + 1), y[n]);
            System.arraycopy(x[n], 0, flat, n * d, d);
        }
        return new Examples(flat, y.clone(), d);
    }

    /** N, the number of examples. */
    public int size() {
        return y.length;
    }

    /** d, the dimension of each x_n. */
    public int dimension() {
        return d;
    }

    /** A copy of x_n, n = 1..N. */
    public double[] x(int n) {
        Indices.check("example n", n, 1, size());
        return Arrays.copyOfRange(x, (n - 1) * d, n * d);
    }

    /** y_n, n = 1..N. */
    public double y(int n) {
        Indices.check("example n", n, 1, size());
        return y[n - 1];
    }

    /** The inputs as rows, x_n at index n - 1 (a copy). */
    public double[][] xs() {
        double[][] rows = new double[size()][];
        for (int n = 0; n < size(); n++) {
            rows[n] = Arrays.copyOfRange(x, n * d, (n + 1) * d);
        }
        return rows;
    }

    /** The targets, y_n at index n - 1 (a copy). */
    public double[] ys() {
        return y.clone();
    }

    /** Flat inputs, row n - 1 at [(n - 1) d, n d): shared, never written. */
    double[] flatX() {
        return x;
    }

    double flatY(int k) {
        return y[k];
    }

    /** E = (1/N) Σ_n (g(x_n) - y_n)^2 of the network on these examples. */
    public double squaredError(Network net) {
        checkFits(net);
        return squaredError((x, from) -> net.output(Arrays.copyOfRange(x, from, from + d)));
    }

    /** The fraction of examples with sign(g(x_n)) != sign(y_n) (the 0/1 error; sign(0) counts as +1). */
    public double classificationError(Network net) {
        checkFits(net);
        return classificationError((x, from) -> net.output(Arrays.copyOfRange(x, from, from + d)));
    }

    /** g(x) of a network or an engine, for x = {@code x[from..from+d-1]}. */
    interface Output {
        double of(double[] x, int from);
    }

    /** E = (1/N) Σ_n (g(x_n) - y_n)^2, summed in order n = 1..N. */
    double squaredError(Output g) {
        double sum = 0;
        for (int k = 0; k < size(); k++) {
            double e = g.of(x, k * d) - y[k];
            sum += e * e;
        }
        return sum / size();
    }

    /** The fraction of examples with sign(g(x_n)) != sign(y_n). */
    double classificationError(Output g) {
        int wrong = 0;
        for (int k = 0; k < size(); k++) {
            if ((g.of(x, k * d) >= 0) != (y[k] >= 0)) {
                wrong++;
            }
        }
        return (double) wrong / size();
    }

    void checkFits(Network net) {
        if (net == null) {
            throw new IllegalArgumentException("the network is null");
        }
        if (net.d(0) != d) {
            throw new IllegalArgumentException("the examples have d = " + d + " components, the network expects d(0) = " + net.d(0));
        }
    }

    @Override
    public String toString() {
        return "Examples (N = " + size() + ", d = " + d + ")";
    }
}
