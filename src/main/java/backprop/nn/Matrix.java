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

    /** One short line, e.g. {@code w(1): 3 x 2, i = 0..2, j = 1..2 (table() shows it)}. */
    @Override
    public String toString() {
        return symbol + ": " + rows.length + " x " + outputs() + ", i = 0.." + inputs() + ", j = 1.." + outputs()
                + " (table() shows it)";
    }

    /**
     * The matrix as a table (see {@link #table(String)}) with row 0 labelled {@code i = 0 (threshold)}:
     * <pre>
     * w(1)               j = 1  j = 2
     * i = 0 (threshold)    0.1    0.2
     * i = 1                0.3    0.4
     * i = 2               -0.2    0.5
     * </pre>
     *
     * @return the table's text, one line per row
     */
    public String table() {
        return table("i = 0 (threshold)");
    }

    /**
     * The matrix as a {@link Table}: a header with the symbol and the columns j = 1..d^(l), then one row
     * per input i = 0..d^(l-1), numbers by {@link Format#number} aligned on their decimal point.
     *
     * @param thresholdLabel the label of row 0, the threshold weights, e.g. {@code "i = 0 (x_0 = -1)"}
     * @return the table's text, one line per row
     */
    public String table(String thresholdLabel) {
        Table.Align[] columns = new Table.Align[outputs() + 1];
        Arrays.fill(columns, Table.Align.POINT);
        columns[0] = Table.Align.LEFT;
        Table t = Table.of(columns);
        Object[] cells = new Object[outputs() + 1];
        cells[0] = symbol;
        for (int j = 1; j <= outputs(); j++) {
            cells[j] = "j = " + j;
        }
        t.row(cells);
        for (int i = 0; i < rows.length; i++) {
            cells = new Object[outputs() + 1];
            cells[0] = i == 0 ? thresholdLabel : "i = " + i;
            for (int j = 1; j <= outputs(); j++) {
                cells[j] = rows[i][j - 1];
            }
            t.row(cells);
        }
        return t.render();
    }
}
