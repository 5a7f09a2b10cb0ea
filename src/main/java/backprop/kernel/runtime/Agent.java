package backprop.kernel.runtime;

import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Main class of the JVM that runs the snippets: JShell's remote agent, with TCP_NODELAY on its socket so
 * small command/result messages are not held back by Nagle's algorithm (which costs tens of milliseconds per
 * cell). Reads the kernel's port and a secret from stdin, connects, and serves JShell's commands.
 */
public final class Agent {
    private Agent() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(readLine(System.in));
        byte[] secret = Base64.getDecoder().decode(readLine(System.in));
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        out.write(secret);
        out.flush();
        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        outputs.put("out", st -> System.setOut(new PrintStream(st, true, StandardCharsets.UTF_8)));
        outputs.put("err", st -> System.setErr(new PrintStream(st, true, StandardCharsets.UTF_8)));
        Map<String, Consumer<InputStream>> inputs = new HashMap<>();
        inputs.put("in", System::setIn);
        Util.forwardExecutionControlAndIO(new RemoteExecutionControl(), in, out, outputs, inputs);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') line.write(b);
        return line.toString(StandardCharsets.US_ASCII).trim();
    }
}
