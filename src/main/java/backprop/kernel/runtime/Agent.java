package backprop.kernel.runtime;

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
 * Main class of the JVM that runs the snippets (started by the kernel, without a debugger agent, so cells run
 * at full JIT speed). Reads the kernel's port and a secret from stdin, connects (TCP_NODELAY: small
 * command/result messages are not held back by Nagle's algorithm, which costs tens of milliseconds per cell),
 * and serves JShell's commands with {@link SnippetControl}.
 *
 * <p>Stdin stays the kernel's line to this JVM: a line {@code stop N} stops the cell of command N, and its end
 * (the kernel exited, or was killed) halts this JVM at once, whatever its threads are doing.
 */
public final class Agent {
    /**
     * Ends the method name of an invoke command whose value may be the cell's result: this JVM then renders a rich
     * value as the cell runs and sends its bundle back as a "result" frame ({@link SnippetControl}). A space, so no
     * Java method name ends with it.
     */
    public static final String RESULT_MARK = " result";

    private Agent() {}

    /**
     * Connects to the kernel and serves it.
     *
     * @param args none (the port and the secret come on stdin)
     * @throws Exception if the kernel cannot be reached
     */
    public static void main(String[] args) throws Exception {
        InputStream kernel = System.in;
        PrintStream log = System.err;
        String portLine = readLine(kernel);
        String secretLine = readLine(kernel);
        if (portLine == null || secretLine == null) throw new IOException("expected the kernel's port and secret on stdin");
        int port = Integer.parseInt(portLine);
        byte[] secret = Base64.getDecoder().decode(secretLine);
        SnippetControl control = new SnippetControl(log);
        Thread warmUp = new Thread(Agent::warmUp, "agent-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
        Thread watch = new Thread(() -> serveStops(kernel, control), "kernel-watch");
        watch.setDaemon(true);
        watch.start();
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
        inputs.put("in", pipe -> {
            System.setIn(pipe);
            try {
                StdinGuard.install();
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.println("[backprop snippet JVM] stdin: no guard on JShell's input pipe (" + e + "): a read may ask for a line twice");
            }
        });
        Util.forwardExecutionControlAndIO(control, in, out, outputs, inputs);
        System.exit(0); // the kernel closed the connection; threads the cells left running end too
    }

    /**
     * Instruments a few class files of its own (and throws the result away) while the kernel is still compiling
     * its imports, so that loading the first cell's class does not wait for ASM's first, interpreted run.
     */
    private static void warmUp() {
        for (Class<?> c : new Class<?>[]{SnippetControl.class, Display.class, BackEdges.class, StdinGuard.class}) {
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                if (in != null) BackEdges.instrument(in.readAllBytes());
            } catch (IOException | RuntimeException e) {
                return; // only a warm-up
            }
        }
    }

    /** Reads the kernel's stop requests until stdin ends, then halts: the kernel is gone. */
    private static void serveStops(InputStream kernel, SnippetControl control) {
        try {
            String line;
            while ((line = readLine(kernel)) != null) {
                if (line.startsWith("stop ")) control.stop(Long.parseLong(line.substring(5)));
            }
        } catch (IOException | RuntimeException e) {
            // treated as the end of stdin
        }
        Runtime.getRuntime().halt(0);
    }

    /** A line without its end, or null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') line.write(b);
        if (b == -1 && line.size() == 0) return null;
        return line.toString(StandardCharsets.US_ASCII).trim();
    }
}
