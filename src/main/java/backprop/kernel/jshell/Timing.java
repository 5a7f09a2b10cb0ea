package backprop.kernel.jshell;

/** Startup phases on stderr when BACKPROP_KERNEL_TIMING is set (for tuning; off by default). */
final class Timing {
    private static final boolean ON = System.getenv("BACKPROP_KERNEL_TIMING") != null;
    private static final long T0 = System.nanoTime();

    private Timing() {}

    static void mark(String what) {
        if (ON) System.err.printf("[backprop kernel] %6.0f ms  %s%n", (System.nanoTime() - T0) / 1e6, what);
    }
}
