package backprop.kernel.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The text a notebook's code cells show: streams (consecutive ones of a name merged, a line redrawn with a
 * carriage return as a front end shows it), the text/plain of display data and results, and errors. Two runs of
 * a deterministic notebook give the same text; images are left out (their bytes depend on the fonts of the
 * machine that drew them).
 */
public final class TextOutputs {
    private TextOutputs() {}

    /** One entry per code cell: its outputs as text, each output introduced by a line such as "[stdout]". */
    public static List<String> of(ObjectNode nb) {
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : nb.path("cells")) {
            if (!"code".equals(cell.path("cell_type").asText())) continue;
            StringBuilder sb = new StringBuilder();
            StringBuilder stream = new StringBuilder();
            String lastStream = null;
            for (JsonNode out : cell.path("outputs")) {
                String type = out.path("output_type").asText();
                if (type.equals("stream")) {
                    String name = out.path("name").asText();
                    if (!name.equals(lastStream)) {
                        sb.append(shown(stream));
                        stream.setLength(0);
                        sb.append("[").append(name).append("]\n");
                    }
                    stream.append(Ipynb.text(out.get("text")));
                    lastStream = name;
                    continue;
                }
                sb.append(shown(stream));
                stream.setLength(0);
                lastStream = null;
                if (type.equals("error")) {
                    sb.append("[error] ").append(out.path("ename").asText()).append(": ").append(out.path("evalue").asText()).append('\n');
                } else {
                    sb.append("[").append(type).append("]\n").append(Ipynb.text(out.path("data").get("text/plain"))).append('\n');
                }
            }
            sb.append(shown(stream));
            cells.add(sb.toString());
        }
        return cells;
    }

    /**
     * A stream's text as a front end shows it: in each line, a carriage return (not one before the line end)
     * goes back to the start of the line, so only what was written after the last one is seen.
     */
    static String shown(CharSequence stream) {
        String s = stream.toString().replace("\r\n", "\n");
        if (s.indexOf('\r') < 0) return s;
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n", -1)) out.append(line.substring(line.lastIndexOf('\r') + 1)).append('\n');
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** The errors of a notebook's outputs, one line each ("cell 3: ename: evalue"), empty when none. */
    public static List<String> errors(ObjectNode nb) {
        List<String> errors = new ArrayList<>();
        int k = 0;
        for (JsonNode cell : nb.path("cells")) {
            if (!"code".equals(cell.path("cell_type").asText())) continue;
            k++;
            for (JsonNode out : cell.path("outputs")) {
                if (out.path("output_type").asText().equals("error")) {
                    errors.add("code cell " + k + ": " + out.path("ename").asText() + ": " + out.path("evalue").asText()
                            + "\n    " + String.join("\n    ", lines(out.path("traceback"))));
                }
            }
        }
        return errors;
    }

    private static List<String> lines(JsonNode tb) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : tb) out.add(l.asText());
        return out;
    }

    /**
     * How the text of {@code actual} differs from {@code expected}, one message per differing code cell naming
     * the first differing line; empty when they agree.
     */
    public static List<String> differences(ObjectNode expected, ObjectNode actual) {
        List<String> a = of(expected);
        List<String> b = of(actual);
        List<String> diffs = new ArrayList<>();
        if (a.size() != b.size()) {
            diffs.add("the notebook has " + a.size() + " code cells committed but " + b.size() + " now");
            return diffs;
        }
        for (int k = 0; k < a.size(); k++) {
            if (a.get(k).equals(b.get(k))) continue;
            String[] x = a.get(k).split("\n", -1);
            String[] y = b.get(k).split("\n", -1);
            int line = 0;
            while (line < x.length && line < y.length && x[line].equals(y[line])) line++;
            diffs.add("code cell " + (k + 1) + ", output line " + (line + 1) + ": committed "
                    + (line < x.length ? "\"" + x[line] + "\"" : "(nothing)") + ", now "
                    + (line < y.length ? "\"" + y[line] + "\"" : "(nothing)"));
        }
        return diffs;
    }
}
