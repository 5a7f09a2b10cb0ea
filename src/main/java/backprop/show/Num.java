package backprop.show;

import backprop.nn.Format;

/** The pieces of equations in this package; every number is written by {@link Format}, the library's one rule. */
final class Num {
    private Num() {
    }

    /** A number as a factor in a product: in parentheses, (0.5), (-1). */
    static String factor(double v) {
        return "(" + Format.number(v) + ")";
    }

    /** The index pair "ij" of w_ij, or "i,j" when either has more than one digit. */
    static String ij(int i, int j) {
        return i < 10 && j < 10 ? "" + i + j : i + "," + j;
    }
}
