package backprop.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one table renderer of this library: rows of cells in aligned columns, used by {@link Matrix#table()},
 * {@link Vec#table()}, {@link ForwardPass#table()}, {@link BackwardPass#table()} and
 * {@code backprop.show.Tensors}. A {@code double} cell is printed with {@link Format#number}; the numbers
 * of a {@link Align#POINT} column line up on their decimal point:
 * <pre>{@code
 * String t = Table.of(Table.Align.LEFT, Table.Align.POINT)
 *         .row("t", "E_in").row(0, 0.5).row(500, 0.0123).row(1000, 6.8e-05).render();
 * }</pre>
 * gives
 * <pre>
 * t        E_in
 * 0     0.5
 * 500   0.0123
 * 1000  6.8e-05
 * </pre>
 * Columns are separated by a gap (two spaces by default); trailing spaces are removed. Rows may be
 * shorter than the number of columns. A table is built row by row and is not thread-safe.
 */
public final class Table {
    /** How the cells of a column line up. */
    public enum Align {
        /** Flush left. */
        LEFT,
        /** Flush right. */
        RIGHT,
        /**
         * Numbers on their decimal point (the point of the mantissa in scientific notation; NaN, the
         * infinities and "-" as if they were integers); other cells, such as the header, flush right.
         */
        POINT
    }

    /**
     * A number as {@link Format} writes it (an optional sign, digits, a fraction, an exponent; NaN, the
     * infinities), or "-" for a missing value: these line up on the (possibly implied) decimal point.
     */
    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d+)?(e[-+]\\d+)?|Infinity)|NaN|-");

    private final Align[] columns;
    private final List<String[]> rows = new ArrayList<>();
    private String gap = "  ";

    private Table(Align[] columns) {
        this.columns = columns;
    }

    /** An empty table with these columns, left to right. */
    public static Table of(Align... columns) {
        if (columns.length == 0 || Arrays.asList(columns).contains(null)) {
            throw new IllegalArgumentException("table columns " + Arrays.toString(columns)
                    + ", expected at least one column and no null");
        }
        return new Table(columns.clone());
    }

    /** Separates the columns with {@code gap} instead of two spaces; returns this table. */
    public Table gap(String gap) {
        if (gap == null) {
            throw new IllegalArgumentException("gap is null, expected a separator such as \" \"");
        }
        this.gap = gap;
        return this;
    }

    /**
     * Adds a row; returns this table. A {@code Double} or {@code Float} cell is printed with
     * {@link Format#number}, {@code null} as an empty cell, anything else with {@code String.valueOf}.
     */
    public Table row(Object... cells) {
        if (cells.length > columns.length) {
            throw new IllegalArgumentException("row of " + cells.length + " cells, expected at most "
                    + columns.length + " (the number of columns)");
        }
        String[] row = new String[cells.length];
        for (int c = 0; c < cells.length; c++) {
            Object cell = cells[c];
            row[c] = cell == null ? ""
                    : cell instanceof Double || cell instanceof Float ? Format.number(((Number) cell).doubleValue())
                    : String.valueOf(cell);
        }
        rows.add(row);
        return this;
    }

    /** The number of rows added so far. */
    public int rows() {
        return rows.size();
    }

    /** The table as text: one line per row, columns aligned, no trailing spaces. */
    public String render() {
        int n = columns.length;
        int[] whole = new int[n];   // POINT: widest part before the point
        int[] fraction = new int[n]; // POINT: widest part from the point on
        int[] width = new int[n];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (columns[c] == Align.POINT && NUMBER.matcher(row[c]).matches()) {
                    int p = point(row[c]);
                    whole[c] = Math.max(whole[c], p);
                    fraction[c] = Math.max(fraction[c], row[c].length() - p);
                } else {
                    width[c] = Math.max(width[c], row[c].length());
                }
            }
        }
        for (int c = 0; c < n; c++) {
            width[c] = Math.max(width[c], whole[c] + fraction[c]);
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String cell = row[c];
                if (columns[c] == Align.POINT && NUMBER.matcher(cell).matches()) {
                    int p = point(cell);
                    cell = " ".repeat(whole[c] - p) + cell + " ".repeat(fraction[c] - (cell.length() - p));
                }
                String pad = " ".repeat(width[c] - cell.length());
                line.append(c == 0 ? "" : gap).append(columns[c] == Align.LEFT ? cell + pad : pad + cell);
            }
            b.append(r == 0 ? "" : "\n").append(line.toString().stripTrailing());
        }
        return b.toString();
    }

    /** One short line: the shape of the table (its text is {@link #render()}). */
    @Override
    public String toString() {
        return "Table (" + columns.length + " columns, " + rows.size() + " rows)";
    }

    /** Where the decimal point of a number is, or where it would be (before the exponent, or at the end). */
    private static int point(String number) {
        int p = number.indexOf('.');
        if (p < 0) {
            p = number.indexOf('e');
        }
        return p < 0 ? number.length() : p;
    }
}
