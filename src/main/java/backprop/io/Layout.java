package backprop.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;

import java.io.IOException;

/**
 * The layout of our JSON files: one field per line, indented by two spaces, except containers marked
 * with {@link #inlineNext()} (a row of weights, the layer sizes, one history point), which stay on
 * one line with everything inside them. For one generator only.
 */
final class Layout implements PrettyPrinter {
    private int depth;       // open multi-line containers
    private int inlineDepth; // open containers inside (and including) the outermost inline one
    private boolean next;

    /** The next object or array is written on one line. */
    void inlineNext() {
        next = true;
    }

    private boolean inline() {
        return inlineDepth > 0;
    }

    private void start(JsonGenerator g, char c) throws IOException {
        if (next || inline()) {
            inlineDepth++;
            next = false;
        } else {
            depth++;
        }
        g.writeRaw(c);
    }

    private void end(JsonGenerator g, int entries, char c) throws IOException {
        if (inline()) {
            inlineDepth--;
        } else {
            depth--;
            if (entries > 0) {
                newline(g);
            }
        }
        g.writeRaw(c);
    }

    private void newline(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
        g.writeRaw("  ".repeat(depth));
    }

    private void separator(JsonGenerator g) throws IOException {
        if (inline()) {
            g.writeRaw(", ");
        } else {
            g.writeRaw(',');
            newline(g);
        }
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        start(g, '{');
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        end(g, entries, '}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        separator(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        start(g, '[');
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        end(g, values, ']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        separator(g);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (!inline()) {
            newline(g);
        }
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        if (!inline()) {
            newline(g);
        }
    }
}
