package backprop.show;

import backprop.nn.Format;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Checks a number a student worked out by hand against the value the library computed, for the
 * exercises in the notebooks. The answer counts as right when it agrees with the value to the digits
 * asked for (three significant digits by default), and the message never gives the value away:
 *
 * <pre>{@code
 * double yours = Double.NaN;                    // your s_3(1), to three significant digits
 * Answer.check("s_3(1)", yours, pass.s(1, 3))
 * // "s_3(1): no answer yet: put your number in place of Double.NaN and run the cell again"
 * // "s_3(1) = 0.438: right (agrees to 3 significant digits)"
 * // "s_3(1) = 0.5: not yet (it differs from the library's value in the first 3 significant digits)"
 * }</pre>
 */
public final class Answer {
    /** The significant digits an answer must agree to, unless a check says otherwise. */
    public static final int DIGITS = 3;

    private Answer() {
    }

    /** Whether {@code yours} agrees with {@code expected} to {@value #DIGITS} significant digits. */
    public static String check(String what, double yours, double expected) {
        return check(what, yours, expected, DIGITS);
    }

    /**
     * The verdict on {@code yours} as the value of {@code what}: right when it differs from
     * {@code expected} by at most half a unit in the {@code digits}-th significant digit of
     * {@code expected} (so 0.438 and 0.4375 are both right for 0.437527 at three digits).
     *
     * @throws IllegalArgumentException if {@code digits} is not 1..15 or {@code expected} is not finite
     */
    public static String check(String what, double yours, double expected, int digits) {
        if (digits < 1 || digits > 15) {
            throw new IllegalArgumentException("digits = " + digits + ", expected 1..15 significant digits");
        }
        if (!Double.isFinite(expected)) {
            throw new IllegalArgumentException("expected value of " + what + " is " + expected
                    + ", expected a finite number to check against");
        }
        if (Double.isNaN(yours)) {
            return what + ": no answer yet: put your number in place of Double.NaN and run the cell again";
        }
        String shown = what + " = " + Format.significant(yours, Math.max(digits, 6));
        if (right(yours, expected, digits)) {
            return shown + ": right (agrees to " + digits + " significant digit" + (digits == 1 ? "" : "s") + ")";
        }
        String hint = Math.signum(yours) != Math.signum(expected) && expected != 0 ? "; look at the sign" : "";
        return shown + ": not yet (it differs from the library's value in the first " + digits
                + " significant digit" + (digits == 1 ? "" : "s") + hint + ")";
    }

    /** |yours - expected| ≤ half a unit in the last of {@code digits} significant digits of expected. */
    static boolean right(double yours, double expected, int digits) {
        if (!Double.isFinite(yours)) {
            return false;
        }
        if (expected == 0) {
            return Math.abs(yours) < 0.5 * Math.pow(10, -digits);
        }
        BigDecimal e = new BigDecimal(expected);
        int exponent = e.precision() - e.scale() - 1; // of the first significant digit
        double halfUnit = 0.5 * Math.pow(10, exponent - digits + 1);
        BigDecimal rounded = e.round(new MathContext(digits));
        return Math.abs(yours - expected) <= halfUnit * (1 + 1e-12)
                || Math.abs(yours - rounded.doubleValue()) <= halfUnit * 1e-9;
    }
}
