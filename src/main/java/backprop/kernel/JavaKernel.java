package backprop.kernel;

import backprop.kernel.session.ExecutionResult;
import backprop.kernel.session.OutputSink;
import backprop.kernel.session.Session;
import backprop.kernel.session.Timing;
import backprop.kernel.wire.Frontend;
import backprop.kernel.wire.KernelServer;
import backprop.kernel.wire.KernelServer.After;
import backprop.kernel.wire.KernelServer.Channel;
import backprop.kernel.wire.KernelServer.Reply;
import backprop.kernel.wire.Message;
import backprop.kernel.wire.WireCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import static backprop.kernel.wire.WireCodec.errorContent;

/**
 * Jupyter's requests mapped onto a {@link Session}. Knows the message types, not JShell. Each request's reply
 * is returned to the server, which sends it; output while a cell runs goes to the {@link Frontend}. The
 * session may still be starting when the first requests come in: kernel_info is answered at once, the rest
 * wait for it.
 */
final class JavaKernel implements KernelServer.Handler {
    static final String VERSION = "0.1.0";
    /** Longest cell (characters) the kernel runs; longer ones get an error reply. */
    static final int MAX_CELL_CHARS = 1 << 20;

    private final Frontend frontend;
    private final CompletableFuture<Session> session;
    private final AtomicInteger executionCount = new AtomicInteger();
    private final ReentrantLock sessionLock = new ReentrantLock();
    private final History history = new History();

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
                case "execute_request", "complete_request", "inspect_request", "is_complete_request" -> withSession(ch, msg);
                case "history_request" -> new Reply("history_reply", history.reply(msg.content()));
                case "comm_info_request" -> {
                    ObjectNode c = ok();
                    c.putObject("comms");
                    yield new Reply("comm_info_reply", c);
                }
                case "interrupt_request" -> {
                    frontend.cancelInput();
                    if (session.isDone() && !session.isCompletedExceptionally()) session.join().interrupt();
                    yield new Reply("interrupt_reply", ok());
                }
                case "shutdown_request" -> shutdown(msg);
                case "comm_open", "comm_msg", "comm_close" -> null; // no comm targets: ignored
                default -> {
                    KernelServer.log("ignored a " + type + " on " + ch);
                    yield null;
                }
            };
        } finally {
            if (Timing.on()) Timing.mark(String.format("%s: %.1f ms", type, (System.nanoTime() - t0) / 1e6));
        }
    }

    /**
     * Requests that use the session, one at a time. On the control channel (whose thread must stay free for
     * interrupts) such a request is served only while no other one runs, else refused with an error reply.
     */
    private Reply withSession(Channel ch, Message msg) {
        String replyType = msg.type().replace("_request", "_reply");
        if (ch == Channel.CONTROL) {
            if (!sessionLock.tryLock()) {
                return new Reply(replyType, errorContent("KernelBusy", "a " + msg.type() + " on the control channel while a "
                        + "cell runs is refused (send it on the shell channel, or interrupt the cell first)"));
            }
        } else {
            sessionLock.lock();
        }
        try {
            ObjectNode req = msg.content();
            JsonNode code = req.path("code");
            if (!code.isTextual()) {
                return new Reply(replyType, errorContent("BadRequest", msg.type() + ": content.code must be a string, got "
                        + describe(code)));
            }
            if (code.asText().length() > MAX_CELL_CHARS) {
                return new Reply(replyType, errorContent("BadRequest", String.format("the code has %,d characters; the kernel "
                        + "takes at most %,d (Java cannot use more: a method's code is limited to 64 KB)",
                        code.asText().length(), MAX_CELL_CHARS)));
            }
            return switch (msg.type()) {
                case "execute_request" -> execute(msg);
                case "complete_request" -> complete(msg);
                case "inspect_request" -> inspect(msg);
                default -> isComplete(msg);
            };
        } finally {
            sessionLock.unlock();
        }
    }

    private static String describe(JsonNode n) {
        return n.isMissingNode() ? "nothing" : n + " (" + n.getNodeType().toString().toLowerCase() + ")";
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
        // the feature release ("17", "25"): a notebook saved on another update of the same JDK does not change
        li.put("version", Integer.toString(Runtime.version().feature()));
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
        String code = req.path("code").asText();
        boolean silent = req.path("silent").asBoolean(false);
        boolean store = req.path("store_history").asBoolean(!silent) && !silent;
        int count = store ? executionCount.incrementAndGet() : executionCount.get();
        ObjectNode in = obj();
        in.put("code", code);
        in.put("execution_count", count);
        frontend.publish(msg, "execute_input", in);

        IopubSink out = new IopubSink(frontend, msg, req.path("allow_stdin").asBoolean(false));
        ExecutionResult r = run(code, out);
        out.flush();
        ObjectNode reply;
        if (r.ok()) {
            if (r.result() != null && !silent) {
                ObjectNode res = IopubSink.bundle(r.result());
                res.put("execution_count", count);
                frontend.publish(msg, "execute_result", res);
            }
            reply = ok();
            reply.put("execution_count", count);
            reply.putArray("payload");
            reply.set("user_expressions", userExpressions(req.path("user_expressions")));
        } else {
            reply = errorContent(r.ename(), r.evalue(), r.traceback());
            ObjectNode err = reply.deepCopy();
            err.remove("status");
            if (!silent) frontend.publish(msg, "error", err);
            reply.put("execution_count", count);
            reply.putObject("user_expressions");
        }
        if (store) history.add(count, code, r.result() == null ? null : r.result().data().get("text/plain"));
        boolean abort = !r.ok() && !silent && req.path("stop_on_error").asBoolean(true);
        return new Reply("execute_reply", reply, abort ? After.ABORT_QUEUED : After.NOTHING);
    }

    private ExecutionResult run(String code, OutputSink out) {
        long t = System.nanoTime();
        try {
            return session().execute(code, out);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            KernelServer.log("execute failed: " + e);
            return ExecutionResult.error(e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    List.of("The kernel could not run the cell: " + e));
        } finally {
            if (Timing.on()) Timing.mark(String.format("execute: %.1f ms in the session", (System.nanoTime() - t) / 1e6));
        }
    }

    /** Each user expression evaluated after the cell (their output is dropped): a bundle or an error. */
    private ObjectNode userExpressions(JsonNode expressions) {
        ObjectNode out = obj();
        if (!expressions.isObject()) return out;
        expressions.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                out.set(e.getKey(), errorContent("BadRequest", "a user expression must be a string, got " + describe(e.getValue())));
                return;
            }
            ExecutionResult r = run(e.getValue().asText(), OutputSink.NONE);
            if (!r.ok()) {
                out.set(e.getKey(), errorContent(r.ename(), r.evalue(), r.traceback()));
            } else {
                ObjectNode ok = r.result() == null ? obj().put("status", "ok") : IopubSink.bundle(r.result()).put("status", "ok");
                if (!ok.has("data")) ok.putObject("data");
                if (!ok.has("metadata")) ok.putObject("metadata");
                out.set(e.getKey(), ok);
            }
        });
        return out;
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
        return new Reply("shutdown_reply", r, After.STOP);
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
