package backprop.kernel.jshell;

import backprop.kernel.session.DisplayData;
import backprop.kernel.session.OutputSink;

/** Passes a cell's text output on up to a limit, drops the rest, and says so when the cell ends. */
final class CappedSink implements OutputSink {
    private final OutputSink out;
    private final long cap;
    private long written;
    private long dropped;

    CappedSink(OutputSink out, long cap) {
        this.out = out;
        this.cap = cap;
    }

    private synchronized String take(String text) {
        long room = cap - written;
        if (room >= text.length()) {
            written += text.length();
            return text;
        }
        String part = room > 0 ? text.substring(0, (int) room) : "";
        written += part.length();
        dropped += text.length() - part.length();
        return part.isEmpty() ? null : part;
    }

    public void stdout(String text) {
        String t = take(text);
        if (t != null) out.stdout(t);
    }

    public void stderr(String text) {
        String t = take(text);
        if (t != null) out.stderr(t);
    }

    public void display(DisplayData data, boolean update) {
        out.display(data, update);
    }

    /** Reports the truncation, if any. Output arriving later (from threads the cell left running) still counts. */
    synchronized void finish() {
        if (dropped > 0) {
            out.stderr(String.format("%n[output truncated: this cell printed %,d characters; the first %,d were shown, "
                    + "the remaining %,d were discarded]%n", written + dropped, cap, dropped));
            dropped = 0;
            written = cap;
        }
    }
}
