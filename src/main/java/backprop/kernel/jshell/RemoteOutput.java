package backprop.kernel.jshell;

import backprop.kernel.runtime.Display;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bytes the snippet JVM printed, as JShell's demultiplexer hands them over. Decodes UTF-8 across write
 * boundaries and, on stdout, takes out the display frames written by {@link Display#emit}.
 */
final class RemoteOutput extends OutputStream {

    interface Target {
        void text(boolean stderr, String text);

        void frame(String op, String displayId, Map<String, String> bundle);
    }

    private static final byte[] FRAME = Display.FRAME.getBytes(StandardCharsets.UTF_8);
    /** A NUL-started line longer than this is text, not a display frame (images are a few MB at most). */
    static final int MAX_FRAME_BYTES = 64 << 20;
    private final boolean stderr;
    private final Target target;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private ByteArrayOutputStream frame; // non-null while inside a line that starts like a display frame
    private int matched;                 // how many bytes of FRAME that line has matched so far

    RemoteOutput(boolean stderr, Target target) {
        this.stderr = stderr;
        this.target = target;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    /**
     * Passes text on at once, and takes out display frames: a NUL starts a candidate frame, which is text again
     * as soon as a byte differs from the frame prefix, or it grows beyond {@value #MAX_FRAME_BYTES} bytes without
     * a line end; so no printed bytes (a lone NUL, say) are held back for long.
     */
    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int end = off + len;
        int start = off; // the first byte not yet copied into text or frame
        for (int i = off; i < end && !stderr; i++) {
            byte c = b[i];
            if (frame == null) {
                if (c != 0) continue;
                text.write(b, start, i - start);
                start = i;
                frame = new ByteArrayOutputStream();
                matched = 0;
            }
            if (matched < FRAME.length) {
                if (c == FRAME[matched]) {
                    matched++;
                    continue;
                }
            } else if (c == '\n') {
                frame.write(b, start, i - start);
                start = i + 1;
                endFrame();
                continue;
            } else if (frame.size() + (i - start) < MAX_FRAME_BYTES) {
                continue;
            }
            // not a frame after all: its bytes are text, and this byte is looked at again
            frame.write(b, start, i - start);
            text.writeBytes(frame.toByteArray());
            frame = null;
            start = i;
            i--;
        }
        if (frame != null) frame.write(b, start, end - start);
        else text.write(b, start, end - start);
        drainText();
    }

    /**
     * Hands over everything held back (an unfinished frame as text, a split UTF-8 sequence as U+FFFD); called when
     * a cell ends, so nothing of it turns up in the next cell.
     */
    synchronized void endOfCell() {
        if (frame != null) {
            text.writeBytes(frame.toByteArray());
            frame = null;
        }
        if (text.size() > 0) {
            String rest = text.toString(StandardCharsets.UTF_8);
            text.reset();
            target.text(stderr, rest);
        }
    }

    private void endFrame() {
        byte[] f = frame.toByteArray();
        frame = null;
        if (!startsWith(f, FRAME)) {
            text.write(f, 0, f.length);
            text.write('\n');
            return;
        }
        drainText();
        String[] parts = new String(f, FRAME.length, f.length - FRAME.length, StandardCharsets.UTF_8).split("\\|");
        if (parts.length < 2) return;
        Map<String, String> bundle = new LinkedHashMap<>();
        for (int i = 2; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                bundle.put(parts[i].substring(0, eq),
                        new String(Base64.getDecoder().decode(parts[i].substring(eq + 1)), StandardCharsets.UTF_8));
            }
        }
        target.frame(parts[0], "-".equals(parts[1]) ? null : parts[1], bundle);
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (a[i] != prefix[i]) return false;
        return true;
    }

    /** Hands over all complete UTF-8 characters, keeping a split trailing sequence for the next write. */
    private void drainText() {
        if (text.size() == 0) return;
        byte[] bytes = text.toByteArray();
        int cut = completeUtf8Prefix(bytes);
        text.reset();
        if (cut < bytes.length) text.write(bytes, cut, bytes.length - cut);
        if (cut > 0) target.text(stderr, new String(bytes, 0, cut, StandardCharsets.UTF_8));
    }

    static int completeUtf8Prefix(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= 3 && n - back >= 0; back++) {
            int c = b[n - back] & 0xff;
            if (c < 0x80) return n;            // ASCII: all complete
            if (c >= 0xC0) {                   // lead byte: is its sequence complete?
                int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                return back >= need ? n : n - back;
            }
        }
        return n;
    }

    @Override
    public synchronized void flush() {
        drainText();
    }
}
