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
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static backprop.kernel.KernelClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a Jupyter front end expects beyond running cells, on the wire against a kernel process: stop_on_error,
 * stdin, history, user_expressions, requests on the control channel, replays, oversized and malformed
 * requests, a second client with the same identity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FrontendProtocolTest {
    KernelClient k;

    @BeforeAll
    void start() throws Exception {
        k = new KernelClient(List.of());
        k.waitReady();
    }

    @AfterAll
    void stop() throws Exception {
        if (k != null) k.close();
    }

    private static ObjectNode cell(String code) {
        return KernelClient.executeContent(code);
    }

    @Test
    @Order(1)
    void languageVersionIsTheFeatureRelease() throws Exception {
        JsonNode r = k.reply(k.shell, k.send(k.shell, "kernel_info_request", JSON.createObjectNode()));
        String version = r.path("content").path("language_info").path("version").asText();
        assertEquals(Integer.toString(Runtime.version().feature()), version);
        assertFalse(version.contains("."), version);
    }

    @Test
    @Order(2)
    void stopOnErrorAbortsTheQueuedCells() throws Exception {
        String failing = k.send(k.shell, "execute_request", cell("Thread.sleep(300);\nint[] none = new int[0];\nnone[1] = 5;"));
        String second = k.send(k.shell, "execute_request", cell("int ranAfterError = 1;"));
        String third = k.send(k.shell, "execute_request", cell("ranAfterError"));
        assertEquals("error", k.reply(k.shell, failing).path("content").path("status").asText());
        JsonNode r2 = k.reply(k.shell, second);
        assertEquals("execute_reply", r2.path("header").path("msg_type").asText());
        assertEquals("aborted", r2.path("content").path("status").asText());
        assertEquals("aborted", k.reply(k.shell, third).path("content").path("status").asText());
        k.iopubUntilIdle(third);
        assertEquals("error", k.execute("ranAfterError").status(), "the aborted cell did not run");

        // without stop_on_error the next cell runs
        ObjectNode go = cell("Thread.sleep(300);\nint[] none = new int[0];\nnone[1] = 5;");
        go.put("stop_on_error", false);
        String f = k.send(k.shell, "execute_request", go);
        String next = k.send(k.shell, "execute_request", cell("int ranAnyway = 2;"));
        assertEquals("error", k.reply(k.shell, f).path("content").path("status").asText());
        assertEquals("ok", k.reply(k.shell, next).path("content").path("status").asText());
        k.iopubUntilIdle(next);
        assertEquals("2", k.execute("ranAnyway").result());
    }

    /** Runs a cell, answering its input requests with {@code answers} (then with empty lines). */
    private KernelClient.Executed runWithInput(ObjectNode content, List<String> answers, List<JsonNode> requests) throws Exception {
        String id = k.send(k.shell, "execute_request", content);
        int answered = 0;
        k.shell.setReceiveTimeOut(100);
        k.stdin.setReceiveTimeOut(100);
        try {
            for (long end = System.nanoTime() + 60_000_000_000L; System.nanoTime() < end; ) {
                JsonNode reply = k.receiveOrNull(k.shell);
                if (reply != null && reply.path("parent_header").path("msg_id").asText().equals(id)) {
                    return new KernelClient.Executed(reply, k.iopubUntilIdle(id));
                }
                JsonNode req = k.receiveOrNull(k.stdin);
                if (req != null) {
                    requests.add(req);
                    String value = answered < answers.size() ? answers.get(answered) : "";
                    answered++;
                    k.send(k.stdin, "input_reply", JSON.createObjectNode().put("value", value));
                }
            }
            throw new AssertionError("no execute_reply within 60 s; kernel log:\n" + k.log());
        } finally {
            k.shell.setReceiveTimeOut(60_000);
            k.stdin.setReceiveTimeOut(60_000);
        }
    }

    @Test
    @Order(4)
    void interruptEndsAWaitForInput() throws Exception {
        ObjectNode c = cell("String never = new Scanner(System.in).nextLine();");
        c.put("allow_stdin", true);
        String id = k.send(k.shell, "execute_request", c);
        JsonNode req = k.receive(k.stdin);
        assertEquals(id, req.path("parent_header").path("msg_id").asText());
        k.reply(k.control, k.send(k.control, "interrupt_request", JSON.createObjectNode()));
        JsonNode reply = k.reply(k.shell, id);
        assertEquals("error", reply.path("content").path("status").asText());
        k.iopubUntilIdle(id);
        assertEquals("7", k.execute("3 + 4").result(), "the kernel serves on");
    }

    @Test
    @Order(3)
    void stdinAsksTheFrontEnd() throws Exception {
        ObjectNode c = cell("System.out.print(\"name? \");\nString name = new Scanner(System.in).nextLine();\nname + \"!\" + name.length()");
        c.put("allow_stdin", true);
        List<JsonNode> requests = new ArrayList<>();
        KernelClient.Executed e = runWithInput(c, List.of("Grüße"), requests);
        assertEquals("ok", e.status(), e.traceback());
        assertEquals("Grüße!5", e.result());
        assertEquals("name? ", e.stdout(), "what was printed before the read came first");
        JsonNode req = requests.get(0);
        assertEquals("input_request", req.path("header").path("msg_type").asText());
        assertEquals(e.reply().path("parent_header").path("msg_id").asText(), req.path("parent_header").path("msg_id").asText());
        assertFalse(req.path("content").path("password").asBoolean());
        assertEquals(1, requests.size(), "one line asked for (JDK 17: runtime.StdinGuard)");

    }

    @Test
    @Order(5)
    void historyHasThisSessionsCells() throws Exception {
        k.execute("int histA = 1;");
        KernelClient.Executed b = k.execute("histA + 41");
        int nb = b.reply().path("content").path("execution_count").asInt();
        JsonNode tail = history(JSON.createObjectNode().put("hist_access_type", "tail").put("n", 2).put("output", false));
        assertEquals("[[1," + (nb - 1) + ",\"int histA = 1;\"],[1," + nb + ",\"histA + 41\"]]", tail.toString());
        JsonNode withOutput = history(JSON.createObjectNode().put("hist_access_type", "tail").put("n", 1).put("output", true));
        assertEquals("[[1," + nb + ",[\"histA + 41\",\"42\"]]]", withOutput.toString());
        JsonNode range = history(JSON.createObjectNode().put("hist_access_type", "range").put("session", 0)
                .put("start", nb - 1).put("stop", nb));
        assertEquals("[[1," + (nb - 1) + ",\"int histA = 1;\"]]", range.toString());
        k.execute("histA + 41");
        JsonNode search = history(JSON.createObjectNode().put("hist_access_type", "search").put("pattern", "histA +*")
                .put("unique", true));
        assertEquals(1, search.size(), search.toString());
        assertEquals("histA + 41", search.get(0).get(2).asText());
        assertEquals(2, history(JSON.createObjectNode().put("hist_access_type", "search").put("pattern", "hist? + 41")).size());
    }

    private JsonNode history(ObjectNode req) throws Exception {
        JsonNode r = k.reply(k.shell, k.send(k.shell, "history_request", req));
        assertEquals("ok", r.path("content").path("status").asText(), r.toString());
        return r.path("content").path("history");
    }

    @Test
    @Order(6)
    void userExpressionsAreEvaluatedAfterTheCell() throws Exception {
        ObjectNode c = cell("int ue = 6;");
        ObjectNode ue = c.putObject("user_expressions");
        ue.put("answer", "ue * 7");
        ue.put("missing", "noSuchName + 1");
        ue.put("number", 42);
        KernelClient.Executed e = k.execute(c);
        JsonNode got = e.reply().path("content").path("user_expressions");
        assertEquals("ok", got.path("answer").path("status").asText(), got.toString());
        assertEquals("42", got.path("answer").path("data").path("text/plain").asText());
        assertEquals("error", got.path("missing").path("status").asText());
        assertEquals("CompilationException", got.path("missing").path("ename").asText());
        assertEquals("error", got.path("number").path("status").asText());
        assertTrue(got.path("number").path("evalue").asText().contains("must be a string"), got.toString());
        assertTrue(e.of("execute_result").isEmpty(), "user expressions are no Out[n]");
    }

    @Test
    @Order(7)
    void displayCallShowsNoOut() throws Exception {
        KernelClient.Executed e = k.execute("display(\"shown once\");");
        assertEquals("ok", e.status(), e.traceback());
        assertEquals("shown once", e.of("display_data").get(0).path("content").path("data").path("text/plain").asText());
        assertTrue(e.of("execute_result").isEmpty(), "no Out[n] with the display id: " + e.of("execute_result"));
        assertEquals("true", k.execute("display(\"x\").startsWith(\"display-\")").result(),
                "a display id used in an expression is its value");
    }

    @Test
    @Order(8)
    void executeOnControlWhileACellRunsIsRefusedAndHarmless() throws Exception {
        k.execute("int keptThroughControl = 5;");
        String running = k.send(k.shell, "execute_request", cell("Thread.sleep(1500);\nkeptThroughControl + 1"));
        Thread.sleep(400);
        JsonNode refused = k.reply(k.control, k.send(k.control, "execute_request", cell("keptThroughControl = 99;")));
        assertEquals("execute_reply", refused.path("header").path("msg_type").asText());
        assertEquals("error", refused.path("content").path("status").asText());
        assertEquals("KernelBusy", refused.path("content").path("ename").asText());
        JsonNode done = k.reply(k.shell, running);
        assertEquals("ok", done.path("content").path("status").asText());
        k.iopubUntilIdle(running);
        assertEquals("5", k.execute("keptThroughControl").result(), "the snippet JVM and its definitions live on");
        // while no cell runs, the control channel is served
        JsonNode served = k.reply(k.control, k.send(k.control, "execute_request", cell("keptThroughControl * 2")));
        assertEquals("ok", served.path("content").path("status").asText(), served.toString());
    }

    @Test
    @Order(9)
    void replayedMessageRunsOnce() throws Exception {
        k.execute("int replays = 0;");
        ObjectNode h = k.header("execute_request");
        List<byte[]> parts = List.of(JSON.writeValueAsBytes(h), "{}".getBytes(), "{}".getBytes(),
                JSON.writeValueAsBytes(cell("replays++;")));
        String sig = k.sign(parts);
        k.sendRaw(k.shell, parts, sig);
        k.reply(k.shell, h.path("msg_id").asText());
        k.sendRaw(k.shell, parts, sig);
        assertEquals("1", k.execute("replays").result(), "the replay did not run");
        assertTrue(k.log().contains("replayed"), k.log());
    }

    @Test
    @Order(10)
    void oversizedAndMalformedRequestsGetErrorReplies() throws Exception {
        int before = k.execute("1").reply().path("content").path("execution_count").asInt();
        String huge = "x".repeat(20_000_001);
        JsonNode big = k.reply(k.shell, k.send(k.shell, "execute_request", cell(huge)));
        assertEquals("error", big.path("content").path("status").asText());
        assertTrue(big.path("content").path("evalue").asText().contains("20,000,001 characters"), big.toString());
        for (String bad : new String[]{"42", "true", "[\"1+1\"]", "null", "{\"a\":1}"}) {
            ObjectNode c = cell("");
            c.set("code", JSON.readTree(bad));
            JsonNode r = k.reply(k.shell, k.send(k.shell, "execute_request", c));
            assertEquals("error", r.path("content").path("status").asText(), bad);
            assertEquals("BadRequest", r.path("content").path("ename").asText(), bad);
            assertTrue(r.path("content").path("evalue").asText().contains("code must be a string, got " + bad), r.toString());
        }
        // correctly signed, but its content is not JSON: an error reply, not silence
        ObjectNode h = k.header("execute_request");
        List<byte[]> parts = List.of(JSON.writeValueAsBytes(h), "{}".getBytes(), "{}".getBytes(), "{\"code\": ".getBytes());
        k.sendRaw(k.shell, parts, k.sign(parts));
        JsonNode unreadable = k.reply(k.shell, h.path("msg_id").asText());
        assertEquals("execute_reply", unreadable.path("header").path("msg_type").asText());
        assertEquals("BadRequest", unreadable.path("content").path("ename").asText(), unreadable.toString());
        assertTrue(unreadable.path("content").path("evalue").asText().startsWith("content is not valid JSON"), unreadable.toString());
        ObjectNode noCode = JSON.createObjectNode();
        JsonNode r = k.reply(k.shell, k.send(k.shell, "execute_request", noCode));
        assertTrue(r.path("content").path("evalue").asText().contains("got nothing"), r.toString());
        JsonNode cr = k.reply(k.shell, k.send(k.shell, "complete_request", JSON.createObjectNode().put("code", 7).put("cursor_pos", 1)));
        assertEquals("complete_reply", cr.path("header").path("msg_type").asText());
        assertEquals("error", cr.path("content").path("status").asText());
        int after = k.execute("2").reply().path("content").path("execution_count").asInt();
        assertEquals(before + 1, after, "none of the refused requests ran or counted");
    }

    /**
     * jupyter_client gives a KernelManager's clients one session, hence one ZeroMQ identity: as with ipykernel
     * (ROUTER_HANDOVER), the newest connection with an identity gets the replies.
     */
    @Test
    @Order(11)
    void aSecondClientWithTheSameIdentityIsServed() throws Exception {
        ZMQ.Socket second = k.connect(SocketType.DEALER, k.ports[0]);
        String id2 = k.send(second, "kernel_info_request", JSON.createObjectNode());
        assertEquals("kernel_info_reply", k.reply(second, id2).path("header").path("msg_type").asText());
        String id = k.send(second, "execute_request", cell("6 * 7"));
        assertEquals("ok", k.reply(second, id).path("content").path("status").asText());
        second.close();
    }
}
