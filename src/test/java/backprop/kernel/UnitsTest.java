package backprop.kernel;

import backprop.kernel.jshell.SessionConfig;
import backprop.kernel.wire.Signer;
import backprop.kernel.wire.WireCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small pieces that need no kernel process. */
class UnitsTest {
    @Test
    @Timeout(60)
    void wireWarmUpGetsAnOkExecuteReplyForEachRequest() throws Exception {
        // roundTrips throws unless each execute_request gets an execute_reply with status ok
        try (WireWarmUp wire = new WireWarmUp()) {
            wire.roundTrips(3);
            wire.roundTrips(2);
        }
        new WireWarmUp().close(); // closing one that never opened is harmless
    }

    @Test
    void signerMatchesRfc4231AndRejectsWrongOrMissing() {
        // RFC 4231, test case 2: HMAC-SHA-256 with key "Jefe" of "what do ya want for nothing?"
        Signer s = new Signer("Jefe", "hmac-sha256");
        List<byte[]> parts = List.of("what do ya want ".getBytes(StandardCharsets.US_ASCII), "for nothing?".getBytes(StandardCharsets.US_ASCII));
        String sig = s.sign(parts);
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", sig);
        assertTrue(s.verify(sig, parts));
        assertTrue(s.verify(sig.toUpperCase(), parts), "hex case does not matter");
        assertFalse(s.verify("", parts));
        assertFalse(s.verify(sig.substring(0, 63) + (sig.charAt(63) == '3' ? '4' : '3'), parts));
        assertTrue(new Signer("", "hmac-sha256").verify("", parts), "an empty key disables signing");
        assertThrows(IllegalArgumentException.class, () -> new Signer("k", "md5"));
    }

    @Test
    void historyServesTailRangeAndSearch() throws Exception {
        History h = new History();
        h.add(1, "int a = 1;", null);
        h.add(2, "a + 1", "2");
        h.add(3, "a + 1", "2");
        h.add(5, "String s = \"x\";", null);
        assertEquals("[[1,3,\"a + 1\"],[1,5,\"String s = \\\"x\\\";\"]]", history(h, "{\"hist_access_type\":\"tail\",\"n\":2}"));
        assertEquals("[[1,5,[\"String s = \\\"x\\\";\",null]]]", history(h, "{\"hist_access_type\":\"tail\",\"n\":1,\"output\":true}"));
        assertEquals("[[1,2,\"a + 1\"],[1,3,\"a + 1\"]]", history(h, "{\"hist_access_type\":\"range\",\"session\":0,\"start\":2,\"stop\":5}"));
        assertEquals("[[1,5,\"String s = \\\"x\\\";\"]]", history(h, "{\"hist_access_type\":\"range\",\"session\":1,\"start\":4}"));
        assertEquals("[]", history(h, "{\"hist_access_type\":\"range\",\"session\":-1,\"start\":1}"), "earlier sessions are not kept");
        assertEquals("[[1,2,\"a + 1\"],[1,3,\"a + 1\"]]", history(h, "{\"hist_access_type\":\"search\",\"pattern\":\"a ?*\"}"));
        assertEquals("[[1,3,\"a + 1\"]]", history(h, "{\"hist_access_type\":\"search\",\"pattern\":\"a*\",\"unique\":true,\"n\":1}"));
        assertEquals("[]", history(h, "{\"hist_access_type\":\"search\",\"pattern\":\"+\"}"), "a pattern matches the whole input");
        String bad = h.reply(WireCodec.JSON.readTree("{\"hist_access_type\":\"everything\"}")).toString();
        assertTrue(bad.contains("\"status\":\"error\"") && bad.contains("everything"), bad);
    }

    private static String history(History h, String request) throws Exception {
        var r = h.reply(WireCodec.JSON.readTree(request));
        assertEquals("ok", r.path("status").asText(), r.toString());
        return r.path("history").toString();
    }

    @Test
    void errorRepliesHaveJupytersFields() {
        assertEquals("{\"status\":\"error\",\"ename\":\"BadRequest\",\"evalue\":\"no code\",\"traceback\":[\"BadRequest: no code\"]}",
                WireCodec.errorContent("BadRequest", "no code").toString());
        assertEquals("[\"line 1\",\"line 2\"]", WireCodec.errorContent("E", "v", List.of("line 1", "line 2")).path("traceback").toString());
    }

    @Test
    void codecRefusesAReplayedMessage() throws Exception {
        Signer signer = new Signer("k", "hmac-sha256");
        WireCodec c = new WireCodec(signer);
        List<byte[]> parts = List.of("{\"msg_type\":\"x\",\"msg_id\":\"1\"}".getBytes(), "{}".getBytes(), "{}".getBytes(), "{}".getBytes());
        List<byte[]> frames = new ArrayList<>(List.of("id".getBytes(), WireCodec.DELIMITER,
                signer.sign(parts).getBytes(StandardCharsets.US_ASCII)));
        frames.addAll(parts);
        assertEquals("x", c.decode(frames).type());
        WireCodec.BadMessage e = assertThrows(WireCodec.BadMessage.class, () -> c.decode(frames));
        assertTrue(e.getMessage().contains("replayed"), e.getMessage());
    }

