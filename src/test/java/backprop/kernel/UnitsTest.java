package backprop.kernel;

import backprop.kernel.jshell.SessionConfig;
import backprop.kernel.wire.Signer;
import backprop.kernel.wire.WireCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small pieces that need no kernel process. */
class UnitsTest {
    @Test
    void signerMatchesHmacSha256AndRejectsWrongOrMissing() {
        Signer s = new Signer("key", "hmac-sha256");
        List<byte[]> parts = List.of("a".getBytes(), "b".getBytes());
        // HMAC-SHA256("key", "ab")
        String sig = s.sign(parts);
        assertEquals(64, sig.length());
        assertTrue(s.verify(sig, parts));
        assertFalse(s.verify("", parts));
        assertFalse(s.verify(sig.replace(sig.charAt(0), sig.charAt(0) == 'a' ? 'b' : 'a'), parts));
        assertTrue(new Signer("", "hmac-sha256").verify("", parts), "an empty key disables signing");
        assertThrows(IllegalArgumentException.class, () -> new Signer("k", "md5"));
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
