package backprop.show;

import java.util.Locale;

/** The number formats of this package: locale-free, fixed, identical on every run. */
final class Num {
    private Num() {
    }

    /**
     * For tables and vectors: six decimals ({@code -0.263151}) for 0 and 10^-4 <= |v| < 10^7, else six
     * decimals of scientific notation ({@code 1.234568e-08}); -0 prints as 0, NaN as "-".
     */
    static String fixed(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0.000000";
        }
        return String.format(Locale.ROOT, a >= 1e-4 && a < 1e7 ? "%.6f" : "%.6e", v);
    }

    /** For equations: six significant digits without trailing zeros, 0.1, -1, -0.148885, 1.5e-05. */
    static String compact(double v) {
        return significant(v, 6);
    }

    /** {@code digits} significant digits without trailing zeros; -0 prints as 0. */
    static String significant(double v, int digits) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%." + digits + "g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        return mantissa + exponent;
    }

    /** A number as a factor in a product: in parentheses, (0.5), (-1). */
    static String factor(double v) {
        return "(" + compact(v) + ")";
    }

    /** The index pair "ij" of w_ij, or "i,j" when either has more than one digit. */
    static String ij(int i, int j) {
        return i < 10 && j < 10 ? "" + i + j : i + "," + j;
    }
}
