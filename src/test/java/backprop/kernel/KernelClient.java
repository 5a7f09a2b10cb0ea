package backprop.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A Jupyter client for tests: starts the kernel as its own process and speaks signed JSON over ZeroMQ. */
final class KernelClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final Process process;
    final Path dir;
    private final String key = UUID.randomUUID().toString();
    private final ZContext ctx = new ZContext();
    final ZMQ.Socket shell, control, stdin, iopub;
    final int[] ports;
    private final String session = UUID.randomUUID().toString();

    KernelClient(List<String> extraArgs) throws Exception {
        this(extraArgs, ProcessHandle.current().pid());
    }

    /** A kernel that exits with the process {@code parentPid} (JPY_PARENT_PID), by default this test JVM. */
    KernelClient(List<String> extraArgs, long parentPid) throws Exception {
        dir = Files.createTempDirectory("kernel-test");
        ports = freePorts(5);
        ObjectNode conn = JSON.createObjectNode();
        conn.put("transport", "tcp");
        conn.put("ip", "127.0.0.1");
        conn.put("shell_port", ports[0]);
        conn.put("iopub_port", ports[1]);
        conn.put("stdin_port", ports[2]);
        conn.put("control_port", ports[3]);
        conn.put("hb_port", ports[4]);
        conn.put("key", key);
        conn.put("signature_scheme", "hmac-sha256");
        Path file = dir.resolve("connection.json");
        Files.write(file, JSON.writeValueAsBytes(conn));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(IsolatedJupyter.KERNEL_OPENS);
        cmd.addAll(List.of("-Djava.awt.headless=true",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "backprop.kernel.Main"));
        cmd.addAll(extraArgs);
        cmd.add(file.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kernel.log").toFile());
        pb.environment().put("JPY_PARENT_PID", Long.toString(parentPid));
        process = pb.start();
        shell = connect(SocketType.DEALER, ports[0]);
        control = connect(SocketType.DEALER, ports[3]);
        stdin = connect(SocketType.DEALER, ports[2]);
        iopub = connect(SocketType.SUB, ports[1]);
        iopub.subscribe(new byte[0]);
    }

    String log() {
        try {
            return Files.readString(dir.resolve("kernel.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** As jupyter_client: shell, control and stdin sockets have the session id as their identity. */
    ZMQ.Socket connect(SocketType type, int port) {
        ZMQ.Socket s = ctx.createSocket(type);
        s.setLinger(0);
        if (type == SocketType.DEALER) s.setIdentity(session.getBytes(StandardCharsets.US_ASCII));
        s.setReceiveTimeOut(60_000);
        s.connect("tcp://127.0.0.1:" + port);
        return s;
    }

    static int[] freePorts(int n) throws IOException {
        int[] p = new int[n];
        List<ServerSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                open.add(s);
                p[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : open) s.close();
        }
        return p;
    }

    String sign(List<byte[]> parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (byte[] p : parts) mac.update(p);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    ObjectNode header(String type) {
        ObjectNode h = JSON.createObjectNode();
        h.put("msg_id", UUID.randomUUID().toString());
        h.put("session", session);
        h.put("username", "test");
        h.put("date", "2024-01-01T00:00:00Z");
        h.put("msg_type", type);
        h.put("version", "5.3");
        return h;
    }

    /** Sends a request; returns its msg_id. {@code signature} null means a correct one. */
    String send(ZMQ.Socket socket, String type, ObjectNode content, String signature) throws Exception {
        ObjectNode h = header(type);
        List<byte[]> parts = List.of(JSON.writeValueAsBytes(h), "{}".getBytes(), "{}".getBytes(), JSON.writeValueAsBytes(content));
        sendRaw(socket, parts, signature == null ? sign(parts) : signature);
        return h.get("msg_id").asText();
    }

    void sendRaw(ZMQ.Socket socket, List<byte[]> parts, String signature) {
        socket.send("<IDS|MSG>".getBytes(), ZMQ.SNDMORE);
        socket.send(signature.getBytes(), ZMQ.SNDMORE);
        for (int i = 0; i < parts.size(); i++) socket.send(parts.get(i), i < parts.size() - 1 ? ZMQ.SNDMORE : 0);
    }

    String send(ZMQ.Socket socket, String type, ObjectNode content) throws Exception {
        return send(socket, type, content, null);
    }

    /** The next message on a socket, its signature checked: {header, parent_header, content}. */
    JsonNode receive(ZMQ.Socket socket) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        byte[] f = socket.recv(0);
        if (f == null) throw new AssertionError("no message within the timeout; kernel log:\n" + log());
        frames.add(f);
        while (socket.hasReceiveMore()) frames.add(socket.recv(0));
        int d = 0;
        while (!new String(frames.get(d), StandardCharsets.UTF_8).equals("<IDS|MSG>")) d++;
        List<byte[]> parts = frames.subList(d + 2, d + 6);
        String sig = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        if (!sig.equals(sign(parts))) throw new AssertionError("kernel sent a wrongly signed message");
        ObjectNode m = JSON.createObjectNode();
        m.set("header", JSON.readTree(parts.get(0)));
        m.set("parent_header", JSON.readTree(parts.get(1)));
        m.set("content", JSON.readTree(parts.get(3)));
        return m;
    }

    /** The reply to {@code msgId} on this socket. */
    JsonNode reply(ZMQ.Socket socket, String msgId) throws Exception {
        while (true) {
            JsonNode m = receive(socket);
            if (m.path("parent_header").path("msg_id").asText().equals(msgId)) return m;
        }
    }

    /** IOPub messages with parent {@code msgId} up to and including its idle status. */
    List<JsonNode> iopubUntilIdle(String msgId) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            JsonNode m = receive(iopub);
            if (!m.path("parent_header").path("msg_id").asText().equals(msgId)) continue;
            out.add(m);
            if (m.path("header").path("msg_type").asText().equals("status")
                    && m.path("content").path("execution_state").asText().equals("idle")) return out;
        }
    }

    record Executed(JsonNode reply, List<JsonNode> iopub) {
        List<JsonNode> of(String type) {
            return iopub.stream().filter(m -> m.path("header").path("msg_type").asText().equals(type)).toList();
        }

        String stdout() {
            StringBuilder sb = new StringBuilder();
            for (JsonNode m : of("stream")) if (m.path("content").path("name").asText().equals("stdout")) sb.append(m.path("content").path("text").asText());
            return sb.toString();
        }

        String stderr() {
            StringBuilder sb = new StringBuilder();
            for (JsonNode m : of("stream")) if (m.path("content").path("name").asText().equals("stderr")) sb.append(m.path("content").path("text").asText());
            return sb.toString();
        }

        /** text/plain of the execute_result, or null. */
        String result() {
            List<JsonNode> r = of("execute_result");
            return r.isEmpty() ? null : r.get(0).path("content").path("data").path("text/plain").asText();
        }

        String status() {
            return reply.path("content").path("status").asText();
        }

        String traceback() {
            JsonNode tb = reply.path("content").path("traceback");
            if (!tb.isArray()) return "(no traceback; status " + status() + ")";
            return String.join("\n", JSON.convertValue(tb, String[].class));
        }
    }

    static ObjectNode executeContent(String code) {
        ObjectNode c = JSON.createObjectNode();
        c.put("code", code);
        c.put("silent", false);
        c.put("store_history", true);
        c.putObject("user_expressions");
        c.put("allow_stdin", false);
        c.put("stop_on_error", true);
        return c;
    }

    Executed execute(String code) throws Exception {
        return execute(executeContent(code));
    }

    /** Runs an execute_request with this content: its reply and its IOPub messages. */
    Executed execute(ObjectNode content) throws Exception {
        String id = send(shell, "execute_request", content);
        JsonNode reply = reply(shell, id);
        return new Executed(reply, iopubUntilIdle(id));
    }

    /** Waits until the kernel answers kernel_info (and IOPub is connected). */
    JsonNode waitReady() throws Exception {
        JsonNode info = null;
        java.util.Set<String> sent = new java.util.HashSet<>();
        for (int i = 0; i < 120 && info == null; i++) {
            sent.add(send(shell, "kernel_info_request", JSON.createObjectNode()));
            shell.setReceiveTimeOut(500);
            try {
                JsonNode m = receiveOrNull(shell);
                if (m != null && sent.contains(m.path("parent_header").path("msg_id").asText())) info = m;
            } finally {
                shell.setReceiveTimeOut(60_000);
            }
            if (!process.isAlive()) throw new AssertionError("kernel exited: " + log());
        }
        if (info == null) throw new AssertionError("kernel never answered kernel_info: " + log());
        shell.setReceiveTimeOut(300);
        try {
            while (receiveOrNull(shell) != null) { } // late answers to the other probes
        } finally {
            shell.setReceiveTimeOut(60_000);
        }
        // IOPub subscriptions take a moment: wait until our own messages arrive there
        iopub.setReceiveTimeOut(200);
        try {
            for (int i = 0; i < 100; i++) {
                String id = send(shell, "kernel_info_request", JSON.createObjectNode());
                reply(shell, id);
                JsonNode m = receiveOrNull(iopub);
                boolean seen = false;
                while (m != null) {
                    if (m.path("parent_header").path("msg_id").asText().equals(id)) seen = true;
                    m = receiveOrNull(iopub);
                }
                if (seen) break;
            }
        } finally {
            iopub.setReceiveTimeOut(60_000);
        }
        return info;
    }

    JsonNode receiveOrNull(ZMQ.Socket s) throws Exception {
        byte[] f = s.recv(0);
        if (f == null) return null;
        List<byte[]> frames = new ArrayList<>();
        frames.add(f);
        while (s.hasReceiveMore()) frames.add(s.recv(0));
        int d = 0;
        while (!new String(frames.get(d), StandardCharsets.UTF_8).equals("<IDS|MSG>")) d++;
        ObjectNode m = JSON.createObjectNode();
        m.set("header", JSON.readTree(frames.get(d + 2)));
        m.set("parent_header", JSON.readTree(frames.get(d + 3)));
        m.set("content", JSON.readTree(frames.get(d + 5)));
        return m;
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            try {
                String id = send(control, "shutdown_request", JSON.createObjectNode().put("restart", false));
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
            }
            process.destroyForcibly();
        }
        ctx.close();
        deleteTree(dir.toFile());
    }

    static void deleteTree(File f) {
        File[] kids = f.listFiles();
        if (kids != null) for (File k : kids) deleteTree(k);
        f.delete();
    }
}
