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

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(symbol).append(" = [");
        for (int k = 0; k < values.length; k++) {
            b.append(k == 0 ? "" : ", ").append(Format.number(values[k]));
        }
        return b.append(']').toString();
    }
}
