package backprop.kernel.runtime;

/**
 * The stop check of the snippet JVM. {@link BackEdges} puts a call of {@link #poll()} before the backward jumps
 * of the outermost loops of every method of a snippet class, so an interrupt ends even
 * {@code while (true) { n++; }} at a loop boundary of the cell's own code, on every JDK (Thread.stop is gone on
 * JDK 20+). Costs one volatile read per pass of an outermost loop.
 */
public final class StopCheck {
    /** The thread asked to stop (the cell's thread), or null. */
    private static volatile Thread target;

    private StopCheck() {}

    /**
     * Throws when an interrupt asked the current thread to stop; called by instrumented snippet code. The request
     * stays until the cell has ended, so code that catches the error and loops on is stopped again.
     */
    public static void poll() {
        Thread t = target;
        if (t != null && t == Thread.currentThread()) throw new Stopped();
    }

    static void request(Thread t) {
        target = t;
    }

    static void clear() {
        target = null;
    }

    /** Ends a cell's code at a loop boundary; an Error, so that {@code catch (Exception e)} does not swallow it. */
    static final class Stopped extends Error {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the cell was interrupted", null, false, false);
        }
    }
}
