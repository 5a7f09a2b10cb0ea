package backprop.kernel;

import backprop.kernel.jshell.Timing;
import backprop.kernel.session.ExecutionResult;
import backprop.kernel.session.Session;
import backprop.kernel.wire.KernelServer;
import backprop.kernel.wire.KernelServer.Channel;
import backprop.kernel.wire.Message;
import backprop.kernel.wire.WireCodec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jupyter's requests mapped onto a {@link Session}. Knows the message types, not JShell. The session may
 * still be starting when the first requests come in: kernel_info is answered at once, the rest wait for it.
 */
final class JavaKernel implements KernelServer.Handler {
    static final String VERSION = "0.1.0";

    private final KernelServer server;
    private final CompletableFuture<Session> session;
    private final AtomicInteger executionCount = new AtomicInteger();
    private volatile boolean shuttingDown;

    JavaKernel(KernelServer server, CompletableFuture<Session> session) {
        this.server = server;
        this.session = session;
    }

    private Session session() {
        try {
            return session.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Java session was starting");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the Java session could not start: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void handle(Channel ch, Message msg) {
        String type = msg.type();
        if (type.startsWith("comm_")) {
            if (type.equals("comm_info_request")) {
                ObjectNode c = obj();
                c.put("status", "ok");
                c.putObject("comms");
                server.reply(ch, msg, "comm_info_reply", c);
            }
            return;
        }
        long t0 = System.nanoTime();
        server.publishStatus(msg, "busy");
        try {
            switch (type) {
                case "kernel_info_request" -> server.reply(ch, msg, "kernel_info_reply", kernelInfo());
                case "execute_request" -> execute(ch, msg);
                case "complete_request" -> complete(ch, msg);
                case "inspect_request" -> inspect(ch, msg);
                case "is_complete_request" -> isComplete(ch, msg);
                case "history_request" -> {
                    ObjectNode c = obj();
                    c.put("status", "ok");
                    c.putArray("history");
                    server.reply(ch, msg, "history_reply", c);
                }
                case "interrupt_request" -> {
                    if (session.isDone() && !session.isCompletedExceptionally()) session.join().interrupt();
                    ObjectNode c = obj();
                    c.put("status", "ok");
                    server.reply(ch, msg, "interrupt_reply", c);
                }
                case "shutdown_request" -> shutdown(ch, msg);
                default -> KernelServer.log("ignored a " + type + " on " + ch);
            }
        } finally {
            server.publishStatus(msg, "idle");
            if (Timing.on()) Timing.mark(String.format("%s: %.1f ms", type, (System.nanoTime() - t0) / 1e6));
        }
    }

    private static ObjectNode obj() {
        return WireCodec.JSON.createObjectNode();
    }

    static ObjectNode kernelInfo() {
        ObjectNode c = obj();
        c.put("status", "ok");
        c.put("protocol_version", WireCodec.PROTOCOL_VERSION);
        c.put("implementation", "backprop-java");
        c.put("implementation_version", VERSION);
        ObjectNode li = c.putObject("language_info");
        li.put("name", "java");
        li.put("version", System.getProperty("java.version"));
        li.put("mimetype", "text/x-java-source");
        li.put("file_extension", ".jshell");
        li.put("pygments_lexer", "java");
        li.put("codemirror_mode", "java");
        c.put("banner", "Java " + System.getProperty("java.version") + " (JShell) - backprop kernel " + VERSION);
        c.putArray("help_links");
        return c;
    }

    private void execute(Channel ch, Message msg) {
        ObjectNode req = msg.content();
        String code = req.path("code").asText("");
        boolean silent = req.path("silent").asBoolean(false);
        boolean store = req.path("store_history").asBoolean(!silent) && !silent;
        int count = store ? executionCount.incrementAndGet() : executionCount.get();
        ObjectNode in = obj();
        in.put("code", code);
        in.put("execution_count", count);
        server.publish(msg, "execute_input", in);

        IopubSink out = new IopubSink(server, msg);
        ExecutionResult r;
        long t = System.nanoTime();
        try {
            r = session().execute(code, out);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            KernelServer.log("execute failed: " + e);
            r = ExecutionResult.error(e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    java.util.List.of("The kernel could not run the cell: " + e));
        }
        if (Timing.on()) Timing.mark(String.format("execute: %.1f ms in the session", (System.nanoTime() - t) / 1e6));
        out.flush();
        ObjectNode reply = obj();
        if (r.ok()) {
            if (r.result() != null && !silent) {
                ObjectNode res = IopubSink.bundle(r.result());
                res.put("execution_count", count);
                server.publish(msg, "execute_result", res);
            }
            reply.put("status", "ok");
            reply.put("execution_count", count);
            reply.putArray("payload");
            reply.putObject("user_expressions");
        } else {
            ObjectNode err = obj();
            err.put("ename", r.ename());
            err.put("evalue", r.evalue());
            ArrayNode tb = err.putArray("traceback");
            r.traceback().forEach(tb::add);
            if (!silent) server.publish(msg, "error", err.deepCopy());
            reply.setAll(err);
            reply.put("status", "error");
            reply.put("execution_count", count);
        }
        server.reply(ch, msg, "execute_reply", reply);
    }

    private void complete(Channel ch, Message msg) {
        String code = msg.content().path("code").asText("");
        int cursor = toCharIndex(code, msg.content().path("cursor_pos").asInt(code.codePointCount(0, code.length())));
        Session.Completions c = session().complete(code, cursor);
        ObjectNode r = obj();
        r.put("status", "ok");
        ArrayNode m = r.putArray("matches");
        c.matches().forEach(m::add);
        r.put("cursor_start", code.codePointCount(0, Math.min(c.cursorStart(), code.length())));
        r.put("cursor_end", code.codePointCount(0, Math.min(c.cursorEnd(), code.length())));
        r.putObject("metadata");
        server.reply(ch, msg, "complete_reply", r);
    }

    private void inspect(Channel ch, Message msg) {
        String code = msg.content().path("code").asText("");
        int cursor = toCharIndex(code, msg.content().path("cursor_pos").asInt(code.codePointCount(0, code.length())));
        String doc = session().inspect(code, cursor);
        ObjectNode r = obj();
        r.put("status", "ok");
        r.put("found", doc != null);
        ObjectNode data = r.putObject("data");
        if (doc != null) data.put("text/plain", doc);
        r.putObject("metadata");
        server.reply(ch, msg, "inspect_reply", r);
    }

    private void isComplete(Channel ch, Message msg) {
        Session.IsComplete c = session().isComplete(msg.content().path("code").asText(""));
        ObjectNode r = obj();
        r.put("status", c.status());
        if ("incomplete".equals(c.status())) r.put("indent", c.indent());
        server.reply(ch, msg, "is_complete_reply", r);
    }

    private void shutdown(Channel ch, Message msg) {
        shuttingDown = true;
        ObjectNode r = obj();
        r.put("status", "ok");
        r.put("restart", msg.content().path("restart").asBoolean(false));
        server.reply(ch, msg, "shutdown_reply", r);
        server.publish(msg, "shutdown_reply", r.deepCopy());
        if (session.isDone() && !session.isCompletedExceptionally()) session.join().interrupt();
        server.stop();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException ignored) {
            }
            KernelServer.log("shutdown took too long; exiting");
            Runtime.getRuntime().halt(0);
        }, "shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    /** Jupyter counts cursor positions in code points; Java strings in UTF-16 chars. */
    static int toCharIndex(String s, int codePoints) {
        try {
            return s.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, s.codePointCount(0, s.length()))));
        } catch (IndexOutOfBoundsException e) {
            return s.length();
        }
    }
}
