package backprop.kernel;

import backprop.kernel.session.DisplayData;
import backprop.kernel.session.ExecutionResult;
import backprop.kernel.session.OutputSink;
import backprop.kernel.session.Session;
import backprop.kernel.wire.ConnectionInfo;
import backprop.kernel.wire.KernelServer;
import backprop.kernel.wire.Message;
import backprop.kernel.wire.WireCodec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A private kernel on free loopback ports, with a client, that answers every cell with "2" without compiling
 * anything: its round trips run the kernel's own wire path (ZeroMQ, Jackson, the HMAC, {@link JavaKernel}'s
 * execute) so that the JIT compiles it. Used by {@code kernel/install} (the class-data-sharing archive then
 * holds those classes) and, at every start, between the rounds of the session's warm-up while the user reads.
 * In the first cells after a 5 s pause, the part of a 1+1 round trip outside the session (the client's included)
 * was ~7 ms without it, ~4 ms with it, and ~2.5 ms after 500 cells.
 */
final class WireWarmUp implements AutoCloseable {
    private KernelServer server;
    private Thread serving;
    private ZContext context;
    private ZMQ.Socket shell;

    /** Opens the private kernel and its client (at the first round trip). */
    private void open() throws IOException {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports[i] = s.getLocalPort();
            }
        }
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4],
                "warm-up", "hmac-sha256");
        server = new KernelServer(info);
        JavaKernel kernel = new JavaKernel(server, CompletableFuture.completedFuture(new Two()));
        serving = new Thread(() -> server.serve(kernel), "warm-up-serve");
        serving.setDaemon(true);
        serving.start();
        context = new ZContext(1);
        shell = context.createSocket(SocketType.DEALER);
        shell.setReceiveTimeOut(10_000);
        shell.connect(info.endpoint(info.shellPort()));
    }

    /**
     * {@code n} round trips of a signed execute_request, the first opening the private kernel; an IOException if
     * one gets no execute_reply with status ok within 10 s.
     */
    void roundTrips(int n) throws IOException {
        if (server == null) open();
        for (int i = 0; i < n; i++) {
            ObjectNode content = WireCodec.JSON.createObjectNode().put("code", "1 + 1").put("silent", false);
            KernelServer.sendFrames(shell, server.codec().encode(server.codec().create(List.of(), null,
                    "execute_request", content)));
            List<byte[]> reply = KernelServer.receive(shell, 0);
            if (reply == null) throw new IOException("no execute_reply within 10 s");
            Message m;
            try {
                m = server.codec().decode(reply);
            } catch (WireCodec.BadMessage e) {
                throw new IOException("a bad execute_reply: " + e.getMessage(), e);
            }
            if (!m.type().equals("execute_reply") || !m.content().path("status").asText().equals("ok")) {
                throw new IOException("expected an execute_reply with status ok, got " + m.type() + " " + m.content());
            }
        }
    }

    @Override
    public void close() {
        if (server == null) return;
        server.stop();
        try {
            serving.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        context.close();
    }

    /** The warm-up's session: every cell's value is 2. */
    private static final class Two implements Session {
        public ExecutionResult execute(String code, OutputSink out) {
            return ExecutionResult.ok(new DisplayData(Map.of("text/plain", "2"), null));
        }

        public Completions complete(String code, int cursor) {
            return new Completions(List.of(), cursor, cursor);
        }

        public String inspect(String code, int cursor) {
            return null;
        }

        public IsComplete isComplete(String code) {
            return new IsComplete("complete", "");
        }

        public void interrupt() {}

        public void close() {}
    }
}
