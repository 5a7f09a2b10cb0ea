package backprop.io;

import backprop.nn.History;
import backprop.nn.Network;
import backprop.nn.OutputUnit;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Networks and training histories as JSON files (with Jackson).
 *
 * <p>A network: {@code {"format": "backprop.network", "version": 1, "sizes": [d(0), ..., d(L)],
 * "x0": -1, "output": "tanh", "w": [w(1), ..., w(L)]}}, each w(l) a list of rows i = 0..d(l-1), each
 * row the weights w_ij(l) for j = 1..d(l). A history: {@code {"format": "backprop.history",
 * "version": 1, "label": "...", "points": [{"t": 0, "E_in": ..., "E_test": ..., "E_in_01": ...,
 * "E_test_01": ...}, ...]}}, a value that was not recorded (NaN) written as {@code null}.
 *
 * <p>Every double is written in its shortest form that reads back to the same bits, so a saved
 * network loads with exactly its weights. Saving is atomic: a failed save leaves an existing file
 * as it was. Loading checks everything and builds nothing from bad input: any problem is a
 * {@link JsonFormatException} naming the JSON path and what was expected.
 */
public final class Json {
    /** The version of the file formats this class writes and reads. */
    public static final int VERSION = 1;
    static final String NETWORK = "backprop.network";
    static final String HISTORY = "backprop.history";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    // ------------------------------------------------------------------ writing

    /** The network as JSON text: sizes, x_0, output unit and every weight w_ij^(l). */
    public static String toJson(Network net) {
        return write(g -> writeNetwork(g, net));
    }

    /** The history as JSON text: its label and points (NaN as null). */
    public static String toJson(History history) {
        return write(g -> writeHistory(g, history));
    }

    /** Saves the network as JSON, atomically (an existing file is replaced whole or not at all). */
    public static void save(Network net, Path file) throws IOException {
        AtomicFile.write(file, toJson(net).getBytes(StandardCharsets.UTF_8));
    }

    /** Saves the history as JSON, atomically (an existing file is replaced whole or not at all). */
    public static void save(History history, Path file) throws IOException {
        AtomicFile.write(file, toJson(history).getBytes(StandardCharsets.UTF_8));
    }

    private interface Content {
        void write(Out g) throws IOException;
    }

    /** A generator with our layout. */
    private record Out(JsonGenerator g, Layout layout) {
    }

