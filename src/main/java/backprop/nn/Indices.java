package backprop.nn;

/** Checks of the lecture's index ranges, with messages in the lecture's terms. */
final class Indices {
    private Indices() {
    }

    static void check(String what, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IndexOutOfBoundsException(what + " = " + value + " is outside " + lo + ".." + hi);
        }
    }

    static double finite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " is " + v + ", expected a finite number");
        }
        return v;
    }
}
