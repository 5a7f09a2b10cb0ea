package backprop.kernel;

import backprop.kernel.jshell.JShellSession;
import backprop.kernel.jshell.SessionConfig;
import backprop.kernel.notebook.Ipynb;
import backprop.kernel.notebook.NotebookRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static backprop.kernel.KernelClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real Jupyter front end (Debian's nbconvert) runs a generated notebook through the kernel. */
class NotebookExecutionTest {
    static final Path JUPYTER = IsolatedJupyter.JUPYTER;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void nbconvertExecutesANotebook(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(JUPYTER), "skipped: /usr/bin/jupyter is absent (apt-get install jupyter-nbconvert python3-nbclient jupyter-client)");
        Path nbconvert = Path.of("/usr/bin/jupyter-nbconvert");
        assumeTrue(Files.isExecutable(nbconvert), "skipped: /usr/bin/jupyter-nbconvert is absent (apt-get install jupyter-nbconvert)");

        // register the kernelspec into a temporary Jupyter data dir
        Path spec = tmp.resolve("data/kernels/backprop-test");
        Files.createDirectories(spec);
        ObjectNode kj = JSON.createObjectNode();
        ArrayNode argv = kj.putArray("argv");
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        IsolatedJupyter.KERNEL_OPENS.forEach(argv::add);
        for (String a : List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "backprop.kernel.Main", "{connection_file}")) argv.add(a);
        kj.put("display_name", "Java (backprop test)");
        kj.put("language", "java");
        kj.put("interrupt_mode", "message");
        Files.write(spec.resolve("kernel.json"), JSON.writeValueAsBytes(kj));

        ObjectNode nb = JSON.createObjectNode();
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        ObjectNode meta = nb.putObject("metadata");
        meta.putObject("kernelspec").put("name", "backprop-test").put("display_name", "Java").put("language", "java");
        ArrayNode cells = nb.putArray("cells");
        String[] sources = {
                "int square(int x) { return x * x; }\nSystem.out.println(\"hello from java\");",
                "square(7)",
                "display(\"<i>shown</i>\");\nnew java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)",
                "class J { public String toJson() { return \"{\\\"a\\\": [1, 2]}\"; } public String toString() { return \"J\"; } }\nnew J()"};
        for (int i = 0; i < sources.length; i++) {
            ObjectNode c = cells.addObject();
            c.put("cell_type", "code");
            c.put("id", "cell-" + i);
            c.putObject("metadata");
            c.put("source", sources[i]);
            c.putArray("outputs");
            c.putNull("execution_count");
        }
        Path in = tmp.resolve("test.ipynb");
        Files.write(in, JSON.writeValueAsBytes(nb));

        ProcessBuilder pb = IsolatedJupyter.command(tmp, List.of("nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=90", "--output", "out.ipynb", in.toString()));
        Process p = pb.start();
        assertTrue(p.waitFor(140, TimeUnit.SECONDS), "nbconvert finished");
        String log = Files.readString(tmp.resolve("nbconvert.log"));
        assertEquals(0, p.exitValue(), log);

        JsonNode out = JSON.readTree(tmp.resolve("out.ipynb").toFile());
        JsonNode c0 = out.path("cells").get(0).path("outputs");
        assertEquals("stream", c0.get(0).path("output_type").asText(), c0.toString());
        assertEquals("hello from java\n", Ipynb.text(c0.get(0).path("text")));
        JsonNode c1 = out.path("cells").get(1).path("outputs").get(0);
        assertEquals("execute_result", c1.path("output_type").asText());
        assertEquals("49", Ipynb.text(c1.path("data").path("text/plain")));
        List<String> types = new ArrayList<>();
        for (JsonNode o : out.path("cells").get(2).path("outputs")) types.add(o.path("output_type").asText());
        assertEquals(List.of("display_data", "execute_result"), types);
        assertTrue(out.path("cells").get(2).path("outputs").get(1).path("data").has("image/png"));
        JsonNode json = out.path("cells").get(3).path("outputs").get(0).path("data");
        assertEquals(JSON.readTree("{\"a\": [1, 2]}"), json.path("application/json"), "Jupyter keeps application/json as JSON: " + json);

        // the kernel's own headless runner stores the outputs as Jupyter did
        SessionConfig config = SessionConfig.fromEnvironment(Map.of(), List.of(), List.of());
        try (JShellSession session = new JShellSession(config)) {
            NotebookRunner.Report report = NotebookRunner.run(nb, session);
            assertEquals(0, report.errors());
        }
        for (int i : new int[]{1, 3}) {
            assertEquals(out.path("cells").get(i).path("outputs"), JSON.readTree(Ipynb.toJson(nb)).path("cells").get(i).path("outputs"),
                    "cell " + i);
        }
    }
}
