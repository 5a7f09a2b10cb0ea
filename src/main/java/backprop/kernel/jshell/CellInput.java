package backprop.kernel.jshell;

import backprop.kernel.session.OutputSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The snippets' System.in, on the kernel's side: JShell asks it for one byte at a time while a snippet reads;
 * when the current line is used up it asks the running cell's sink for the next one (a Jupyter front end:
 * input_request). Without input to be had, the snippet's read throws an IOException that says so (and the
 * cell's stderr says it too, as a Scanner turns the exception into "No line found"). An interrupt while
 * waiting ends the wait. What a cell left unread of a line stays for the next read, as in a terminal.
 */
final class CellInput extends InputStream {
    static final String NO_INPUT = "System.in: this front end sends no input (allow_stdin is false), so there is nothing to read";

    private final Supplier<OutputSink> source;
    private byte[] line = new byte[0];
    private int pos;
    private Thread waiting;

    /** {@code source}: the running cell's sink, asked for lines. */
    CellInput(Supplier<OutputSink> source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        synchronized (this) {
            if (pos < line.length) return line[pos++] & 0xff;
            waiting = Thread.currentThread();
        }
        String s;
        OutputSink sink = source.get();
        try {
            s = sink.readLine("", false);
        } catch (InterruptedException e) {
            // not an InterruptedIOException: JShell would answer that with a second stop of its own, which could
            // hit the next cell; the snippet's read ends with this exception, the kernel's stop does the rest
            throw new IOException("the cell was interrupted while it waited for input");
        } finally {
            synchronized (this) {
                waiting = null;
                Thread.interrupted(); // an interrupt that came after the line did is not for the next read
            }
        }
        if (s == null) {
            sink.stderr(NO_INPUT + "\n");
            throw new IOException(NO_INPUT);
        }
        synchronized (this) {
            line = (s + "\n").getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return line[pos++] & 0xff;
        }
    }

    /** Ends a wait for input (the cell was interrupted): the snippet's read throws an IOException. */
    synchronized void interrupt() {
        if (waiting != null) waiting.interrupt();
    }
}
