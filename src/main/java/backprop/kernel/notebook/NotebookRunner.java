package backprop.kernel.notebook;

import backprop.kernel.session.DisplayData;
import backprop.kernel.session.ExecutionResult;
import backprop.kernel.session.OutputSink;
import backprop.kernel.session.Session;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes a notebook's code cells in order through a {@link Session}, headless, and puts the outputs into the
 * cells as Jupyter's nbclient does: execution counts 1, 2, ... (blank cells are skipped), streams, display
 * data, the cell's value as execute_result, errors; {@code updateDisplay(id, ...)} replaces the data of the
 * output that {@code display(...)} created with that id. Consecutive stream outputs of the same name are
 * merged into one (how they were chunked on the way depends on timing; the text does not). Execution goes on
 * after a cell fails, and the failures are counted.
 */
public final class NotebookRunner {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What one run did: the code cells executed, the cells that ended in an error, the wall time. */
    public record Report(int cells, int errors, double seconds) {}

    private NotebookRunner() {}

    /**
     * Runs every code cell of {@code nb} (changed in place: outputs, execution counts, and the notebook's
     * {@code language_info.version}, which is the Java feature release, as the kernel's kernel_info reports it, so
     * that a run on another patch release of the same JDK changes nothing).
     */
    public static Report run(ObjectNode nb, Session session) {
        long start = System.nanoTime();
        nb.with("metadata").with("language_info").put("version", Integer.toString(Runtime.version().feature()));
        int count = 0;
        int errors = 0;
        Map<String, List<ObjectNode>> displays = new HashMap<>();
        for (JsonNode node : nb.withArray("cells")) {
            ObjectNode cell = (ObjectNode) node;
            if (!"code".equals(cell.path("cell_type").asText())) continue;
            ArrayNode outputs = F.arrayNode();
            cell.set("outputs", outputs);
            String source = Ipynb.text(cell.get("source"));
            if (source.isBlank()) {
                cell.putNull("execution_count");
                continue;
            }
            count++;
            cell.put("execution_count", count);
            CellSink sink = new CellSink(outputs, displays);
            ExecutionResult result;
            try {
                result = session.execute(source, sink);
            } catch (RuntimeException | InternalError e) { // e.g. a javac crash inside JShell
                result = ExecutionResult.error(e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                        List.of("the session failed: " + e));
            }
            synchronized (sink) {
                if (result.ok()) {
                    if (result.result() != null && !result.result().data().isEmpty()) {
                        ObjectNode out = F.objectNode();
                        out.set("data", result.result().jupyterData());
                        out.put("execution_count", count);
                        out.set("metadata", F.objectNode());
                        out.put("output_type", "execute_result");
                        outputs.add(out);
                    }
                } else {
                    errors++;
                    ObjectNode out = F.objectNode();
                    out.put("ename", result.ename());
                    out.put("evalue", result.evalue());
                    out.put("output_type", "error");
                    ArrayNode tb = out.putArray("traceback");
                    result.traceback().forEach(tb::add);
                    outputs.add(out);
                }
            }
        }
        return new Report(count, errors, (System.nanoTime() - start) / 1e9);
    }

    /** Collects one cell's outputs while it runs (the session may call from its own threads). */
    private static final class CellSink implements OutputSink {
        private final ArrayNode outputs;
        private final Map<String, List<ObjectNode>> displays;

        CellSink(ArrayNode outputs, Map<String, List<ObjectNode>> displays) {
            this.outputs = outputs;
            this.displays = displays;
        }

        public void stdout(String text) {
            stream("stdout", text);
        }

        public void stderr(String text) {
            stream("stderr", text);
        }

        private synchronized void stream(String name, String text) {
            if (text.isEmpty()) return;
            JsonNode last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
            if (last != null && "stream".equals(last.path("output_type").asText()) && name.equals(last.path("name").asText())) {
                ((ObjectNode) last).put("text", last.get("text").asText() + text);
                return;
            }
            ObjectNode out = F.objectNode();
            out.put("name", name);
            out.put("output_type", "stream");
            out.put("text", text);
            outputs.add(out);
        }

        public synchronized void display(DisplayData d, boolean update) {
            if (update) {
                for (ObjectNode out : displays.getOrDefault(d.displayId(), List.of())) {
                    out.set("data", d.jupyterData());
                    out.set("metadata", F.objectNode());
                }
                return;
            }
            ObjectNode out = F.objectNode();
            out.set("data", d.jupyterData());
            out.set("metadata", F.objectNode());
            out.put("output_type", "display_data");
            outputs.add(out);
            if (d.displayId() != null) displays.computeIfAbsent(d.displayId(), k -> new ArrayList<>()).add(out);
        }
    }
}
