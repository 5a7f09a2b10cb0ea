package backprop.nn;

import java.util.Arrays;

/**
 * An immutable set of weight-shaped tensors, one per layer l = 1..L, with the lecture's indices
 * (i = 0..d^(l-1), j = 1..d^(l)): a snapshot of a network's weights w_ij^(l), or a gradient
 * ∂E_n/∂w_ij^(l).
 */
public final class Weights {
    private final String symbol;
    private final int[] d;
    private final double[][] w; // w[l][i * d(l) + j - 1] = w_ij^(l) for l = 1..L; w[0] unused

    Weights(String symbol, int[] d, double[][] w) {
        this.symbol = symbol;
        this.d = d.clone();
        this.w = new double[w.length][];
        for (int l = 1; l < w.length; l++) {
            this.w[l] = w[l].clone();
        }
    }

    /** A snapshot of tensors in the lecture's layout w[l][i][j] (l = 1..L, i = 0..d^(l-1), j = 1..d^(l); column 0 unused). */
    static Weights of(String symbol, int[] d, double[][][] lecture) {
        double[][] flat = new double[d.length][];
        for (int l = 1; l < d.length; l++) {
            flat[l] = new double[(d[l - 1] + 1) * d[l]];
            for (int i = 0; i <= d[l - 1]; i++) {
                System.arraycopy(lecture[l][i], 1, flat[l], i * d[l], d[l]);
            }
        }
        return new Weights(symbol, d, flat);
    }

    /** A copy in the lecture's layout w[l][i][j], as {@link Backprop} reads it. */
    double[][][] lecture() {
        double[][][] m = new double[d.length][][];
        for (int l = 1; l < d.length; l++) {
            m[l] = new double[d[l - 1] + 1][d[l] + 1];
            for (int i = 0; i <= d[l - 1]; i++) {
                System.arraycopy(w[l], i * d[l], m[l][i], 1, d[l]);
            }
        }
        return m;
    }

    /** The name of these tensors in the lecture, {@code "w"} or {@code "dE/dw"}. */
    public String symbol() {
        return symbol;
    }

    /** The number of layers L. */
    public int L() {
        return d.length - 1;
    }

    /** d^(l), for l = 0..L. */
    public int d(int l) {
        Indices.check("layer l", l, 0, L());
        return d[l];
    }

    /** The layer sizes d^(0), ..., d^(L). */
    public int[] sizes() {
        return d.clone();
    }

    /** The entry (i, j) of layer l: w_ij^(l), or ∂E_n/∂w_ij^(l) for a gradient. */
    public double w(int l, int i, int j) {
        Indices.check("layer l", l, 1, L());
        Indices.check("input i of layer " + l, i, 0, d[l - 1]);
        Indices.check("neuron j of layer " + l, j, 1, d[l]);
        return w[l][i * d[l] + j - 1];
    }

    /** Layer l's matrix, rows i = 0..d^(l-1) (row 0: threshold), columns j = 1..d^(l). */
    public Matrix w(int l) {
        Indices.check("layer l", l, 1, L());
        int dIn = d[l - 1];
        int dOut = d[l];
        double[][] rows = new double[dIn + 1][];
        for (int i = 0; i <= dIn; i++) {
            rows[i] = Arrays.copyOfRange(w[l], i * dOut, (i + 1) * dOut);
        }
        return new Matrix(symbol + "(" + l + ")", rows);
    }

    /** Every entry, layer by layer, row by row: the order in which JSON files and tables list them. */
    public double[] flatten() {
        int n = 0;
        for (int l = 1; l <= L(); l++) {
            n += w[l].length;
        }
        double[] all = new double[n];
        int at = 0;
        for (int l = 1; l <= L(); l++) {
            System.arraycopy(w[l], 0, all, at, w[l].length);
            at += w[l].length;
        }
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Weights x && x.symbol.equals(symbol) && Arrays.equals(x.d, d) && Arrays.deepEquals(x.w, w);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(d) * 31 + Arrays.deepHashCode(w);
    }

    /** One short line, e.g. {@code w of 2-3-1, W = 13 (table() shows w(1), ..., w(L))}. */
    @Override
    public String toString() {
        return symbol + " of " + sizes(d) + ", W = " + flatten().length + " (table() shows " + symbol + "(1), ..., "
                + symbol + "(L))";
    }

    /** Every layer's matrix as a table ({@link Matrix#table()}), one after the other, separated by a blank line. */
    public String table() {
        StringBuilder b = new StringBuilder();
        for (int l = 1; l <= L(); l++) {
            b.append(l == 1 ? "" : "\n\n").append(w(l).table());
        }
        return b.toString();
    }

    /** Layer sizes as the lecture writes them, e.g. {@code 2-3-1}. */
    static String sizes(int[] d) {
        StringBuilder b = new StringBuilder();
        for (int l = 0; l < d.length; l++) {
            b.append(l == 0 ? "" : "-").append(d[l]);
        }
        return b.toString();
    }
}
