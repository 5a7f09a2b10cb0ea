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
    private final boolean stderr;
    private final Target target;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private ByteArrayOutputStream frame; // non-null while inside a NUL-started line

    RemoteOutput(boolean stderr, Target target) {
        this.stderr = stderr;
        this.target = target;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (stderr) break;
            if (frame == null) {
                if (b[i] == 0) {
                    text.write(b, start, i - start);
                    frame = new ByteArrayOutputStream();
                    frame.write(0);
                    start = i + 1;
                }
            } else if (b[i] == '\n') {
                frame.write(b, start, i - start);
                start = i + 1;
                endFrame();
            }
        }
        if (frame != null) frame.write(b, start, end - start);
        else text.write(b, start, end - start);
        if (frame == null) drainText();
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
        if (frame == null) drainText();
    }
}
