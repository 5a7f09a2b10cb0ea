package backprop.kernel.session;

import java.lang.management.ManagementFactory;

/**
 * Startup phases on stderr when BACKPROP_KERNEL_TIMING is set, in milliseconds since the JVM started (for
 * tuning; off by default).
 */
public final class Timing {
    private static final boolean ON = System.getenv("BACKPROP_KERNEL_TIMING") != null;
    private static final long T0 = ON ? System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000 : 0;

    private Timing() {}

    public static boolean on() {
        return ON;
    }

    public static void mark(String what) {
        if (ON) System.err.printf("[backprop kernel] %6.0f ms  %s%n", (System.nanoTime() - T0) / 1e6, what);
    }
}
