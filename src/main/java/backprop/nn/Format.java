package backprop.nn;

import java.util.Locale;

/**
 * The one way this library prints a number: in every {@code toString()}, in the tables of
 * {@code backprop.show.Tensors} and in the equations of {@code backprop.show.Explain}, so that one value
 * always reads the same.
 *
 * <p>The rule of {@link #number}: the value rounded to six significant digits, trailing zeros dropped;
 * plain decimals when the rounded magnitude is 0 or in [10^-4, 10^6), scientific notation otherwise:
 * <pre>
 * 0.1   -0.0751257   0.000185432   123457   6.79589e-05   1.5e-08   1.23457e+06   0   NaN   -Infinity
 * </pre>
 * -0 prints as 0. The text is locale-free and the same on every run and machine.
 */
public final class Format {
    /** The significant digits of {@link #number}. */
    public static final int DIGITS = 6;

    private Format() {
    }

    /** The value by the rule above: six significant digits, scientific outside [10^-4, 10^6). */
    public static String number(double v) {
        return significant(v, DIGITS);
    }

    /**
     * The value with {@code digits} (1..17) significant digits, trailing zeros dropped, scientific
     * notation when the rounded magnitude is below 10^-4 or at least 10^digits; -0 prints as 0. For axis
     * labels and other places that need fewer digits than {@link #number}.
     */
    public static String significant(double v, int digits) {
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("digits = " + digits + ", expected 1..17 significant digits");
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0";
        }
        // %g: "digits" significant digits, decimal when 10^-4 <= rounded |v| < 10^digits
        String s = String.format(Locale.ROOT, "%." + digits + "g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.indexOf('.') >= 0) {
            int end = mantissa.length();
            while (mantissa.charAt(end - 1) == '0') {
                end--;
            }
            if (mantissa.charAt(end - 1) == '.') {
                end--;
            }
            mantissa = mantissa.substring(0, end);
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
