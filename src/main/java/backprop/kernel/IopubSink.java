package backprop.kernel;

import backprop.kernel.session.DisplayData;
import backprop.kernel.session.OutputSink;
import backprop.kernel.wire.Frontend;
import backprop.kernel.wire.Message;
import backprop.kernel.wire.WireCodec;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A cell's output on IOPub, all with the cell's request as parent. Text is coalesced for a few milliseconds
 * (so a loop of prints is not one message per print, yet a line printed once a second shows at once); display
 * data first flushes pending text so the order stays as printed.
 */
final class IopubSink implements OutputSink {
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "iopub-flusher");
        t.setDaemon(true);
        return t;
    });
    private static final long COALESCE_MS = 5;

    private final Frontend frontend;
    private final Message parent;
    private final boolean allowStdin;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private boolean scheduled;

    /** {@code allowStdin}: the request's allow_stdin (whether the front end answers input requests). */
    IopubSink(Frontend frontend, Message parent, boolean allowStdin) {
        this.frontend = frontend;
        this.parent = parent;
        this.allowStdin = allowStdin;
    }

    /** Sends what was printed so far, then asks the front end (input_request); null when it takes no input. */
    @Override
    public String readLine(String prompt, boolean password) throws InterruptedException {
        flush();
        return allowStdin ? frontend.input(parent, prompt, password) : null;
    }

    @Override
    public synchronized void stdout(String text) {
        if (err.length() > 0) flushStream("stderr", err);
        out.append(text);
        schedule();
    }

    @Override
    public synchronized void stderr(String text) {
        if (out.length() > 0) flushStream("stdout", out);
        err.append(text);
        schedule();
    }

    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            FLUSHER.schedule(this::flush, COALESCE_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void display(DisplayData data, boolean update) {
        flush();
        ObjectNode c = bundle(data);
        ObjectNode tr = c.putObject("transient");
        if (data.displayId() != null) tr.put("display_id", data.displayId());
        frontend.publish(parent, update ? "update_display_data" : "display_data", c);
    }

    synchronized void flush() {
        scheduled = false;
        if (out.length() > 0) flushStream("stdout", out);
        if (err.length() > 0) flushStream("stderr", err);
    }

    private void flushStream(String name, StringBuilder sb) {
        ObjectNode c = WireCodec.JSON.createObjectNode();
        c.put("name", name);
        c.put("text", sb.toString());
        sb.setLength(0);
        frontend.publish(parent, "stream", c);
    }

    /** {data, metadata} of a MIME bundle; JSON mime types are sent as JSON, not as a string. */
    static ObjectNode bundle(DisplayData d) {
        ObjectNode c = WireCodec.JSON.createObjectNode();
        c.set("data", d.jupyterData());
        c.putObject("metadata");
        return c;
    }
}
