package backprop.kernel.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notebook functions, statically imported into every session (as IJava offers them):
 * {@code display(obj)} shows obj now and returns its display id, {@code updateDisplay(id, obj)} replaces that
 * output, {@code render(obj)} renders without showing (the value shows rich when it is a cell's result).
 */
public final class Notebook {
    private Notebook() {}

    public static String display(Object o) {
        String id = Display.newDisplayId();
        Display.emit("display", id, Display.bundle(o));
        return id;
    }

    /** Shows only the given mime types of obj's bundle (text/plain stays as fallback). */
    public static String display(Object o, String... mimeTypes) {
        String id = Display.newDisplayId();
        Display.emit("display", id, select(Display.bundle(o), mimeTypes));
        return id;
    }

    public static void updateDisplay(String id, Object o) {
        if (id == null) throw new IllegalArgumentException("updateDisplay needs the id that display(...) returned, got null");
        Display.emit("update", id, Display.bundle(o));
    }

    /** IJava's printf: System.out.printf without the System.out. */
    public static void printf(String format, Object... args) {
        System.out.printf(format, args);
    }

    public static Rendered render(Object o) {
        return new Rendered(Display.bundle(o));
    }

    public static Rendered render(Object o, String... mimeTypes) {
        return new Rendered(select(Display.bundle(o), mimeTypes));
    }

    private static Map<String, String> select(Map<String, String> b, String... mimeTypes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String m : mimeTypes) {
            if (b.containsKey(m)) out.put(m, b.get(m));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the object renders as " + b.keySet() + ", none of the requested " + java.util.Arrays.toString(mimeTypes));
        }
        out.putIfAbsent("text/plain", b.get("text/plain"));
        return out;
    }
}
