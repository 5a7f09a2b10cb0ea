package backprop.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static backprop.kernel.KernelClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel as a separate process, driven over ZeroMQ with signed messages, as Jupyter drives it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KernelProtocolTest {
    KernelClient k;
    Path startup;

    @BeforeAll
    void start() throws Exception {
        startup = Files.createTempFile("startup", ".jsh");
        Files.writeString(startup, "import no.such.pkg.*;\nint fromStartup = 42;\n");
        k = new KernelClient(List.of("--startup", startup.toString()));
        k.waitReady();
    }

    @AfterAll
    void stop() throws Exception {
        if (k != null) k.close();
        Files.deleteIfExists(startup);
    }

    @Test
    @Order(1)
    void kernelInfoDescribesJava() throws Exception {
        String id = k.send(k.shell, "kernel_info_request", JSON.createObjectNode());
        JsonNode r = k.reply(k.shell, id);
        assertEquals("kernel_info_reply", r.path("header").path("msg_type").asText());
        JsonNode li = r.path("content").path("language_info");
        assertEquals("java", li.path("name").asText());
        assertEquals("text/x-java-source", li.path("mimetype").asText());
        assertEquals("java", li.path("codemirror_mode").asText());
        assertEquals("java", li.path("pygments_lexer").asText());
        assertEquals(".jshell", li.path("file_extension").asText());
        assertEquals("5.3", r.path("content").path("protocol_version").asText());
    }

    @Test
    @Order(2)
    void expressionGivesResultAndCountsExecutions() throws Exception {
        KernelClient.Executed a = k.execute("1+1");
        assertEquals("ok", a.status());
        assertEquals("2", a.result());
        int n = a.reply().path("content").path("execution_count").asInt();
        assertEquals(n, a.of("execute_result").get(0).path("content").path("execution_count").asInt());
        assertEquals(n, a.of("execute_input").get(0).path("content").path("execution_count").asInt());
        KernelClient.Executed b = k.execute("int x = 20;\nvoid twice() { x *= 2; }\ntwice();\nx + 2");
        assertEquals("42", b.result());
        assertEquals(n + 1, b.reply().path("content").path("execution_count").asInt());
        assertEquals("hi\n\"there\"", k.execute("\"hi\\n\\\"there\\\"\"").result());
        assertEquals(null, k.execute("int y = 3;").result());
        assertEquals("42", k.execute("fromStartup").result(), "the startup script ran despite its failing import");
    }

    @Test
    @Order(3)
    void streamsArriveLiveAndInOrder() throws Exception {
        KernelClient.Executed e = k.execute("System.out.println(\"out1\"); System.err.println(\"err1\"); System.out.println(\"out2\");");
        assertEquals("out1\nout2\n", e.stdout());
        assertEquals("err1\n", e.stderr());
        List<String> order = e.of("stream").stream().map(m -> m.path("content").path("name").asText()).toList();
        assertEquals(List.of("stdout", "stderr", "stdout"), order);
        // a slow loop: each line is its own message, sent while the cell still runs
        KernelClient.Executed slow = k.execute("for (int i = 0; i < 3; i++) { System.out.println(\"tick \" + i); Thread.sleep(300); }");
        assertEquals("tick 0\ntick 1\ntick 2\n", slow.stdout());
        assertTrue(slow.of("stream").size() >= 3, "one stream message per line: " + slow.of("stream"));
    }

    @Test
    @Order(4)
    void compileErrorShowsLineAndMarkerAndKeepsDefinitions() throws Exception {
        k.execute("int kept = 7;");
        KernelClient.Executed e = k.execute("int a = 1;\nint b = \"text\";");
        assertEquals("error", e.status());
        assertEquals("CompilationException", e.reply().path("content").path("ename").asText());
        String tb = e.traceback();
        assertTrue(tb.contains("line 2"), tb);
        assertTrue(tb.contains("int b = \"text\";"), tb);
        assertTrue(tb.contains("^^^^^^"), tb);
        assertTrue(tb.contains("incompatible types"), tb);
        assertEquals(1, e.of("error").size());
        assertEquals("7", k.execute("kept").result());
    }

    @Test
    @Order(5)
    void runtimeErrorShowsUserFramesOnly() throws Exception {
        KernelClient.Executed e = k.execute("int divide(int a, int b) {\n  return a / b;\n}\ndivide(1, 0)");
        assertEquals("error", e.status());
        assertEquals("java.lang.ArithmeticException", e.reply().path("content").path("ename").asText());
        assertEquals("/ by zero", e.reply().path("content").path("evalue").asText());
        String tb = e.traceback();
        assertTrue(tb.contains("divide (cell line 2)"), tb);
        assertTrue(tb.contains("(cell line 4)"), tb);
        assertFalse(tb.contains("jdk.jshell"), tb);
        assertFalse(tb.contains("reflect"), tb);
        assertEquals("3", k.execute("divide(9, 3)").result(), "definitions survive the exception");
    }

    @Test
    @Order(6)
    void isCompleteTellsIncompleteInvalidComplete() throws Exception {
        assertEquals("complete", isComplete("1+1").path("status").asText());
        JsonNode inc = isComplete("for (int i = 0; i < 3; i++) {");
        assertEquals("incomplete", inc.path("status").asText());
        assertFalse(inc.path("indent").asText().isEmpty());
        assertEquals("invalid", isComplete("int 5x = ;)").path("status").asText());
    }

    private JsonNode isComplete(String code) throws Exception {
        ObjectNode c = JSON.createObjectNode().put("code", code);
        return k.reply(k.shell, k.send(k.shell, "is_complete_request", c)).path("content");
    }

    @Test
    @Order(7)
    void completeSuggestsMembersAndMagics() throws Exception {
        String code = "int q = 1;\nMath.ma";
        JsonNode r = k.reply(k.shell, k.send(k.shell, "complete_request",
                JSON.createObjectNode().put("code", code).put("cursor_pos", code.length()))).path("content");
        assertEquals("ok", r.path("status").asText());
        assertTrue(r.path("matches").toString().contains("max("), r.toString());
        assertEquals(code.length() - 2, r.path("cursor_start").asInt());
        assertEquals(code.length(), r.path("cursor_end").asInt());
        String magic = "%ma";
        JsonNode m = k.reply(k.shell, k.send(k.shell, "complete_request",
                JSON.createObjectNode().put("code", magic).put("cursor_pos", 3))).path("content");
        assertEquals("[\"%maven\"]", m.path("matches").toString());
    }

    @Test
    @Order(8)
    void inspectShowsSignatureForCallAndBareName() throws Exception {
        for (String code : new String[]{"Math.max(", "Math.max"}) {
            JsonNode r = k.reply(k.shell, k.send(k.shell, "inspect_request",
                    JSON.createObjectNode().put("code", code).put("cursor_pos", code.length()).put("detail_level", 0))).path("content");
            assertTrue(r.path("found").asBoolean(), code + " -> " + r);
            String text = r.path("data").path("text/plain").asText();
            assertTrue(text.contains("max(int"), text);
            if (Files.exists(Path.of(System.getProperty("java.home"), "lib", "src.zip"))) {
                assertTrue(text.contains("greater of two"), "Javadoc from the JDK sources: " + text);
            }
        }
    }

    /**
     * Javadoc of a class on the class path: from {@code X-sources.jar} beside {@code X.jar} (as the build puts
     * backprop-all-sources.jar beside backprop-all.jar), and from {@code .java} files inside a jar itself.
     */
    @Test
    @Order(13)
    void inspectShowsJavadocFromASourcesJarBesideTheJarAndFromSourcesInTheJar(@TempDir Path tmp) throws Exception {
        compileAndJar(tmp, "Greeter", "Says hello warmly.", tmp.resolve("greet.jar"), tmp.resolve("greet-sources.jar"));
        compileAndJar(tmp, "Waver", "Waves from afar.", tmp.resolve("wave.jar"), tmp.resolve("wave.jar"));
        KernelClient.Executed added = k.execute("%jars " + tmp.resolve("greet.jar") + " " + tmp.resolve("wave.jar"));
        assertEquals("ok", added.status(), added.traceback());
        assertEquals("hello", k.execute("demo.Greeter.hello()").result());
        for (String[] c : new String[][]{{"demo.Greeter.hello(", "Says hello warmly."}, {"demo.Waver.hello(", "Waves from afar."}}) {
            JsonNode r = k.reply(k.shell, k.send(k.shell, "inspect_request",
                    JSON.createObjectNode().put("code", c[0]).put("cursor_pos", c[0].length()).put("detail_level", 0))).path("content");
            assertTrue(r.path("data").path("text/plain").asText().contains(c[1]), c[0] + " -> " + r);
        }
    }

    /**
     * Compiles {@code demo.NAME} (a static method hello() with {@code doc} as its Javadoc) into {@code jar}, and puts
     * its source into {@code sourcesJar} (which may be the same jar).
     */
    private static void compileAndJar(Path tmp, String name, String doc, Path jar, Path sourcesJar) throws Exception {
        Path src = tmp.resolve(name + "/demo/" + name + ".java");
        Path classes = tmp.resolve(name + "/classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        String code = "package demo;\n\npublic class " + name + " {\n    /** " + doc + " */\n"
                + "    public static String hello() { return \"hello\"; }\n}\n";
        Files.writeString(src, code);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString()));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("demo/" + name + ".class", Files.readAllBytes(classes.resolve("demo/" + name + ".class")));
        if (sourcesJar.equals(jar)) {
            entries.put("demo/" + name + ".java", code.getBytes(StandardCharsets.UTF_8));
        } else {
            writeJar(sourcesJar, Map.of("demo/" + name + ".java", code.getBytes(StandardCharsets.UTF_8)));
        }
        writeJar(jar, entries);
    }

    private static void writeJar(Path jar, Map<String, byte[]> entries) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    @Test
    @Order(9)
    void displayAndImages() throws Exception {
        KernelClient.Executed e = k.execute("String id = display(\"shown\");\nupdateDisplay(id, \"changed\");\n"
                + "new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB)");
        assertEquals("ok", e.status(), e.traceback());
        JsonNode d = e.of("display_data").get(0).path("content");
        assertEquals("shown", d.path("data").path("text/plain").asText());
        String id = d.path("transient").path("display_id").asText();
        assertFalse(id.isEmpty());
        JsonNode u = e.of("update_display_data").get(0).path("content");
        assertEquals(id, u.path("transient").path("display_id").asText());
        assertEquals("changed", u.path("data").path("text/plain").asText());
        JsonNode png = e.of("execute_result").get(0).path("content").path("data").path("image/png");
        assertTrue(png.asText().startsWith("iVBORw0KGgo"), "a PNG: " + png);
        KernelClient.Executed html = k.execute("class Bold { public String toHtml() { return \"<b>x</b>\"; } public String toString() { return \"Bold\"; } }\nnew Bold()");
        assertEquals("<b>x</b>", html.of("execute_result").get(0).path("content").path("data").path("text/html").asText(), html.traceback());
    }

    @Test
    @Order(10)
    void magics() throws Exception {
        KernelClient.Executed t = k.execute("%%time\nint tt = 6 * 7;\ntt");
        assertEquals("42", t.result());
        assertTrue(t.stdout().contains("Wall time"), t.stdout());
        KernelClient.Executed bad = k.execute("%classpath /no/such/dir/x.jar");
        assertEquals("error", bad.status());
        assertTrue(bad.traceback().contains("/no/such/dir/x.jar"), bad.traceback());
        Path jsh = Files.createTempFile("load", ".jsh");
        Files.writeString(jsh, "int loaded() { return 5; }\n");
        try {
            KernelClient.Executed l = k.execute("%load " + jsh + "\nloaded() + 1");
            assertEquals("6", l.result(), l.traceback());
        } finally {
            Files.delete(jsh);
        }
    }

    @Test
    @Order(11)
    void readingStdinWithoutAllowStdinFailsClearly() throws Exception {
        KernelClient.Executed no = k.execute("new java.io.BufferedReader(new InputStreamReader(System.in)).readLine()");
        assertEquals("error", no.status());
        assertEquals("java.io.IOException", no.reply().path("content").path("ename").asText());
        assertTrue(no.reply().path("content").path("evalue").asText().contains("allow_stdin is false"), no.traceback());
        assertTrue(no.stderr().contains("allow_stdin is false"), no.stderr());
    }

    @Test
    @Order(12)
    void aRichResultIsRenderedAsTheCellRunsWithoutASecondSnippet() throws Exception {
        // JShell numbers every snippet it evaluates, and a snippet's classes carry the number: the snippets one
        // cell costs are the difference of the numbers printed before and after it
        Counted plain = counted("1+1");
        Counted image = counted("new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB)");
        assertEquals("2", plain.cell().result());
        JsonNode data = image.cell().of("execute_result").get(0).path("content").path("data");
        assertTrue(data.path("image/png").asText().startsWith("iVBORw0KGgo"), "a PNG: " + data);
        assertEquals("BufferedImage 4x3", data.path("text/plain").asText());
        assertEquals(plain.snippets(), image.snippets(), "a rich result costs no snippet more than a plain one");

        // a registered renderer, called for the cell's last expression only (not for a declaration)
        assertEquals("ok", k.execute("record Temp(double c) {}\nint renders = 0;\n"
                + "backprop.kernel.runtime.Display.register(Temp.class, t -> { renders++; return Map.of(\"text/html\", \"<i>\" + t.c() + \"</i>\"); });").status());
        KernelClient.Executed declared = k.execute("var t = new Temp(21.5);");
        assertTrue(declared.of("execute_result").isEmpty(), "a declaration has no Out[n]");
        KernelClient.Executed shown = k.execute("new Temp(1);\nt");
        JsonNode temp = shown.of("execute_result").get(0).path("content").path("data");
        assertEquals("<i>21.5</i>", temp.path("text/html").asText(), shown.traceback());
        assertEquals("Temp[c=21.5]", temp.path("text/plain").asText());
        assertEquals("1", k.execute("renders").result(), "rendered once: the cell's value, not the declaration or new Temp(1)");

        // a renderer that fails: the value shows as text, the cell's stderr says why
        k.execute("record Broken() {}\nbackprop.kernel.runtime.Display.register(Broken.class, b -> { throw new IllegalStateException(\"no way\"); });");
        KernelClient.Executed broken = k.execute("new Broken()");
        assertEquals("ok", broken.status(), broken.traceback());
        assertEquals("{\"text/plain\":\"Broken[]\"}", broken.of("execute_result").get(0).path("content").path("data").toString());
        assertTrue(broken.stderr().contains("rendering the result (Broken) failed: java.lang.IllegalStateException: no way"), broken.stderr());
    }

    /** A cell and how many snippets JShell evaluated for it (and for one probe cell). */
    private record Counted(KernelClient.Executed cell, int snippets) {}

    private Counted counted(String code) throws Exception {
        int before = snippetNumber();
        KernelClient.Executed cell = k.execute(code);
        assertEquals("ok", cell.status(), cell.traceback());
        return new Counted(cell, snippetNumber() - before);
    }

    /** The number JShell gave the snippet of this probe cell. */
    private int snippetNumber() throws Exception {
        String name = k.execute("System.out.print(new Object() {}.getClass().getName());").stdout();
        Matcher m = Pattern.compile("\\$JShell\\$(\\d+)").matcher(name);
        assertTrue(m.find(), name);
        return Integer.parseInt(m.group(1));
    }

    @Test
    @Order(20)
    void interruptStopsBusyLoopAndKeepsDefinitions() throws Exception {
        k.execute("long n = 0;");
        String id = k.send(k.shell, "execute_request", KernelClient.executeContent("while (true) { n++; }"));
        // wait until the loop runs
        while (true) {
            JsonNode m = k.receive(k.iopub);
            if (m.path("parent_header").path("msg_id").asText().equals(id)
                    && m.path("header").path("msg_type").asText().equals("execute_input")) break;
        }
        Thread.sleep(500);
        String iid = k.send(k.control, "interrupt_request", JSON.createObjectNode());
        assertEquals("ok", k.reply(k.control, iid).path("content").path("status").asText());
        k.shell.setReceiveTimeOut(5000); // generous liveness bound: the cell must end within 5 s
        try {
            JsonNode reply = k.reply(k.shell, id);
            assertEquals("error", reply.path("content").path("status").asText());
            assertTrue(reply.path("content").path("evalue").asText().contains("interrupted"));
        } finally {
            k.shell.setReceiveTimeOut(60_000);
        }
        k.iopubUntilIdle(id);
        assertEquals("true", k.execute("n >= 0").result(), "the definition survives the interrupt");
    }

    @Test
    @Order(21)
    void badSignaturesAndMalformedMessagesExecuteNothing() throws Exception {
        k.execute("int hacked = 0;");
        ObjectNode c = KernelClient.executeContent("hacked = 1;");
        k.send(k.shell, "execute_request", c, "0000deadbeef");                  // wrong signature
        k.send(k.shell, "execute_request", c, "");                              // missing signature
        k.shell.send("garbage-without-delimiter".getBytes(), 0);               // malformed frames
        List<byte[]> parts = List.of("{not json".getBytes(), "{}".getBytes(), "{}".getBytes(), "{}".getBytes());
        k.sendRaw(k.shell, parts, k.sign(parts));                               // signed, but not JSON
        List<byte[]> arr = List.of("[1]".getBytes(), "{}".getBytes(), "{}".getBytes(), JSON.writeValueAsBytes(c));
        k.sendRaw(k.shell, arr, k.sign(arr));                                   // header not an object
        k.sendRaw(k.control, parts, "bad");                                     // on control too
        KernelClient.Executed e = k.execute("hacked");
        assertEquals("0", e.result(), "no refused message executed");
        String log = k.log();
        assertTrue(log.contains("wrong HMAC signature"), log);
        assertTrue(log.contains("missing HMAC signature"), log);
        assertEquals("2", k.execute("1+1").result(), "the kernel keeps serving");
    }

    @Test
    @Order(30)
    void systemExitReplacesTheSnippetJvm() throws Exception {
        KernelClient.Executed e = k.execute("int before = 1;\nSystem.exit(3);");
        assertEquals("error", e.status());
        assertTrue((e.stderr() + e.traceback()).contains("definitions were lost"), e.stderr() + e.traceback());
        assertEquals("2", k.execute("1+1").result());
        assertEquals("error", k.execute("before").status(), "definitions are gone after the JVM was replaced");
    }

    @Test
    @Order(31)
    void hugeOutputIsTruncatedAndErrorsOfTheJvmAreReported() throws Exception {
        KernelClient.Executed big = k.execute("String s = \"x\".repeat(1_000_000); for (int i = 0; i < 12; i++) System.out.print(s);");
        assertEquals("ok", big.status());
        assertTrue(big.stdout().length() <= 4 << 20, "capped: " + big.stdout().length());
        assertTrue(big.stderr().contains("output truncated"), big.stderr());
        KernelClient.Executed so = k.execute("int down(int i) { return down(i + 1) + 1; }\ndown(0)");
        assertEquals("java.lang.StackOverflowError", so.reply().path("content").path("ename").asText());
        assertTrue(so.traceback().split("\n").length < 60, "the trace is cut short");
        KernelClient.Executed oom = k.execute("long[] big = new long[Integer.MAX_VALUE - 8];");
        assertEquals("java.lang.OutOfMemoryError", oom.reply().path("content").path("ename").asText());
        assertEquals("3", k.execute("1+2").result());
    }

    @Test
    @Order(40)
    void shutdownEndsTheProcess() throws Exception {
        String id = k.send(k.control, "shutdown_request", JSON.createObjectNode().put("restart", false));
        JsonNode r = k.reply(k.control, id);
        assertEquals("shutdown_reply", r.path("header").path("msg_type").asText());
        assertTrue(k.process.waitFor(20, TimeUnit.SECONDS), "the kernel process exits");
        assertEquals(0, k.process.exitValue(), k.log());
        assertEquals("ok", r.path("content").path("status").asText());
        assertFalse(r.path("content").path("restart").asBoolean(true), r.toString());
        assertTrue(k.log().contains("no.such.pkg"), "startup failures are reported on stderr: " + k.log());
    }
}
