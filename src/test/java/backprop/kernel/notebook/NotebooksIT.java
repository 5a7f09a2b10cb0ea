package backprop.kernel.notebook;

import backprop.kernel.IsolatedJupyter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every notebook in notebooks/ executed once by this project's kernel as built ({@code target/backprop-kernel.jar},
 * which holds no library class) without a startup script (JShell's default imports only, as in IJava), from the
 * notebook's directory as Jupyter starts a kernel: the notebook's first cell ({@code %jars
 * ../target/backprop-all.jar} and its imports) is what brings in the library. Through Debian's Jupyter (nbconvert)
 * when {@code /usr/bin/jupyter} is there, else through the project's runner (RunNotebooks) in a JVM of its own.
 * Fails on any error and on any text output that differs from the committed one: after a change that alters a
 * printed number, re-run {@code ./run --execute}, look at the diff, commit it. Runs after {@code package}
 * (failsafe), since it needs the jars.
 */
class NotebooksIT {
    static final Path NOTEBOOKS = Path.of("notebooks");
    static final Path KERNEL_JAR = Path.of("target/backprop-kernel.jar");
    static final Path LIBRARY_JAR = Path.of("target/backprop-all.jar");

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
            assertTrue(files.size() >= 5, "notebooks found in " + NOTEBOOKS.toAbsolutePath() + ": " + files);
            return files;
        }
    }

    static void assertJarsBuilt() {
        for (Path jar : List.of(KERNEL_JAR, LIBRARY_JAR)) {
            assertTrue(Files.isRegularFile(jar), jar.toAbsolutePath() + " is missing: run mvn package first");
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void theKernelRunsEveryNotebookAsCommitted(@TempDir Path tmp) throws Exception {
        assertJarsBuilt();
        List<Path> notebooks = notebooks();
        Path ran = tmp.resolve("out");
        Files.createDirectories(ran);
        boolean jupyter = Files.isExecutable(IsolatedJupyter.JUPYTER) && Files.isExecutable(Path.of("/usr/bin/jupyter-nbconvert"));
        String log = jupyter ? throughJupyter(tmp, notebooks, ran) : throughRunner(tmp, notebooks, ran);
        System.out.println("notebooks run by the kernel " + (jupyter ? "through Jupyter's nbconvert" : "through RunNotebooks"));
        System.out.print(log);
        List<String> problems = new ArrayList<>();
        for (Path nb : notebooks) {
            Path out = ran.resolve(nb.getFileName());
            if (!Files.isRegularFile(out)) {
                problems.add(nb + ": not executed");
                continue;
            }
            ObjectNode committed = Ipynb.read(nb);
            ObjectNode executed = Ipynb.read(out);
            for (String e : TextOutputs.errors(executed)) problems.add(nb + ": " + e);
            for (String d : TextOutputs.differences(committed, executed)) problems.add(nb + ": differs: " + d);
            // language_info names the JDK's feature release only: a run on another patch release changes nothing
            JsonNode want = committed.path("metadata").path("language_info");
            JsonNode got = executed.path("metadata").path("language_info");
            String feature = Integer.toString(Runtime.version().feature());
            String committedVersion = want.path("version").asText();
            if ((committedVersion.equals(feature) || committedVersion.startsWith(feature + ".")) && !want.equals(got)) {
                problems.add(nb + ": metadata.language_info " + got + ", committed " + want);
            }
        }
        if (!problems.isEmpty()) {
            fail("the kernel ran the notebooks with errors or other outputs than the committed ones (after a change "
                    + "that alters a printed number: ./run --execute, check the diff, commit):\n"
                    + String.join("\n", problems) + "\n" + log);
        }
    }

    /** Debian's nbconvert, with the kernel registered as "backprop" in a temporary Jupyter dir. */
    private static String throughJupyter(Path tmp, List<Path> notebooks, Path out) throws Exception {
        Path spec = tmp.resolve("data/kernels/backprop");
        Files.createDirectories(spec);
        ObjectNode kj = JsonNodeFactory.instance.objectNode();
        ArrayNode argv = kj.putArray("argv");
        argv.add(java());
        argv.add("-Djava.awt.headless=true");
        IsolatedJupyter.KERNEL_OPENS.forEach(argv::add);
        for (String a : List.of("-cp", KERNEL_JAR.toAbsolutePath().toString(), "backprop.kernel.Main", "{connection_file}")) {
            argv.add(a);
        }
        kj.put("display_name", "Java (backprop)");
        kj.put("language", "java");
        kj.put("interrupt_mode", "message");
        Files.writeString(spec.resolve("kernel.json"), Ipynb.JSON.writeValueAsString(kj));
        // nbconvert starts the kernel in each notebook's directory
        List<String> args = new ArrayList<>(List.of("nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=backprop",
                "--output-dir", out.toString()));
        for (Path nb : notebooks) args.add(nb.toAbsolutePath().toString());
        Process p = IsolatedJupyter.command(tmp, args).start();
        assertTrue(p.waitFor(880, TimeUnit.SECONDS), "nbconvert finished in time");
        String log = Files.readString(tmp.resolve("nbconvert.log"));
        assertEquals(0, p.exitValue(), log);
        return log;
    }

    /** The project's runner (RunNotebooks) in a JVM of its own, started in notebooks/ as Jupyter would. */
    private static String throughRunner(Path tmp, List<Path> notebooks, Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", KERNEL_JAR.toAbsolutePath().toString(),
                "backprop.kernel.notebook.RunNotebooks", "--output-dir", out.toAbsolutePath().toString()));
        for (Path nb : notebooks) cmd.add(nb.getFileName().toString());
        Path logFile = tmp.resolve("runner.log");
        Process p = new ProcessBuilder(cmd).directory(NOTEBOOKS.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        assertTrue(p.waitFor(880, TimeUnit.SECONDS), "RunNotebooks finished in time");
        return Files.readString(logFile, StandardCharsets.UTF_8);
    }
}
