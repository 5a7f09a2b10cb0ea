package backprop.kernel.jshell;

import backprop.kernel.runtime.Display;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The snippet JVM's stdout as the kernel takes it apart: text, display frames, split writes. */
class RemoteOutputTest {
    final List<String> events = new ArrayList<>();
    final RemoteOutput out = new RemoteOutput(false, new RemoteOutput.Target() {
        public void text(boolean stderr, String text) {
            events.add("text:" + text);
        }

        public void frame(String op, String displayId, Map<String, String> bundle) {
            events.add("frame:" + op + "," + displayId + "," + bundle);
        }
    });

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String frame(String op, String id, String mime, String value) {
        return Display.FRAME + op + "|" + id + "|" + mime + "=" + Base64.getEncoder().encodeToString(bytes(value)) + "\n";
    }

    /** Writes {@code s} in pieces of {@code n} bytes. */
    void writeInPieces(String s, int n) {
        byte[] b = bytes(s);
        for (int i = 0; i < b.length; i += n) out.write(b, i, Math.min(n, b.length - i));
    }

    /** The events with consecutive texts joined. */
    List<String> merged() {
        List<String> m = new ArrayList<>();
        for (String e : events) {
            int last = m.size() - 1;
            if (e.startsWith("text:") && last >= 0 && m.get(last).startsWith("text:")) m.set(last, m.get(last) + e.substring(5));
            else m.add(e);
        }
        return m;
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (String e : events) if (e.startsWith("text:")) sb.append(e.substring(5));
        return sb.toString();
    }

    @Test
    void framesBetweenTextStayInOrderWhateverTheWriteBoundaries() {
        String all = "before\n" + frame("display", "d1", "text/html", "<b>é</b>") + "after ü\n";
        for (int piece : new int[]{1, 2, 3, 7, 1000}) {
            events.clear();
            writeInPieces(all, piece);
            out.endOfCell();
            assertEquals(List.of("text:before\n", "frame:display,d1,{text/html=<b>é</b>}", "text:after ü\n"), merged(),
                    "piece " + piece);
        }
    }

    @Test
    void aNulThatStartsNoFrameIsTextAndHoldsNothingBack() {
        out.write(bytes("\0xyz"), 0, 4);
        assertEquals("\0xyz", text(), "passed on at once, not at the next line end");
        events.clear();
        out.write(bytes("\0BPK"), 0, 4);           // the start of the frame prefix: held back for now
        assertEquals("", text());
        out.write(bytes("!rest"), 0, 5);           // differs from the prefix: all of it is text
        assertEquals("\0BPK!rest", text());
    }

    @Test
    void whatACellLeftUnfinishedIsHandedOverWhenItEnds() {
        out.write(bytes("a\0"), 0, 2);
        assertEquals("a", text());
        out.endOfCell();
        assertEquals("a\0", text(), "the lone NUL belongs to this cell");
        events.clear();
        byte[] e = bytes("é");                      // two bytes; the cell ends after the first
        out.write(e, 0, 1);
        assertEquals("", text());
        out.endOfCell();
        assertEquals("\uFFFD", text());
        events.clear();
        out.write(bytes("next"), 0, 4);
        assertEquals("next", text(), "nothing of the earlier cell arrives later");
    }

    @Test
    void utf8SplitAcrossWritesIsDecodedWhole() {
        String s = "ä€😀x";
        byte[] b = bytes(s);
        for (int i = 0; i < b.length; i++) out.write(b, i, 1);
        assertEquals(s, text());
        for (String ev : events) assertEquals(false, ev.contains("\uFFFD"), ev);
    }
}
