package backprop.kernel.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every notebook pasted cell by cell into plain JShell (the {@code jdk.jshell} API, as the {@code jshell} tool
 * runs it: snippets in a JVM of their own, the tool's default imports, nothing of this project's kernel), with
 * {@code %jars PATH} taken as adding PATH (relative to the notebook) to the class path: so the notebooks need
 * nothing but the library jar ({@code target/backprop-all.jar}). No snippet may be rejected or throw, and what
 * each cell prints on System.out must be what the notebook has committed.
 */
class NotebooksInJShellIT {
    /** The imports of the jshell tool's DEFAULT startup (IJava has the same). */
    static final List<String> JSHELL_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*", "java.nio.file.*",
            "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*");
    /** Printed after each cell, to cut the snippet JVM's output into cells. */
    static final String CELL_END = "\u0000end of cell\u0000";

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsPastedIntoJShell() throws IOException {
        NotebooksIT.assertJarsBuilt();
        return NotebooksIT.notebooks().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ObjectNode nb = Ipynb.read(file);
            List<String> printed = paste(nb, file.toAbsolutePath().getParent());
            List<String> committed = committedStdout(nb);
            assertEquals(committed.size(), printed.size(), file + ": code cells");
            for (int k = 0; k < committed.size(); k++) {
                assertEquals(committed.get(k), printed.get(k), file + ", code cell " + (k + 1) + " printed something else in jshell");
            }
        }));
    }

    /** Runs every code cell; returns what each one printed on System.out (as a front end shows it). */
    static List<String> paste(ObjectNode nb, Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int cells = 0;
        try (JShell shell = JShell.builder().out(out).err(out)
                .remoteVMOptions("-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8")
                .build()) {
            for (String imp : JSHELL_IMPORTS) eval(shell, "import " + imp + ";", "the default imports");
            int k = 0;
            for (JsonNode cell : nb.path("cells")) {
                if (!"code".equals(cell.path("cell_type").asText())) continue;
                k++;
                String where = "code cell " + k;
                StringBuilder code = new StringBuilder();
                for (String line : Ipynb.text(cell.get("source")).split("\n", -1)) {
                    if (line.startsWith("%jars ")) {
                        for (String jar : line.substring("%jars ".length()).trim().split("\\s+")) {
                            Path p = dir.resolve(jar).normalize();
                            assertTrue(p.toFile().isFile(), where + ": %jars " + jar + ": no such file " + p);
                            shell.addToClasspath(p.toString());
                        }
                    } else {
                        code.append(line).append('\n');
                    }
                }
                String rest = code.toString();
                while (!rest.isBlank()) {
                    SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
                    if (info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE
                            && info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) {
                        fail(where + ": not a complete snippet (" + info.completeness() + "): " + rest);
                    }
                    eval(shell, info.source(), where);
                    rest = info.remaining();
                }
                eval(shell, "System.out.print(\"" + CELL_END + "\");", where);
                cells++;
            }
        }
        String all = bytes.toString(StandardCharsets.UTF_8);
        List<String> printed = new ArrayList<>();
        for (String part : all.split(CELL_END, -1)) printed.add(TextOutputs.shown(part));
        assertEquals("", printed.remove(printed.size() - 1), "nothing printed after the last cell");
        assertEquals(cells, printed.size());
        return printed;
    }

    private static void eval(JShell shell, String source, String where) {
        for (SnippetEvent e : shell.eval(source)) {
            if (e.status() == Snippet.Status.REJECTED) {
                StringBuilder why = new StringBuilder();
                shell.diagnostics(e.snippet()).forEach(d -> why.append("\n  ").append(message(d)));
                fail(where + ": jshell rejected\n" + source + why);
            }
            if (e.exception() != null) {
                fail(where + ": " + e.exception() + "\nin\n" + source);
            }
        }
    }

    private static String message(Diag d) {
        return d.getMessage(Locale.ROOT);
    }

    /** What each code cell of the committed notebook shows of System.out. */
    static List<String> committedStdout(ObjectNode nb) {
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : nb.path("cells")) {
            if (!"code".equals(cell.path("cell_type").asText())) continue;
            StringBuilder sb = new StringBuilder();
            for (JsonNode o : cell.path("outputs")) {
                if ("stream".equals(o.path("output_type").asText()) && "stdout".equals(o.path("name").asText())) {
                    sb.append(Ipynb.text(o.get("text")));
                }
            }
            cells.add(TextOutputs.shown(sb));
        }
        return cells;
    }
}
