package backprop.kernel.jshell;

import backprop.kernel.runtime.Display;
import backprop.kernel.session.DisplayData;
import backprop.kernel.session.ExecutionResult;
import backprop.kernel.session.OutputSink;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jshell package's pieces, each alone (no kernel process). */
class JShellPartsTest {

    @Test
    void cellPartsSplitMagicsFromCodeOnlyWhereAStatementMayStart() {
        // "complete" here: every parenthesis closed and the code ends with ';' or '}'
        List<CellParts.Part> parts = CellParts.split("int a = 1;\n%time a + 1\nint b = (2\n% 3);\n%lsmagic",
                code -> code.chars().filter(c -> c == '(').count() == code.chars().filter(c -> c == ')').count()
                        && (code.strip().endsWith(";") || code.strip().endsWith("}")));
        assertEquals(List.of(
                new CellParts.Part(false, "int a = 1;\n", 0),
                new CellParts.Part(true, "time a + 1", 1),
                new CellParts.Part(false, "int b = (2\n% 3);\n", 2),
                new CellParts.Part(true, "lsmagic", 4)), parts);
        assertEquals(List.of(new CellParts.Part(true, "jars x.jar", 1), new CellParts.Part(false, "f();\n", 2)),
                CellParts.split("\n  %jars x.jar\nf();", code -> true));
    }

