package backprop.nn;

import java.util.Locale;

/** The one number format of {@code toString()} in this package: fixed, locale-free, identical on every run. */
final class Format {
    private Format() {
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
