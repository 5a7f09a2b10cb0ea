package backprop.kernel.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns ZeroMQ multipart frames into checked {@link Message}s and back (Jupyter messaging 5.3). A signed
 * message is accepted once: the signatures of the last {@value #REMEMBERED} messages are remembered (as
 * jupyter_client does), so a replayed message is refused.
 */
public final class WireCodec {
    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    public static final String PROTOCOL_VERSION = "5.3";
    /** Longest JSON string read (Jackson's default, 20 M characters, is below what a front end may send). */
    public static final int MAX_STRING_CHARS = 200_000_000;
    public static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build()).build());
    static final int REMEMBERED = 1 << 16;

    private final Signer signer;
    private final String session = UUID.randomUUID().toString();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    public WireCodec(Signer signer) {
        this.signer = signer;
    }

    /** The content of an error reply: status "error", ename, evalue and the traceback (one entry per line). */
    public static ObjectNode errorContent(String ename, String evalue, List<String> traceback) {
        ObjectNode c = JSON.createObjectNode();
        c.put("status", "error");
        c.put("ename", ename);
        c.put("evalue", evalue);
        traceback.forEach(c.putArray("traceback")::add);
        return c;
    }

    /** The same with the one-line traceback "ename: evalue". */
    public static ObjectNode errorContent(String ename, String evalue) {
        return errorContent(ename, evalue, List.of(ename + ": " + evalue));
    }

    /** Why a multipart message was refused; nothing of it was executed. */
    public static final class BadMessage extends Exception {
        private final transient Message request;

        public BadMessage(String why) {
            this(why, null);
        }

        BadMessage(String why, Message request) {
            super(why);
            this.request = request;
        }

        /** A correctly signed request whose header was read but not the rest (to answer with an error), or null. */
        public Message request() {
            return request;
        }
    }

    public Message decode(List<byte[]> frames) throws BadMessage {
        int d = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                d = i;
                break;
            }
        }
        if (d < 0) throw new BadMessage("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        if (frames.size() < d + 6) {
            throw new BadMessage("expected signature + 4 JSON frames after the delimiter, got " + (frames.size() - d - 1));
        }
        List<byte[]> parts = frames.subList(d + 2, d + 6);
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        if (!signer.verify(signature, parts)) {
            throw new BadMessage(signature.isEmpty() ? "missing HMAC signature" : "wrong HMAC signature");
        }
        if (!signature.isEmpty()) {
            synchronized (seen) {
                if (seen.put(signature.toLowerCase(), Boolean.TRUE) != null) {
                    throw new BadMessage("a replayed message (its signature was accepted before)");
                }
            }
        }
        ObjectNode header = object(parts.get(0), "header");
        if (!header.path("msg_type").isTextual() || header.path("msg_type").asText().isEmpty()) {
            throw new BadMessage("header has no msg_type string: " + header);
        }
        List<byte[]> identities = new ArrayList<>(frames.subList(0, d));
        try {
            return new Message(identities, header, object(parts.get(1), "parent_header"),
                    object(parts.get(2), "metadata"), object(parts.get(3), "content"),
                    new ArrayList<>(frames.subList(d + 6, frames.size())));
        } catch (BadMessage e) {
            ObjectNode none = JSON.createObjectNode();
            throw new BadMessage(e.getMessage(), new Message(identities, header, none, none, none, List.of()));
        }
    }

    private static ObjectNode object(byte[] bytes, String what) throws BadMessage {
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new BadMessage(what + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (n == null || n.isMissingNode()) return JSON.createObjectNode();
        if (!n.isObject()) throw new BadMessage(what + " must be a JSON object, got " + n.getNodeType());
        return (ObjectNode) n;
    }

    public List<byte[]> encode(Message m) {
        try {
            List<byte[]> parts = List.of(JSON.writeValueAsBytes(m.header()), JSON.writeValueAsBytes(m.parentHeader()),
                    JSON.writeValueAsBytes(m.metadata()), JSON.writeValueAsBytes(m.content()));
            List<byte[]> frames = new ArrayList<>(m.identities());
            frames.add(DELIMITER);
            frames.add(signer.sign(parts).getBytes(StandardCharsets.US_ASCII));
            frames.addAll(parts);
            frames.addAll(m.buffers());
            return frames;
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise message " + m.type(), e);
        }
    }

    /** A new message of this kernel's session, answering {@code parent} (may be null). */
    public Message create(List<byte[]> identities, Message parent, String type, ObjectNode content) {
        ObjectNode h = JSON.createObjectNode();
        h.put("msg_id", UUID.randomUUID().toString());
        h.put("session", session);
        h.put("username", "kernel");
        h.put("date", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        h.put("msg_type", type);
        h.put("version", PROTOCOL_VERSION);
        ObjectNode ph = parent == null ? JSON.createObjectNode() : parent.header();
        return new Message(identities, h, ph, JSON.createObjectNode(), content, List.of());
    }
}
