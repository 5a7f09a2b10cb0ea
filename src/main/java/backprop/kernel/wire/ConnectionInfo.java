package backprop.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The connection file Jupyter hands to a kernel: where to bind and how to sign. */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                             int controlPort, int hbPort, String key, String signatureScheme) {

    public static ConnectionInfo read(Path file) throws IOException {
        JsonNode n = new ObjectMapper().readTree(Files.readAllBytes(file));
        if (n == null || !n.isObject()) {
            throw new IOException("connection file " + file + " must hold a JSON object, got: " + n);
        }
        return new ConnectionInfo(
                text(n, "transport", "tcp"), text(n, "ip", "127.0.0.1"),
                port(n, "shell_port"), port(n, "iopub_port"), port(n, "stdin_port"),
                port(n, "control_port"), port(n, "hb_port"),
                text(n, "key", ""), text(n, "signature_scheme", "hmac-sha256"));
    }

    private static String text(JsonNode n, String field, String dflt) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }

    private static int port(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IOException("connection file field " + field + " must be a port number, got: " + v);
        }
        return v.asInt();
    }

    /** The ZeroMQ endpoint for one port, on the connection file's address only. */
    public String endpoint(int port) {
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }
}