    @Test
    void codecAnswersASignedRequestWhoseContentCannotBeRead() throws Exception {
        Signer signer = new Signer("k", "hmac-sha256");
        WireCodec c = new WireCodec(signer);
        List<byte[]> parts = List.of("{\"msg_type\":\"execute_request\",\"msg_id\":\"7\"}".getBytes(), "{}".getBytes(),
                "{}".getBytes(), "{\"code\": ".getBytes());
        List<byte[]> frames = new ArrayList<>(List.of("client".getBytes(), WireCodec.DELIMITER,
                signer.sign(parts).getBytes(StandardCharsets.US_ASCII)));
        frames.addAll(parts);
        WireCodec.BadMessage e = assertThrows(WireCodec.BadMessage.class, () -> c.decode(frames));
        assertTrue(e.getMessage().startsWith("content is not valid JSON"), e.getMessage());
        assertEquals("7", e.request().id(), "the header is kept, to answer with an error reply");
        assertEquals("client", new String(e.request().identities().get(0), StandardCharsets.US_ASCII));
    }

    @Test
    void codecRefusesMalformedMessages() {
        WireCodec c = new WireCodec(new Signer("k", "hmac-sha256"));
        assertThrows(WireCodec.BadMessage.class, () -> c.decode(List.of("x".getBytes())));
        List<byte[]> frames = new ArrayList<>(List.of("id".getBytes(), WireCodec.DELIMITER, "sig".getBytes()));
        assertThrows(WireCodec.BadMessage.class, () -> c.decode(frames));
        List<byte[]> parts = List.of("{\"msg_type\":\"x\",\"msg_id\":\"1\"}".getBytes(), "{}".getBytes(), "{}".getBytes(), "{}".getBytes());
        List<byte[]> good = new ArrayList<>(List.of("id".getBytes(), WireCodec.DELIMITER,
                new Signer("k", "hmac-sha256").sign(parts).getBytes(StandardCharsets.US_ASCII)));
        good.addAll(parts);
        assertDoesNotThrowBad(c, good);
    }

    private static void assertDoesNotThrowBad(WireCodec c, List<byte[]> frames) {
        try {
            assertEquals("x", c.decode(frames).type());
        } catch (WireCodec.BadMessage e) {
            throw new AssertionError(e.getMessage());
        }
    }

    @Test
    void ijavasVariablesMakeTheSessionConfig(@TempDir Path tmp) throws Exception {
        Files.createFile(tmp.resolve("b.jar"));
        Files.createFile(tmp.resolve("a.jar"));
        Files.createFile(tmp.resolve("notes.txt"));
        Path script = Files.writeString(tmp.resolve("s.jsh"), "int fromScript = 1;");
        Path extra = tmp.resolve("first.jsh");
        SessionConfig c = SessionConfig.fromEnvironment(Map.of(
                "IJAVA_TIMEOUT", "2 min",
                "IJAVA_COMPILER_OPTS", " --enable-preview  --release 17 ",
                "IJAVA_STARTUP_SCRIPT", "int fromVariable = 2;",
                "IJAVA_CLASSPATH", tmp + "/*.jar" + File.pathSeparator + tmp.resolve("classes"),
                "IJAVA_STARTUP_SCRIPTS_PATH", tmp + "/*.jsh"), List.of(extra), List.of("-Xmx1g"));
        assertEquals(120_000, c.timeoutMillis());
        assertEquals(List.of("--enable-preview", "--release", "17"), c.compilerOptions());
        assertEquals("int fromVariable = 2;", c.startupCode());
        assertEquals(List.of(tmp.resolve("a.jar").toString(), tmp.resolve("b.jar").toString(), tmp.resolve("classes").toString()),
                c.classpath(), "globs expanded in order, a plain entry kept as it is");
        assertEquals(List.of(extra, script), c.startupScripts(), "--startup files first");
        assertEquals(List.of("-Xmx1g"), c.remoteVmOptions());
        assertEquals(-1, SessionConfig.fromEnvironment(Map.of(), List.of(), List.of()).timeoutMillis(), "no IJAVA_TIMEOUT: none");
    }

    @Test
    void ijavaTimeoutParsesLikeIJava() {
        assertEquals(-1, SessionConfig.parseTimeout(null));
        assertEquals(-1, SessionConfig.parseTimeout("-1"));
        assertEquals(-1, SessionConfig.parseTimeout("0"));
        assertEquals(5000, SessionConfig.parseTimeout("5000"));
        assertEquals(30_000, SessionConfig.parseTimeout("30 s"));
        assertEquals(120_000, SessionConfig.parseTimeout("2 min"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionConfig.parseTimeout("soon"));
        assertTrue(e.getMessage().contains("soon"));
    }
}
