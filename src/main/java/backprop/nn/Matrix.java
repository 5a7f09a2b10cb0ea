package backprop.nn;

import java.util.Arrays;

/**
 * An immutable weight-shaped matrix with the lecture's indices: rows i = 0..d^(l-1) (row 0 holds the
 * threshold weights w_0j), columns j = 1..d^(l). Used for w^(l) and for ∂E_n/∂w^(l).
 *
 * @param symbol the lecture's name, e.g. {@code "w(1)"}, used in messages and printing
 * @param rows   the entries as {@code rows[i][j-1]}; copied in and out
 */
public record Matrix(String symbol, double[][] rows) {

    /** A matrix with a copy of {@code rows}. */
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

    /** A copy of the entries, {@code rows()[i][j-1]}, as {@link #toArray()}. */
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

    /** The matrix as a table: a header of columns j, then one row per i (row 0: the threshold weights). */
    @Override
    public String toString() {
        String[][] cells = new String[rows.length + 1][outputs() + 1];
        cells[0][0] = symbol;
        for (int j = 1; j <= outputs(); j++) {
            cells[0][j] = "j=" + j;
        }
        for (int i = 0; i < rows.length; i++) {
            cells[i + 1][0] = "i=" + i;
            for (int j = 1; j <= outputs(); j++) {
                cells[i + 1][j] = Format.number(rows[i][j - 1]);
            }
        }
        int[] width = new int[outputs() + 1];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < cells.length; r++) {
            b.append(r == 0 ? "" : "\n").append(String.format(java.util.Locale.ROOT, "%-" + width[0] + "s", cells[r][0]));
            for (int c = 1; c < cells[r].length; c++) {
                b.append("  ").append(String.format(java.util.Locale.ROOT, "%" + width[c] + "s", cells[r][c]));
            }
        }
        return b.toString();
    }
}
