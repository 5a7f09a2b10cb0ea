package backprop.kernel.notebook;

import backprop.kernel.jshell.JShellSession;
import backprop.kernel.jshell.SessionConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Executes every notebook in notebooks/ through the Java session (in-process, on the test class path, with the
 * kernel's startup script) and fails on any error output and on any text output that differs from the one
 * committed: a change that alters a printed number fails here until the notebook is re-run ({@code ./run
 * --execute}) and committed.
 */
class NotebooksTest {
    static final Path NOTEBOOKS = Path.of("notebooks");
    static final Path STARTUP = Path.of("kernel/startup.jsh");

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    /**
     * The test class path (surefire's, not its manifest-only booter jar): the session puts it on the snippet JVM's
     * class path, so the library (target/classes) sees its third-party jars (XChart, Jackson).
     */
    static List<String> classpath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Stream.of(cp.split(File.pathSeparator)).filter(e -> !e.isBlank()).toList();
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsAndPrintsWhatIsCommitted() throws IOException {
        List<Path> files = notebooks();
        assertTrue(files.size() >= 5, "notebooks found in " + NOTEBOOKS.toAbsolutePath() + ": " + files);
        SessionConfig config = new SessionConfig(classpath(), List.of(STARTUP), "", List.of(), List.of(), -1,
                SessionConfig.DEFAULT_OUTPUT_CAP);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ObjectNode committed = Ipynb.read(file);
            ObjectNode nb = committed.deepCopy();
            NotebookRunner.Report r;
            try (JShellSession session = new JShellSession(config)) {
                r = NotebookRunner.run(nb, session);
            }
            System.out.printf("%s: %d cells, %d errors, %.1f s%n", file, r.cells(), r.errors(), r.seconds());
            List<String> errors = TextOutputs.errors(nb);
            if (!errors.isEmpty()) fail(file + " has errors:\n" + String.join("\n", errors));
            List<String> diffs = TextOutputs.differences(committed, nb);
            if (!diffs.isEmpty()) {
                fail(file + " prints something else than what is committed (re-run it with ./run --execute, check, commit):\n"
                        + String.join("\n", diffs));
            }
        }));
    }
}
