package backprop.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import java.io.IOException;

/**
 * The layout of our JSON files, Jackson's printer with our separators: one field per line, indented by two
 * spaces, {@code ": "} between key and value, except containers marked with {@link #inlineNext()} (a row of
 * weights, the layer sizes, one history point), which stay on one line with everything inside them,
 * {@code ", "} between their values. For one generator only.
 */
final class Layout extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;
    private static final Separators SEPARATORS = Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEntrySpacing(Separators.Spacing.NONE)
            .withArrayValueSpacing(Separators.Spacing.NONE)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");

    private int inlineDepth; // open containers inside (and including) the outermost inline one
    private boolean next;

    Layout() {
        super(SEPARATORS);
        DefaultIndenter twoSpaces = new DefaultIndenter("  ", "\n");
        indentObjectsWith(twoSpaces);
        indentArraysWith(twoSpaces);
    }

    /** The next object or array is written on one line. */
    void inlineNext() {
        next = true;
    }

    /** Whether the container now starting is inline (and if so, counts it). */
    private boolean startInline() {
        if (next || inlineDepth > 0) {
            inlineDepth++;
            next = false;
            return true;
        }
        return false;
    }

    @Override
    public Layout createInstance() {
        return new Layout();
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        if (startInline()) {
            g.writeRaw('{');
        } else {
            super.writeStartObject(g);
        }
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        if (inlineDepth > 0) {
            inlineDepth--;
            g.writeRaw('}');
        } else {
            super.writeEndObject(g, entries);
        }
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        if (inlineDepth == 0) {
            super.beforeObjectEntries(g);
        }
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        if (inlineDepth > 0) {
            g.writeRaw(", ");
        } else {
            super.writeObjectEntrySeparator(g);
        }
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        if (startInline()) {
            g.writeRaw('[');
        } else {
            super.writeStartArray(g);
        }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        if (inlineDepth > 0) {
            inlineDepth--;
            g.writeRaw(']');
        } else {
            super.writeEndArray(g, values);
        }
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (inlineDepth == 0) {
            super.beforeArrayValues(g);
        }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        if (inlineDepth > 0) {
            g.writeRaw(", ");
        } else {
            super.writeArrayValueSeparator(g);
        }
    }
}
