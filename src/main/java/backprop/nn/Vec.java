package backprop.nn;

import java.util.Arrays;

/**
 * An immutable vector that keeps the lecture's indices: {@code x(l)} runs from i = 0 (the threshold
 * input x_0) to d^(l); {@code s(l)} and {@code delta(l)} run from j = 1 to d^(l).
 *
 * @param symbol the lecture's name of the vector, e.g. {@code "x(1)"}, used in messages and printing
 * @param first  the lecture index of the first component (0 or 1)
 * @param values the components, element 0 holding index {@code first}; copied in and out
 */
public record Vec(String symbol, int first, double[] values) {

    /** A vector with a copy of {@code values}. */
    public Vec {
        values = values.clone();
    }

    /** The last lecture index. */
    public int last() {
        return first + values.length - 1;
    }

    /** The number of components. */
    public int size() {
        return values.length;
    }

    /** The component with lecture index k, {@code first() <= k <= last()}. */
    public double get(int k) {
        if (k < first || k > last()) {
            throw new IndexOutOfBoundsException(symbol + " has indices " + first + ".." + last() + ", got " + k);
        }
        return values[k - first];
    }

    /** A copy of the components; element 0 holds index {@code first()}. */
    public double[] toArray() {
        return values.clone();
    }

    /** A copy of the components, as {@link #toArray()}. */
    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vec v && v.symbol.equals(symbol) && v.first == first && Arrays.equals(v.values, values);
    }

    @Override
    public int hashCode() {
        return symbol.hashCode() * 31 + Arrays.hashCode(values) + first;
    }

    /**
     * One short line: the symbol and the components, e.g. {@code s(1) = [-0.263151, 0.0489783, 0.437527]};
     * when they do not fit into {@value #SHORT} characters, as many as fit and their number, e.g.
     * {@code x(1) = [-1, 0.09557, -0.309791, -0.572144, …] (65 values; table() lists all)}.
     */
    @Override
    public String toString() {
        String[] numbers = new String[values.length];
        for (int k = 0; k < values.length; k++) {
            numbers[k] = Format.number(values[k]);
        }
        String all = symbol + " = [" + String.join(", ", numbers) + "]";
        if (all.length() <= SHORT) {
            return all;
        }
        String more = "…] (" + values.length + " values; table() lists all)";
        StringBuilder b = new StringBuilder(symbol).append(" = [");
        for (int k = 0; k < numbers.length && b.length() + numbers[k].length() + 2 + more.length() <= SHORT; k++) {
            b.append(numbers[k]).append(", ");
        }
        return b.append(more).toString();
    }

    /** The longest line {@link #toString()} writes (jshell cuts longer values in the middle). */
    private static final int SHORT = 80;

    /**
     * Every component on a line of its own, labelled with the lecture's indices, e.g.
     * <pre>
     * x_0(1) = -1         (threshold input)
     * x_1(1) = -0.25724
     * x_2(1) =  0.0489392
     * </pre>
     * ({@code delta} is written δ; x_0 is marked as the threshold input).
     */
    public String table() {
        Table lines = lines();
        addTo(lines);
        return lines.render();
    }

    /** A table of labelled values, one per line: label, "=", the number, a note. */
    static Table lines() {
        return Table.of(Table.Align.LEFT, Table.Align.LEFT, Table.Align.POINT, Table.Align.LEFT).gap(" ");
    }

    /** Adds one line per component to a table of {@link #lines()}. */
    void addTo(Table lines) {
        int paren = symbol.indexOf('(');
        String name = paren < 0 ? symbol : symbol.substring(0, paren);
        String layer = paren < 0 ? "" : symbol.substring(paren);
        if (name.equals("delta")) {
            name = "δ";
        }
        for (int k = first; k <= last(); k++) {
            boolean threshold = name.equals("x") && k == 0;
            lines.row(name + "_" + k + layer, "=", get(k), threshold ? "(threshold input)" : null);
        }
    }
}
