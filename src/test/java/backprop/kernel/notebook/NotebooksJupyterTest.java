package backprop.kernel.notebook;

import backprop.kernel.IsolatedJupyter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Jupyter itself (Debian's nbconvert/nbclient) executes every notebook through the kernel, registered as
 * "backprop" in a temporary JUPYTER_PATH and run from the test class path with the kernel's startup script;
 * no cell may fail and the text outputs must be the committed ones. Skipped when /usr/bin/jupyter is absent.
 */
class NotebooksJupyterTest {
    static final Path JUPYTER = IsolatedJupyter.JUPYTER;

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void jupyterExecutesEveryNotebook(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(JUPYTER) && Files.isExecutable(Path.of("/usr/bin/jupyter-nbconvert")),
                "skipped: /usr/bin/jupyter or jupyter-nbconvert is absent (apt-get install jupyter-nbconvert python3-nbclient jupyter-client)");
        List<String> cp = NotebooksTest.classpath();
        Path spec = tmp.resolve("data/kernels/backprop");
        Files.createDirectories(spec);
        ObjectNode kj = JsonNodeFactory.instance.objectNode();
        ArrayNode argv = kj.putArray("argv");
        for (String a : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, cp),
                "backprop.kernel.Main", "--startup", NotebooksTest.STARTUP.toAbsolutePath().toString(), "{connection_file}")) {
            argv.add(a);
        }
        kj.put("display_name", "Java (backprop)");
        kj.put("language", "java");
        kj.put("interrupt_mode", "message");
        // the snippets' JVM gets the whole test class path too (the library's dependencies, e.g. XChart)
        kj.putObject("env").put("IJAVA_CLASSPATH", String.join(File.pathSeparator, cp));
        Files.writeString(spec.resolve("kernel.json"), Ipynb.JSON.writeValueAsString(kj));

        List<Path> notebooks = NotebooksTest.notebooks();
        List<String> args = new ArrayList<>(List.of("nbconvert", "--to", "notebook", "--execute",
                "--allow-errors", "--ExecutePreprocessor.timeout=300", "--ExecutePreprocessor.kernel_name=backprop",
                "--output-dir", tmp.resolve("out").toString()));
        for (Path nb : notebooks) args.add(nb.toAbsolutePath().toString());
        ProcessBuilder pb = IsolatedJupyter.command(tmp, args);
        Process p = pb.start();
        assertTrue(p.waitFor(580, TimeUnit.SECONDS), "nbconvert finished in time");
        String log = Files.readString(tmp.resolve("nbconvert.log"));
        assertEquals(0, p.exitValue(), log);

        List<String> problems = new ArrayList<>();
        for (Path nb : notebooks) {
            ObjectNode committed = Ipynb.read(nb);
            ObjectNode ran = Ipynb.read(tmp.resolve("out").resolve(nb.getFileName()));
            for (String e : TextOutputs.errors(ran)) problems.add(nb + ": " + e);
            for (String d : TextOutputs.differences(committed, ran)) problems.add(nb + ": differs: " + d);
        }
        if (!problems.isEmpty()) fail("executed by Jupyter:\n" + String.join("\n", problems) + "\n" + log);
    }
}
