package backprop.kernel.jshell;

import backprop.kernel.session.OutputSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The snippets' System.in, on the kernel's side: JShell asks it for one byte at a time while a snippet reads;
 * when the current line is used up it asks the running cell's sink for the next one (a Jupyter front end:
 * input_request). What a cell left unread of a line stays for the next read, as in a terminal.
 *
 * <p>Without input to be had (allow_stdin false) the snippet's read throws an IOException that says so (the
 * cell's stderr says it too, as a Scanner turns the exception into "No line found"). An interrupt ends a wait
 * with an empty line, so the snippet is back in its own code, where the kernel's stop ends it.
 *
 * <p>On JDK 17 the snippet JVM may ask for more than it reads (a race in JDK 17's jdk.jshell input pipe, fixed
 * in later JDKs). So once a cell's read was refused or interrupted, every further request of that cell is
 * answered at once in the same way, never by waiting: a wait that nobody answers would hold up all of the
 * snippet JVM's output, the cell's end included.
 */
final class CellInput extends InputStream {
    static final String NO_INPUT = "System.in: this front end sends no input (allow_stdin is false), so there is nothing to read";

    private enum State { READING, REFUSED, INTERRUPTED }

    private final Supplier<OutputSink> source;
    private byte[] line = new byte[0];
    private int pos;
    private Thread waiting;
    private State state = State.READING;

    /** {@code source}: the running cell's sink, asked for lines. */
    CellInput(Supplier<OutputSink> source) {
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        synchronized (this) {
            if (pos < line.length) return line[pos++] & 0xff;
            if (state == State.INTERRUPTED) return '\n';
            if (state == State.REFUSED) throw new IOException(NO_INPUT);
            waiting = Thread.currentThread();
        }
        String s;
        OutputSink sink = source.get();
        try {
            s = sink.readLine("", false);
        } catch (InterruptedException e) {
            synchronized (this) {
                state = State.INTERRUPTED;
            }
            return '\n';
        } finally {
            synchronized (this) {
                waiting = null;
                Thread.interrupted(); // an interrupt that came after the line did is not for the next read
            }
        }
        if (s == null) {
            synchronized (this) {
                state = State.REFUSED;
            }
            sink.stderr(NO_INPUT + "\n");
            throw new IOException(NO_INPUT);
        }
        synchronized (this) {
            line = (s + "\n").getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return line[pos++] & 0xff;
        }
    }

    /** Ends a wait for input (the cell was interrupted): the snippet reads an empty line. */
    synchronized void interrupt() {
        if (waiting != null) waiting.interrupt();
        else if (state == State.READING) state = State.INTERRUPTED;
    }

    /** A new cell may ask again. */
    synchronized void newCell() {
        state = State.READING;
    }
}