    private static String write(Content content) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            Layout layout = new Layout();
            g.setPrettyPrinter(layout);
            content.write(new Out(g, layout));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text + "\n";
    }

    private static void writeNetwork(Out out, Network net) throws IOException {
        JsonGenerator g = out.g;
        g.writeStartObject();
        g.writeStringField("format", NETWORK);
        g.writeNumberField("version", VERSION);
        g.writeFieldName("sizes");
        out.layout.inlineNext();
        g.writeArray(net.sizes(), 0, net.L() + 1);
        g.writeNumberField("x0", (int) net.x0());
        g.writeStringField("output", net.output() == OutputUnit.TANH ? "tanh" : "identity");
        g.writeArrayFieldStart("w");
        for (int l = 1; l <= net.L(); l++) {
            g.writeStartArray();
            for (double[] row : net.w(l).rows()) {
                out.layout.inlineNext();
                g.writeArray(row, 0, row.length);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeHistory(Out out, History h) throws IOException {
        JsonGenerator g = out.g;
        g.writeStartObject();
        g.writeStringField("format", HISTORY);
        g.writeNumberField("version", VERSION);
        g.writeStringField("label", h.label());
        g.writeArrayFieldStart("points");
        for (History.Point p : h.points()) {
            out.layout.inlineNext();
            g.writeStartObject();
            g.writeNumberField("t", p.t());
            value(g, "E_in", p.eIn());
            value(g, "E_test", p.eTest());
            value(g, "E_in_01", p.eInZeroOne());
            value(g, "E_test_01", p.eTestZeroOne());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** A recorded value: a number; NaN (not recorded) as null; ±Infinity as the strings "Infinity", "-Infinity". */
    private static void value(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        if (Double.isNaN(v)) {
            g.writeNull();
        } else if (Double.isInfinite(v)) {
            g.writeString(v > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumber(v);
        }
    }

    // ------------------------------------------------------------------ reading

    /** Loads a network saved by {@link #save(Network, Path)}. */
    public static Network loadNetwork(Path file) throws IOException {
        return network(String.valueOf(file.getFileName()), TextFile.read(file));
    }

    /** Loads a history saved by {@link #save(History, Path)}. */
    public static History loadHistory(Path file) throws IOException {
        return history(String.valueOf(file.getFileName()), TextFile.read(file));
    }

    /** The network of JSON text written by {@link #toJson(Network)}. */
    public static Network network(String json) throws JsonFormatException {
        return network("JSON text", json);
    }

    /** The history of JSON text written by {@link #toJson(History)}. */
    public static History history(String json) throws JsonFormatException {
        return history("JSON text", json);
    }

    static Network network(String source, String json) throws JsonFormatException {
        Reader r = new Reader(source);
        JsonNode root = r.parse(json, NETWORK, Set.of("format", "version", "sizes", "x0", "output", "w"));
        JsonNode sizesNode = r.field(root, "$", "sizes");
        if (!sizesNode.isArray() || sizesNode.size() < 2) {
            throw r.error("$.sizes", "expected the layer sizes [d(0), ..., d(L)] with L >= 1, got " + r.show(sizesNode));
        }
        int L = sizesNode.size() - 1;
        int[] d = new int[L + 1];
        for (int l = 0; l <= L; l++) {
            String path = "$.sizes[" + l + "]";
            JsonNode n = sizesNode.get(l);
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1) {
                throw r.error(path, "d(" + l + ") = " + r.show(n) + ", expected a whole number of neurons >= 1");
            }
            d[l] = n.intValue();
        }
        if (d[L] != 1) {
            throw r.error("$.sizes[" + L + "]", "d(L) = d(" + L + ") = " + d[L] + ", expected 1 (one output x_1(L))");
        }
        JsonNode x0Node = r.field(root, "$", "x0");
        if (!x0Node.isNumber() || (x0Node.doubleValue() != -1 && x0Node.doubleValue() != 1)) {
            throw r.error("$.x0", "threshold input x_0 = " + r.show(x0Node) + ", expected -1 (the lecture) or +1 (the book)");
        }
        double x0 = x0Node.doubleValue();
        JsonNode outNode = r.field(root, "$", "output");
        OutputUnit output;
        if (outNode.isTextual() && outNode.textValue().equals("tanh")) {
            output = OutputUnit.TANH;
        } else if (outNode.isTextual() && outNode.textValue().equals("identity")) {
            output = OutputUnit.IDENTITY;
        } else {
            throw r.error("$.output", "output unit " + r.show(outNode) + ", expected \"tanh\" or \"identity\"");
        }
        JsonNode wNode = r.field(root, "$", "w");
        if (!wNode.isArray() || wNode.size() != L) {
            throw r.error("$.w", "expected L = " + L + " weight matrices w(1)..w(" + L + ") (one per layer, as $.sizes says), got "
                    + (wNode.isArray() ? wNode.size() + " matri" + (wNode.size() == 1 ? "x" : "ces") : r.show(wNode)));
        }
        double[][][] w = new double[L][][];
        for (int l = 1; l <= L; l++) {
            String path = "$.w[" + (l - 1) + "]";
            JsonNode m = wNode.get(l - 1);
            if (!m.isArray() || m.size() != d[l - 1] + 1) {
                throw r.error(path, "w(" + l + ") has " + (m.isArray() ? m.size() + " rows" : "no rows (" + r.show(m) + ")")
                        + ", expected d(" + (l - 1) + ") + 1 = " + (d[l - 1] + 1) + " rows i = 0.." + d[l - 1]);
            }
            w[l - 1] = new double[d[l - 1] + 1][d[l]];
            for (int i = 0; i <= d[l - 1]; i++) {
                String rowPath = path + "[" + i + "]";
                JsonNode row = m.get(i);
                if (!row.isArray() || row.size() != d[l]) {
                    throw r.error(rowPath, "row i = " + i + " of w(" + l + ") has "
                            + (row.isArray() ? row.size() + " entries" : "no entries (" + r.show(row) + ")")
                            + ", expected d(" + l + ") = " + d[l] + " (j = 1.." + d[l] + ")");
                }
                for (int j = 1; j <= d[l]; j++) {
                    JsonNode v = row.get(j - 1);
                    String name = "w_" + (i < 10 && j < 10 ? "" + i + j : i + "," + j) + "(" + l + ")";
                    w[l - 1][i][j - 1] = r.finite(rowPath + "[" + (j - 1) + "]", name, v);
                }
            }
        }
        return Network.fromWeights(w).withThreshold(x0).withOutput(output);
    }

    static History history(String source, String json) throws JsonFormatException {
        Reader r = new Reader(source);
        JsonNode root = r.parse(json, HISTORY, Set.of("format", "version", "label", "points"));
        JsonNode label = r.field(root, "$", "label");
        if (!label.isTextual()) {
            throw r.error("$.label", "expected the run's label as a string, got " + r.show(label));
        }
        JsonNode points = r.field(root, "$", "points");
        if (!points.isArray()) {
            throw r.error("$.points", "expected an array of points {\"t\": ..., \"E_in\": ...}, got " + r.show(points));
        }
        List<History.Point> list = new ArrayList<>();
        long previous = -1;
        Set<String> fields = Set.of("t", "E_in", "E_test", "E_in_01", "E_test_01");
        for (int k = 0; k < points.size(); k++) {
            String path = "$.points[" + k + "]";
            JsonNode p = points.get(k);
            if (!p.isObject()) {
                throw r.error(path, "expected a point {\"t\": ..., \"E_in\": ...}, got " + r.show(p));
            }
            r.onlyFields(p, path, fields);
            JsonNode t = r.field(p, path, "t");
            if (!t.isIntegralNumber() || !t.canConvertToLong() || t.longValue() < 0) {
                throw r.error(path + ".t", "t = " + r.show(t) + ", expected a whole number of updates >= 0");
            }
            if (t.longValue() <= previous) {
                throw r.error(path + ".t", "t = " + t.longValue() + " after t = " + previous + ", expected increasing t");
            }
            previous = t.longValue();
            list.add(new History.Point(previous, r.recorded(p, path, "E_in"), r.recorded(p, path, "E_test"),
                    r.recorded(p, path, "E_in_01"), r.recorded(p, path, "E_test_01")));
        }
        return new History(label.textValue(), list);
    }

    /** Parsing and checking with paths, for one source. */
    private record Reader(String source) {

        JsonFormatException error(String path, String problem) {
            return new JsonFormatException(source, path, problem);
        }

        JsonNode parse(String json, String format, Set<String> fields) throws JsonFormatException {
            JsonNode root;
            try {
                root = MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                throw syntax(e);
            }
            if (root == null || root.isMissingNode()) {
                throw error("$", "the input is empty, expected a JSON object with \"format\": \"" + format + "\"");
            }
            if (!root.isObject()) {
                throw error("$", "expected a JSON object with \"format\": \"" + format + "\", got " + show(root));
            }
            JsonNode f = field(root, "$", "format");
            if (!f.isTextual() || !f.textValue().equals(format)) {
                throw error("$.format", show(f) + " is not this kind of file, expected \"" + format + "\"");
            }
            JsonNode v = field(root, "$", "version");
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() != VERSION) {
                throw error("$.version", "version " + show(v) + " is not supported, expected " + VERSION);
            }
            onlyFields(root, "$", fields);
            return root;
        }

        JsonFormatException syntax(JsonProcessingException e) {
            String what = e.getOriginalMessage();
            int cut = what.indexOf('\n');
            what = (cut < 0 ? what : what.substring(0, cut)).trim()
                    .replaceAll("\\s*\\(start marker at \\[Source:.*?; line: (\\d+), column: (\\d+)\\]\\)",
                            " opened at line $1, column $2");
            String where = e.getLocation() == null ? ""
                    : " (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            String path = "$";
            if (e.getProcessor() instanceof JsonParser p) {
                path = path(p.getParsingContext());
            }
            boolean truncated = e instanceof com.fasterxml.jackson.core.io.JsonEOFException
                    || what.contains("end-of-input");
            return error(path, (truncated ? "truncated JSON: " : "malformed JSON: ") + what + where);
        }

        static String path(JsonStreamContext c) {
            StringBuilder b = new StringBuilder();
            for (; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inArray()) {
                    b.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
                } else if (c.inObject() && c.getCurrentName() != null) {
                    b.insert(0, "." + c.getCurrentName());
                }
            }
            return "$" + b;
        }

        JsonNode field(JsonNode object, String path, String name) throws JsonFormatException {
            JsonNode n = object.get(name);
            if (n == null) {
                throw error(path + "." + name, "missing field \"" + name + "\"");
            }
            return n;
        }

        void onlyFields(JsonNode object, String path, Set<String> allowed) throws JsonFormatException {
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!allowed.contains(name)) {
                    throw error(path + "." + name, "unknown field \"" + name + "\", expected only "
                            + String.join(", ", allowed.stream().sorted().toList()));
                }
            }
        }

        double finite(String path, String name, JsonNode v) throws JsonFormatException {
            if (!v.isNumber()) {
                throw error(path, name + " is " + show(v) + ", expected a finite number");
            }
            double x = v.doubleValue();
            if (!Double.isFinite(x)) {
                throw error(path, name + " is too large for a double, expected a finite number");
            }
            return x;
        }

        /** A recorded value: a number, null for "not recorded" (NaN), or "Infinity"/"-Infinity". */
        double recorded(JsonNode point, String path, String name) throws JsonFormatException {
            JsonNode v = field(point, path, name);
            if (v.isNull()) {
                return Double.NaN;
            }
            if (v.isTextual() && v.textValue().equals("Infinity")) {
                return Double.POSITIVE_INFINITY;
            }
            if (v.isTextual() && v.textValue().equals("-Infinity")) {
                return Double.NEGATIVE_INFINITY;
            }
            if (!v.isNumber()) {
                throw error(path + "." + name, name + " is " + show(v) + ", expected a number or null (not recorded)");
            }
            return v.doubleValue();
        }

        /** A short rendering of a JSON value for messages. */
        String show(JsonNode n) {
            String s = n.toString();
            String kind = n.isTextual() ? "the string " : n.isArray() ? "an array " : n.isObject() ? "an object "
                    : n.isBoolean() ? "" : n.isNull() ? "" : "";
            if (s.length() > 40) {
                s = s.substring(0, 37) + "...";
            }
            return kind + s;
        }
    }
}
