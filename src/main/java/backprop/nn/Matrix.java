package backprop.nn;

import java.util.Arrays;

/**
 * An immutable weight-shaped matrix with the lecture's indices: rows i = 0..d^(l-1) (row 0 holds the
 * threshold weights w_0j), columns j = 1..d^(l). Used for w^(l) and for ∂E_n/∂w^(l).
 *
 * @param symbol the lecture's name, e.g. {@code "w(1)"}, used in messages and printing
 */
public record Matrix(String symbol, double[][] rows) {

    public Matrix {
        rows = deepCopy(rows);
    }

    /** The number of inputs d^(l-1); rows run from i = 0 to this. */
    public int inputs() {
        return rows.length - 1;
    }

    /** The number of neurons d^(l); columns run from j = 1 to this. */
    public int outputs() {
        return rows[0].length;
    }

    /** The entry at row i (0..d^(l-1)) and column j (1..d^(l)). */
    public double get(int i, int j) {
        Indices.check(symbol + " row i", i, 0, inputs());
        Indices.check(symbol + " column j", j, 1, outputs());
        return rows[i][j - 1];
    }

    /** A copy as {@code double[i][j-1]}: row 0 is the threshold row, column 0 is neuron j = 1. */
    public double[][] toArray() {
        return deepCopy(rows);
    }

    @Override
    public double[][] rows() {
        return deepCopy(rows);
    }

    static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.symbol.equals(symbol) && Arrays.deepEquals(m.rows, rows);
    }

    @Override
    public int hashCode() {
        return symbol.hashCode() * 31 + Arrays.deepHashCode(rows);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(symbol).append(" (rows i = 0..").append(inputs())
                .append(", columns j = 1..").append(outputs()).append(")");
        for (double[] row : rows) {
            b.append("\n ");
            for (double v : row) {
                b.append(' ').append(Format.number(v));
            }
        }
        return b.toString();
    }
}
