package backprop.kernel.notebook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * .ipynb files (nbformat 4) read and written as Jupyter writes them, so that a notebook executed by this
 * runner and one executed by Jupyter are the same bytes: keys sorted, indent 1, {@code ": "} between key and
 * value, non-ASCII characters as they are, multi-line text (sources, streams, text mime types) split into
 * lists of lines that keep their line ends, and a final newline.
 */
public final class Ipynb {
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE) // Python's json writes "\u001b"
            .build();

    private Ipynb() {}

    /** Reads a notebook; fails with the file name when it is not nbformat 4 JSON. */
    public static ObjectNode read(Path file) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + " is not a JSON notebook: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode nb) || nb.path("nbformat").asInt() != 4 || !nb.path("cells").isArray()) {
            throw new IOException(file + " is not an nbformat 4 notebook (expected an object with \"nbformat\": 4 and \"cells\")");
        }
        return nb;
    }

    /**
     * Writes a notebook as Jupyter does (see the class comment), atomically: into a temporary file beside it,
     * then moved over it, so a reader (or a failure half-way) never sees half a notebook. The file keeps its
     * permissions (a new one gets rw-r--r--).
     */
    public static void write(ObjectNode nb, Path file) throws IOException {
        byte[] bytes = toJson(nb).getBytes(StandardCharsets.UTF_8);
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, Files.exists(abs) ? Files.getPosixFilePermissions(abs)
                        : PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file text of a notebook as Jupyter writes it. */
    public static String toJson(ObjectNode nb) throws IOException {
        JsonNode normal = normalize(splitLines(nb.deepCopy()));
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            g.setPrettyPrinter(NBFORMAT_LAYOUT.createInstance());
            JSON.writeTree(g, normal);
        }
        return w + "\n";
    }

    /** A multi-line string field (source, stream text, mime data) as one string. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return "";
        if (node.isTextual()) return node.asText();
        StringBuilder sb = new StringBuilder();
        for (JsonNode line : node) sb.append(line.asText());
        return sb.toString();
    }

    /**
     * Splits s into lines that keep their line ends, as Python's {@code str.splitlines(True)} (which nbformat
     * uses): a line ends at \n, \r\n, a lone \r (a progress line redrawn in place), \u000b, \f, \u001c-\u001e,
     * \u0085, \u2028 or \u2029.
     */
    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean end = c == '\n' || c == '\r' || c == '\u000b' || c == '\f' || (c >= '\u001c' && c <= '\u001e')
                    || c == '\u0085' || c == '\u2028' || c == '\u2029';
            if (!end) continue;
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
            out.add(s.substring(start, i + 1));
            start = i + 1;
        }
        if (start < s.length()) out.add(s.substring(start));
        return out;
    }

    static ArrayNode lineArray(String s) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String line : lines(s)) a.add(line);
        return a;
    }

    /** nbformat's split_lines: what Jupyter does to a notebook before it writes it. */
    private static ObjectNode splitLines(ObjectNode nb) {
        for (JsonNode cell : nb.path("cells")) {
            ObjectNode c = (ObjectNode) cell;
            if (c.path("source").isTextual()) c.set("source", lineArray(c.get("source").asText()));
            if (!"code".equals(c.path("cell_type").asText())) continue;
            for (JsonNode output : c.path("outputs")) {
                ObjectNode o = (ObjectNode) output;
                String type = o.path("output_type").asText();
                if (type.equals("stream") && o.path("text").isTextual()) {
                    o.set("text", lineArray(o.get("text").asText()));
                } else if ((type.equals("display_data") || type.equals("execute_result")) && o.path("data").isObject()) {
                    ObjectNode data = (ObjectNode) o.get("data");
                    for (Map.Entry<String, JsonNode> e : data.properties()) {
                        String mime = e.getKey();
                        boolean split = mime.startsWith("text/") || mime.equals("application/javascript")
                                || mime.equals("image/svg+xml");
                        if (split && e.getValue().isTextual()) e.setValue(lineArray(e.getValue().asText()));
                    }
                }
            }
        }
        return nb;
    }

    /** A copy with every object's keys sorted (Python's sort_keys: by code point). */
    private static JsonNode normalize(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String n : names) sorted.set(n, normalize(o.get(n)));
            return sorted;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (JsonNode e : a) copy.add(normalize(e));
            return copy;
        }
        return node;
    }

    /**
     * Python's {@code json.dumps(indent=1)} (nbformat's layout) with Jackson's printer: one space per level, a
     * new line before every entry, {@code ": "} between key and value, nothing after a comma, "[]" and "{}"
     * when empty.
     */
    static final DefaultPrettyPrinter NBFORMAT_LAYOUT = nbformatLayout();

    private static DefaultPrettyPrinter nbformatLayout() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(Separators.Spacing.NONE)
                .withArrayValueSpacing(Separators.Spacing.NONE)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter p = new DefaultPrettyPrinter(separators);
        DefaultIndenter oneSpace = new DefaultIndenter(" ", "\n");
        p.indentObjectsWith(oneSpace);
        p.indentArraysWith(oneSpace);
        return p;
    }
}
