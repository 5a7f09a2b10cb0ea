package backprop.kernel.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The five Jupyter sockets and their loops. It knows the wire, not the language: each checked message
 * goes to a {@link Handler}, wrapped in busy/idle status messages on IOPub, and the {@link Reply} it returns
 * is sent back to the sender on the channel the request came in on. A message that fails its signature or is
 * malformed is logged and dropped, and the loop keeps serving. Sockets bind to the connection file's address
 * only.
 */
public final class KernelServer implements Frontend, AutoCloseable {

    public enum Channel { SHELL, CONTROL }

    /** Handles one checked message; exceptions are logged, never end a loop. */
    public interface Handler {
        /** The reply to {@code request}, or null for none. Runs on the channel's own thread. */
        Reply handle(Channel channel, Message request) throws Exception;
    }

    /** A reply's type and content; {@code last}: the server stops serving once it is sent (shutdown). */
    public record Reply(String type, ObjectNode content, boolean last) {
        public Reply(String type, ObjectNode content) {
            this(type, content, false);
        }
    }

    private final ConnectionInfo info;
    private final WireCodec codec;
    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket shell, control, iopub, stdin, heartbeat;
    private final Object iopubLock = new Object();
    private volatile boolean running = true;
    private Thread controlThread, heartbeatThread;

    public KernelServer(ConnectionInfo info) {
        this.info = info;
        this.codec = new WireCodec(new Signer(info.key(), info.signatureScheme()));
        shell = bind(SocketType.ROUTER, info.shellPort());
        control = bind(SocketType.ROUTER, info.controlPort());
        stdin = bind(SocketType.ROUTER, info.stdinPort());
        iopub = bind(SocketType.PUB, info.iopubPort());
        heartbeat = bind(SocketType.REP, info.hbPort());
    }

    private ZMQ.Socket bind(SocketType type, int port) {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(1000);
        s.setReceiveTimeOut(250);
        s.bind(info.endpoint(port));
        return s;
    }

    public WireCodec codec() {
        return codec;
    }

    /** Starts heartbeat and control threads, then serves the shell socket on the calling thread until stop() or a last reply. */
    public void serve(Handler handler) {
        heartbeatThread = new Thread(this::heartbeatLoop, "jupyter-heartbeat");
        heartbeatThread.setDaemon(true);
        heartbeatThread.start();
        controlThread = new Thread(() -> loop(control, Channel.CONTROL, handler), "jupyter-control");
        controlThread.setDaemon(true);
        controlThread.start();
        loop(shell, Channel.SHELL, handler);
    }

    /** Ends the loops (the shell loop within its 250 ms receive timeout). */
    public void stop() {
        running = false;
    }

    private void heartbeatLoop() {
        while (running) {
            try {
                byte[] ping = heartbeat.recv(0);
                if (ping != null) heartbeat.send(ping, 0);
            } catch (RuntimeException e) {
                if (running) log("heartbeat: " + e);
            }
        }
    }

    private void loop(ZMQ.Socket socket, Channel channel, Handler handler) {
        while (running) {
            List<byte[]> frames;
            try {
                frames = receive(socket);
            } catch (RuntimeException e) {
                if (running) log(channel + ": receive failed: " + e);
                continue;
            }
            if (frames == null) continue;
            Message msg;
            try {
                msg = codec.decode(frames);
            } catch (WireCodec.BadMessage e) {
                log(channel + ": refused a message, nothing executed: " + e.getMessage());
                continue;
            } catch (RuntimeException e) {
                log(channel + ": refused a malformed message: " + e);
                continue;
            }
            publishStatus(msg, "busy");
            try {
                Reply r = handler.handle(channel, msg);
                if (r != null) {
                    sendFrames(channel == Channel.SHELL ? shell : control,
                            codec.encode(codec.create(msg.identities(), msg, r.type(), r.content())));
                    if (r.last()) running = false;
                }
            } catch (Throwable e) {
                log(channel + ": handling " + msg.type() + " failed: " + e);
                e.printStackTrace();
            } finally {
                publishStatus(msg, "idle");
            }
        }
    }

    private static List<byte[]> receive(ZMQ.Socket socket) {
        byte[] first = socket.recv(0);
        if (first == null) return null;
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) frames.add(socket.recv(0));
        return frames;
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    @Override
    public void publish(Message parent, String type, ObjectNode content) {
        Message m = codec.create(List.of(("kernel." + type).getBytes(StandardCharsets.UTF_8)), parent, type, content);
        List<byte[]> frames = codec.encode(m);
        synchronized (iopubLock) {
            sendFrames(iopub, frames);
        }
    }

    public void publishStatus(Message parent, String state) {
        ObjectNode c = WireCodec.JSON.createObjectNode();
        c.put("execution_state", state);
        publish(parent, "status", c);
    }

    @Override
    public void close() {
        running = false;
        try {
            if (controlThread != null) controlThread.join(1000);
            if (heartbeatThread != null) heartbeatThread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
    }

    public static void log(String line) {
        System.err.println("[backprop kernel] " + line);
        System.err.flush();
    }
}
