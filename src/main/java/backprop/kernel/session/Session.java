package backprop.kernel.session;

/**
 * The language behind the kernel, seen through a narrow interface: the wire protocol never sees JShell,
 * and a headless notebook runner can use a session in-process without Jupyter.
 */
public interface Session extends AutoCloseable {

    /** Runs one cell; streams and display data go to {@code out} while it runs. Never throws for user errors. */
    ExecutionResult execute(String code, OutputSink out);

    /** Completion candidates at {@code cursor} (a char offset into {@code code}). */
    Completions complete(String code, int cursor);

    /** Documentation for the name at {@code cursor}, or null when there is none. */
    String inspect(String code, int cursor);

    /** Whether the cell could run as it is: "complete", "incomplete" (with indent), "invalid" or "unknown". */
    IsComplete isComplete(String code);

    /** Stops the running cell, even in a busy loop; callable from any thread. */
    void interrupt();

    @Override
    void close();

    record Completions(java.util.List<String> matches, int cursorStart, int cursorEnd) {}

    record IsComplete(String status, String indent) {}
}
