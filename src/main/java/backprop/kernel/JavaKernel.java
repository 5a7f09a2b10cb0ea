package backprop.kernel;

import backprop.kernel.session.ExecutionResult;
import backprop.kernel.session.Session;
import backprop.kernel.session.Timing;
import backprop.kernel.wire.Frontend;
import backprop.kernel.wire.KernelServer;
import backprop.kernel.wire.KernelServer.Channel;
import backprop.kernel.wire.KernelServer.Reply;
import backprop.kernel.wire.Message;
import backprop.kernel.wire.WireCodec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jupyter's requests mapped onto a {@link Session}. Knows the message types, not JShell. Each request's reply
 * is returned to the server, which sends it; output while a cell runs goes to the {@link Frontend}. The
 * session may still be starting when the first requests come in: kernel_info is answered at once, the rest
 * wait for it.
 */
final class JavaKernel implements KernelServer.Handler {
    static final String VERSION = "0.1.0";

    private final Frontend frontend;
    private final CompletableFuture<Session> session;
    private final AtomicInteger executionCount = new AtomicInteger();

    JavaKernel(Frontend frontend, CompletableFuture<Session> session) {
        this.frontend = frontend;
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
    public Reply handle(Channel ch, Message msg) {
        String type = msg.type();
        long t0 = System.nanoTime();
        try {
            return switch (type) {
                case "kernel_info_request" -> new Reply("kernel_info_reply", kernelInfo());
                case "execute_request" -> execute(msg);
                case "complete_request" -> complete(msg);
                case "inspect_request" -> inspect(msg);
                case "is_complete_request" -> isComplete(msg);
                case "history_request" -> {
                    ObjectNode c = ok();
                    c.putArray("history");
                    yield new Reply("history_reply", c);
                }
                case "comm_info_request" -> {
                    ObjectNode c = ok();
                    c.putObject("comms");
                    yield new Reply("comm_info_reply", c);
                }
                case "interrupt_request" -> {
                    if (session.isDone() && !session.isCompletedExceptionally()) session.join().interrupt();
                    yield new Reply("interrupt_reply", ok());
                }
                case "shutdown_request" -> shutdown(msg);
                case "comm_open", "comm_msg", "comm_close" -> null; // no comm targets: ignored, as before
                default -> {
                    KernelServer.log("ignored a " + type + " on " + ch);
                    yield null;
                }
            };
        } finally {
            if (Timing.on()) Timing.mark(String.format("%s: %.1f ms", type, (System.nanoTime() - t0) / 1e6));
        }
    }

    private static ObjectNode obj() {
        return WireCodec.JSON.createObjectNode();
    }

    private static ObjectNode ok() {
        return obj().put("status", "ok");
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

    private Reply execute(Message msg) {
        ObjectNode req = msg.content();
        String code = req.path("code").asText("");
        boolean silent = req.path("silent").asBoolean(false);
        boolean store = req.path("store_history").asBoolean(!silent) && !silent;
        int count = store ? executionCount.incrementAndGet() : executionCount.get();
        ObjectNode in = obj();
        in.put("code", code);
        in.put("execution_count", count);
        frontend.publish(msg, "execute_input", in);

        IopubSink out = new IopubSink(frontend, msg);
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
                frontend.publish(msg, "execute_result", res);
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
            if (!silent) frontend.publish(msg, "error", err.deepCopy());
            reply.setAll(err);
            reply.put("status", "error");
            reply.put("execution_count", count);
        }
        return new Reply("execute_reply", reply);
    }

    private Reply complete(Message msg) {
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
        return new Reply("complete_reply", r);
    }

    private Reply inspect(Message msg) {
        String code = msg.content().path("code").asText("");
        int cursor = toCharIndex(code, msg.content().path("cursor_pos").asInt(code.codePointCount(0, code.length())));
        String doc = session().inspect(code, cursor);
        ObjectNode r = obj();
        r.put("status", "ok");
        r.put("found", doc != null);
        ObjectNode data = r.putObject("data");
        if (doc != null) data.put("text/plain", doc);
        r.putObject("metadata");
        return new Reply("inspect_reply", r);
    }

    private Reply isComplete(Message msg) {
        Session.IsComplete c = session().isComplete(msg.content().path("code").asText(""));
        ObjectNode r = obj();
        r.put("status", c.status());
        if ("incomplete".equals(c.status())) r.put("indent", c.indent());
        return new Reply("is_complete_reply", r);
    }

    /** Replies, stops the running cell, and makes the server's loops end (the last reply); exits within 5 s. */
    private Reply shutdown(Message msg) {
        ObjectNode r = ok();
        r.put("restart", msg.content().path("restart").asBoolean(false));
        frontend.publish(msg, "shutdown_reply", r.deepCopy());
        if (session.isDone() && !session.isCompletedExceptionally()) session.join().interrupt();
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
        return new Reply("shutdown_reply", r, true);
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
