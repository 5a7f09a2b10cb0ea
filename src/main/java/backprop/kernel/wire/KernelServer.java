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
 * malformed is logged and dropped (a correctly signed request whose content cannot be read gets an error reply),
 * and the loop keeps serving. Sockets bind to the connection file's address only.
 */
public final class KernelServer implements Frontend, AutoCloseable {

    public enum Channel { SHELL, CONTROL }

    /** Handles one checked message; exceptions are logged, never end a loop. */
    public interface Handler {
        /** The reply to {@code request}, or null for none. Runs on the channel's own thread. */
        Reply handle(Channel channel, Message request) throws Exception;
    }

    /** What the server does after sending a reply. */
    public enum After {
        /** Serve on. */
        NOTHING,
        /** Answer the execute_requests already queued on this channel "aborted" (stop_on_error), serve the rest. */
        ABORT_QUEUED,
        /** Stop serving (shutdown). */
        STOP
    }

    /** A reply's type and content, and what the server does once it is sent. */
    public record Reply(String type, ObjectNode content, After after) {
        public Reply(String type, ObjectNode content) {
            this(type, content, After.NOTHING);
        }
    }

    private final ConnectionInfo info;
    private final WireCodec codec;
    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket shell, control, iopub, stdin, heartbeat;
    private final Object iopubLock = new Object();
    private final Object stdinLock = new Object();
    private volatile boolean inputCancelled;
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
        // as ipykernel: a client that connects with an identity in use (a second client of the same
        // KernelManager shares its session, hence its identity) takes it over, the older one gets a new one
        if (type == SocketType.ROUTER) s.setRouterHandover(true);
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
                frames = receive(socket, 0);
            } catch (RuntimeException e) {
                if (running) log(channel + ": receive failed: " + e);
                continue;
            }
            if (frames != null) serveOne(socket, channel, handler, frames, false);
        }
    }

    /** Checks one multipart message and answers it: by the handler, or "aborted" while aborting executes. */
    private void serveOne(ZMQ.Socket socket, Channel channel, Handler handler, List<byte[]> frames, boolean aborting) {
        Message msg;
        try {
            msg = codec.decode(frames);
        } catch (WireCodec.BadMessage e) {
            log(channel + ": refused a message, nothing executed: " + e.getMessage());
            if (e.request() != null) refuse(socket, e.request(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            log(channel + ": refused a malformed message: " + e);
            return;
        }
        publishStatus(msg, "busy");
        Reply r = null;
        try {
            if (aborting && msg.type().equals("execute_request")) {
                r = new Reply("execute_reply", WireCodec.JSON.createObjectNode().put("status", "aborted"));
            } else {
                r = handler.handle(channel, msg);
            }
            if (r != null) sendFrames(socket, codec.encode(codec.create(msg.identities(), msg, r.type(), r.content())));
        } catch (Throwable e) {
            log(channel + ": handling " + msg.type() + " failed: " + e);
            e.printStackTrace();
        } finally {
            publishStatus(msg, "idle");
        }
        if (r == null) return;
        if (r.after() == After.STOP) running = false;
        if (r.after() == After.ABORT_QUEUED) {
            // what arrived while the failing cell ran; executes are aborted, the rest is served in order
            List<byte[]> queued;
            while ((queued = receive(socket, ZMQ.DONTWAIT)) != null) serveOne(socket, channel, handler, queued, true);
        }
    }

    /**
     * A signed request that could not be read (e.g. content over the size limit): an error reply, so the front
     * end does not wait forever. Nothing of it is executed.
     */
    private void refuse(ZMQ.Socket socket, Message request, String why) {
        String type = request.type();
        if (!type.endsWith("_request")) return;
        ObjectNode c = WireCodec.errorContent("BadRequest", why, List.of("The kernel could not read this " + type + ": " + why));
        publishStatus(request, "busy");
        sendFrames(socket, codec.encode(codec.create(request.identities(), request,
                type.substring(0, type.length() - "_request".length()) + "_reply", c)));
        publishStatus(request, "idle");
    }

    @Override
    public void cancelInput() {
        inputCancelled = true;
    }

    /**
     * Asks the front end that sent {@code parent} for a line of input (input_request on the stdin channel) and
     * waits for its input_reply. Throws InterruptedException when the calling thread is interrupted or
     * {@link #cancelInput} is called (checked every 250 ms), or the server stops.
     */
    @Override
    public String input(Message parent, String prompt, boolean password) throws InterruptedException {
        synchronized (stdinLock) {
            inputCancelled = false;
            while (receive(stdin, ZMQ.DONTWAIT) != null) { } // a late reply to an earlier, abandoned request
            ObjectNode c = WireCodec.JSON.createObjectNode();
            c.put("prompt", prompt);
            c.put("password", password);
            sendFrames(stdin, codec.encode(codec.create(parent.identities(), parent, "input_request", c)));
            while (true) {
                // (the flag too: a thread's interrupt status does not survive every ZeroMQ receive)
                if (inputCancelled || Thread.interrupted() || !running) throw new InterruptedException("no input: interrupted");
                List<byte[]> frames = receive(stdin, 0);
                if (frames == null) continue;
                try {
                    Message m = codec.decode(frames);
                    if (m.type().equals("input_reply")) return m.content().path("value").asText("");
                    log("stdin: ignored a " + m.type());
                } catch (WireCodec.BadMessage e) {
                    log("stdin: refused a message: " + e.getMessage());
                }
            }
        }
    }

    /**
     * One multipart message from {@code socket} (any ZeroMQ socket: the server's, or a client's as in the warm-up),
     * or null when none came within the socket's receive timeout (or none is queued, with DONTWAIT).
     */
    public static List<byte[]> receive(ZMQ.Socket socket, int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) return null;
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) frames.add(socket.recv(0));
        return frames;
    }

    /** Sends one multipart message on {@code socket}. */
    public static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
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
