package backprop.kernel.session;

/** Where a running cell's output goes, and its input comes from; called from the session's threads while the cell runs. */
public interface OutputSink {
    void stdout(String text);

    void stderr(String text);

    /** A display(...) call: new output, or an update of the output with {@code data.displayId()}. */
    void display(DisplayData data, boolean update);

    /**
     * A line of input for the cell's System.in (without its line end), or null when there is none to be had:
     * this front end takes no input. By default there is none. Throws InterruptedException when the waiting
     * thread is interrupted (the cell was interrupted).
     */
    default String readLine(String prompt, boolean password) throws InterruptedException {
        return null;
    }

    /** Discards everything (for warm-up runs and user expressions, whose output nobody reads). */
    OutputSink NONE = new OutputSink() {
        public void stdout(String text) {}

        public void stderr(String text) {}

        public void display(DisplayData data, boolean update) {}
    };
}