    @Test
    void framesShowCellLinesAndHideJShellAndReflection() {
        StackTraceElement[] st = {
                new StackTraceElement("", "divide", "#12", 2),
                new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -1),
                new StackTraceElement("", "", "#13", 1),
                new StackTraceElement("jdk.jshell.execution.DirectExecutionControl", "invoke", "DirectExecutionControl.java", 1),
                new StackTraceElement("java.util.ArrayList", "get", "ArrayList.java", 427),
                new StackTraceElement("", "", "#99", 3)};
        assertEquals(List.of("\tat divide (cell line 5)", "\tat (cell line 7)",
                        "\tat java.util.ArrayList.get(ArrayList.java:427)", "\tat (snippet #99, line 3)"),
                ErrorFormatter.frames(st, Map.of("12", 3, "13", 6)));
        StackTraceElement[] deep = new StackTraceElement[100];
        for (int i = 0; i < deep.length; i++) deep[i] = new StackTraceElement("", "down", "#1", 1);
        List<String> cut = ErrorFormatter.frames(deep, Map.of("1", 0));
        assertEquals(ErrorFormatter.MAX_FRAMES + 1, cut.size());
        assertEquals("\t... 60 more", cut.get(cut.size() - 1));
    }

    @Test
    void displayCallsAreRecognised() {
        assertTrue(ResultRenderer.isDisplayCall("display(x);"));
        assertTrue(ResultRenderer.isDisplayCall("  display(chart, \"image/png\")"));
        assertTrue(ResultRenderer.isDisplayCall("Notebook.display(f(\")\"))"));
        assertFalse(ResultRenderer.isDisplayCall("display(x).length()"));
        assertFalse(ResultRenderer.isDisplayCall("displayed(x)"));
        assertFalse(ResultRenderer.isDisplayCall("String id = display(x);"));
        assertEquals("a\n\"b\"\tc\u00e9A", ResultRenderer.unquote("\"a\\n\\\"b\\\"\\tc\\u00e9\\101\""));
    }

    public static final class Celsius {
        final double degrees;

        Celsius(double degrees) {
            this.degrees = degrees;
        }

        @Override
        public String toString() {
            return degrees + " C";
        }
    }

    public static final class Bundled {
        public Map<String, ?> toMimeBundle() {
            return Map.of("text/markdown", "**b**", "application/octet-stream", new byte[]{1, 2, 3});
        }

        public String toHtml() {
            return "<b>b</b>";
        }
    }

    @Test
    void displayRendersRegisteredTypesAndMimeBundles() {
        Display.register(Celsius.class, c -> Map.of("text/html", "<i>" + c.degrees + "</i>"));
        assertEquals(Map.of("text/html", "<i>21.5</i>", "text/plain", "21.5 C"), Display.bundle(new Celsius(21.5)));
        Map<String, String> b = Display.bundle(new Bundled());
        assertEquals("**b**", b.get("text/markdown"));
        assertEquals("AQID", b.get("application/octet-stream"), "bytes are base64");
        assertEquals("<b>b</b>", b.get("text/html"));
        assertTrue(b.get("text/plain").startsWith("backprop.kernel.jshell.JShellPartsTest$Bundled@"), b.toString());
        Map<String, String> img = Display.bundle(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        assertTrue(img.get("image/png").startsWith("iVBORw0KGgo"), img.toString());
        assertEquals("BufferedImage 3x2", img.get("text/plain"));
        assertEquals(Map.of("text/plain", "null"), Display.bundle(null));
    }

    @Test
    @Timeout(120)
    void ijavaTimeoutStopsALongStatementAndKeepsDefinitions() {
        SessionConfig config = new SessionConfig(List.of(), List.of(), "", List.of(), List.of(),
                SessionConfig.parseTimeout("1 s"), SessionConfig.DEFAULT_OUTPUT_CAP);
        try (JShellSession s = new JShellSession(config)) {
            assertTrue(s.execute("int kept = 3;", OutputSink.NONE).ok());
            long t0 = System.nanoTime();
            ExecutionResult r = s.execute("while (true) { kept += 0; }", OutputSink.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertFalse(r.ok());
            assertEquals("TimeoutException", r.ename());
            assertTrue(r.evalue().contains("IJAVA_TIMEOUT (1000 ms)"), r.evalue());
            assertTrue(seconds >= 1.0, "not before the timeout: " + seconds);
            DisplayData v = s.execute("kept * 2", OutputSink.NONE).result();
            assertEquals("6", v.data().get("text/plain"), "definitions are kept");
        }
    }

    @Test
    @Timeout(120)
    void droppedSnippetsLeaveNoClassBehindAndLaterSnippetsStillCompile() {
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            CompiledClasses compiled = new CompiledClasses(js);
            assertTrue(compiled.available(), "surefire opens jdk.jshell, as kernel.json does");
            assertEquals("41", value(js.eval("int x = 41;")));
            int before = compiled.size();
            for (int k = 0; k < 20; k++) {
                // an anonymous class: the snippet's class has a nested class, $JShell$N$1
                List<SnippetEvent> ev = js.eval("new Object() { public String toString() { return \"v\" + (x + 1); } }.toString()");
                assertEquals("\"v42\"", value(ev));
                js.drop(ev.get(0).snippet());
                compiled.forget(ev.get(0).snippet());
            }
            assertEquals(before, compiled.size(), "without forget: 2 more class files per snippet");
            assertEquals("82", value(js.eval("int y = x * 2;")));
            assertEquals("83", value(js.eval("y + 1")));
            assertEquals(before + 2, compiled.size(), "the classes of live snippets stay");
        }
    }

    @Test
    @Timeout(120)
    void javacForgetsTheNamesOfRemovedReplClassesAndLaterSnippetsStillCompile() {
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            CompiledClasses compiled = new CompiledClasses(js);
            assertEquals("41", value(js.eval("int x = 41;")));
            compiled.forgetEmptyNames();
            int names = compiled.classNames();
            assertTrue(names > 100, "surefire opens jdk.compiler's api and code packages, as kernel.json does: " + names);
            for (int k = 0; k < 20; k++) {
                List<SnippetEvent> ev = js.eval("x + " + k);
                assertEquals(Integer.toString(41 + k), value(ev));
                js.drop(ev.get(0).snippet());
            }
            int grown = compiled.classNames();
            assertTrue(grown >= names + 20, "javac keeps the name of every REPL class JShell removed: " + names + " -> " + grown);
            compiled.forgetEmptyNames();
            assertEquals(names, compiled.classNames());
            assertEquals("82", value(js.eval("int y = x * 2;")));
            assertEquals("83", value(js.eval("y + 1")));
            assertEquals("\"v83\"", value(js.eval("new Object() { public String toString() { return \"v\" + (y + 1); } }.toString()")));
        }
    }

    private static String value(List<SnippetEvent> events) {
        assertEquals(Snippet.Status.VALID, events.get(0).status(), events.toString());
        return events.get(0).value();
    }
}
