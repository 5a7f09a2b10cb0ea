package backprop.kernel.session;

/** Where a running cell's output goes; called from the session's threads while the cell runs. */
public interface OutputSink {
    void stdout(String text);

    void stderr(String text);

    /** A display(...) call: new output, or an update of the output with {@code data.displayId()}. */
    void display(DisplayData data, boolean update);

    /** Discards everything (for warm-up and startup scripts whose output nobody reads). */
    OutputSink NONE = new OutputSink() {
        public void stdout(String text) {}

        public void stderr(String text) {}

        public void display(DisplayData data, boolean update) {}
    };
}
