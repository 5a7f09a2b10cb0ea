package backprop.show;

import backprop.nn.Format;

/**
 * The pieces of equations and descriptions in this package; every number is written by {@link Format}, the
 * library's one rule.
 */
final class Num {
    private Num() {
    }

    /** A number as a factor in a product: in parentheses, (0.5), (-1). */
    static String factor(double v) {
        return "(" + Format.number(v) + ")";
    }

    /** {@code text}, or its first {@code max - 1} characters and "…" if it is longer (for one-line toStrings). */
    static String upTo(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The index pair "ij" of w_ij, or "i,j" when either has more than one digit. */
    static String ij(int i, int j) {
        return i < 10 && j < 10 ? "" + i + j : i + "," + j;
    }
}
