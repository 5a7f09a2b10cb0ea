package backprop.kernel.runtime;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs inside the JVM that executes the snippets. Renders objects to MIME bundles and hands them to the
 * kernel as one framed line on System.out (so they stay in order with the cell's printed text).
 * The notebook functions display/render/updateDisplay live in {@link Notebook}.
 *
 * <p>How an object renders: a {@link Rendered} is its bundle. Otherwise the first of these that applies: a
 * renderer registered with {@link #register} for the object's class, else for the nearest superclass that has one
 * (at each class, its own registration before those of the interfaces it names in its {@code implements});
 * a {@link RenderedImage} (image/png); else the public no-argument methods together: the entries of
 * {@code toMimeBundle()} (a {@code Map<String, ?>}), plus those of {@code toHtml()}, {@code toMarkdown()},
 * {@code toSvg()}, {@code toLatex()}, {@code toJson()} (each a String) whose MIME type the bundle lacks.
 * text/plain is {@code String.valueOf(obj)} unless the bundle gives it.
 */
public final class Display {
    /** Start of a frame line; the kernel side parses it out of the stdout bytes. */
    public static final String FRAME = "\u0000BPK1|";

    private static final Map<Class<?>, Function<Object, Map<String, ?>>> RENDERERS = new ConcurrentHashMap<>();
    private static final String[][] METHODS = {
            {"toHtml", "text/html"}, {"toMarkdown", "text/markdown"}, {"toSvg", "image/svg+xml"},
            {"toLatex", "text/latex"}, {"toJson", "application/json"}};

    private Display() {}

    /** Makes instances of {@code type} (and subtypes) render with {@code renderer}: mime type to text or bytes. */
    @SuppressWarnings("unchecked")
    public static <T> void register(Class<T> type, Function<? super T, ? extends Map<String, ?>> renderer) {
        RENDERERS.put(type, o -> renderer.apply((T) o));
    }

    /** The MIME bundle of {@code o}: mime type to text (binary data base64-encoded). */
    public static Map<String, String> bundle(Object o) {
        if (o instanceof Rendered r) return r.bundle();
        Map<String, String> out = new LinkedHashMap<>();
        if (o == null) {
            out.put("text/plain", "null");
            return out;
        }
        Function<Object, Map<String, ?>> custom = findRenderer(o.getClass());
        if (custom != null) {
            putAll(out, custom.apply(o));
        } else if (o instanceof RenderedImage img) {
            out.put("image/png", png(img));
            out.putIfAbsent("text/plain", o.getClass().getSimpleName() + " " + img.getWidth() + "x" + img.getHeight());
        } else {
            Method m = method(o.getClass(), "toMimeBundle");
            if (m != null && Map.class.isAssignableFrom(m.getReturnType())) {
                Object b = invoke(m, o);
                if (b instanceof Map<?, ?> map) putAll(out, map);
            }
            for (String[] pair : METHODS) {
                Method mm = method(o.getClass(), pair[0]);
                if (mm != null && mm.getReturnType() == String.class && !out.containsKey(pair[1])) {
                    Object s = invoke(mm, o);
                    if (s != null) out.put(pair[1], (String) s);
                }
            }
        }
        out.putIfAbsent("text/plain", String.valueOf(o));
        return out;
    }

    private static Function<Object, Map<String, ?>> findRenderer(Class<?> c) {
        if (RENDERERS.isEmpty()) return null;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            Function<Object, Map<String, ?>> f = RENDERERS.get(k);
            if (f != null) return f;
            for (Class<?> i : k.getInterfaces()) {
                f = RENDERERS.get(i);
                if (f != null) return f;
            }
        }
        return null;
    }

    private static void putAll(Map<String, String> out, Map<?, ?> bundle) {
        for (Map.Entry<?, ?> e : bundle.entrySet()) {
            Object v = e.getValue();
            String mime = String.valueOf(e.getKey());
            if (v instanceof byte[] bytes) out.put(mime, Base64.getEncoder().encodeToString(bytes));
            else if (v instanceof RenderedImage img) out.put(mime, png(img));
            else if (v != null) out.put(mime, v.toString());
        }
    }

    private static Method method(Class<?> c, String name) {
        try {
            Method m = c.getMethod(name);
            if (Modifier.isStatic(m.getModifiers())) return null;
            return m;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object invoke(Method m, Object o) {
        try {
            return m.invoke(o);
        } catch (IllegalAccessException e) {
            try {
                m.setAccessible(true);
                return m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e2) {
                return null;
            }
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** PNG bytes of an image, base64-encoded. */
    public static String png(RenderedImage img) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(img, "png", bytes);
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalArgumentException("the image could not be encoded as PNG: " + e.getMessage(), e);
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    /** Display ids count up per snippet JVM, so a notebook's outputs are the same on every run. */
    public static String newDisplayId() {
        return "display-" + IDS.incrementAndGet();
    }

    /** Sends one frame: op is display, update or result. */
    public static void emit(String op, String displayId, Map<String, String> bundle) {
        StringBuilder sb = new StringBuilder(FRAME).append(op).append('|').append(displayId == null ? "-" : displayId);
        Base64.Encoder b64 = Base64.getEncoder();
        for (Map.Entry<String, String> e : bundle.entrySet()) {
            sb.append('|').append(e.getKey()).append('=')
                    .append(b64.encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        sb.append('\n');
        PrintStream out = System.out;
        synchronized (out) {
            out.print(sb);
            out.flush();
        }
    }

    private static final Set<Class<?>> PLAIN = Set.of(String.class, Integer.class, Long.class, Short.class,
            Byte.class, Character.class, Boolean.class, Float.class, Double.class);

    /**
     * Sends the bundle of a cell's result (called in the snippet JVM as the cell's expression returns it) as a
     * "result" frame, if it is more than the value's text. Strings, boxed primitives and arrays stay their JShell
     * text. A renderer that fails costs only the rich form: the cell's stderr says so and the kernel shows the
     * value's text.
     */
    static void result(Object o) {
        if (o == null || PLAIN.contains(o.getClass()) || o.getClass().isArray()) return;
        Map<String, String> b;
        try {
            b = bundle(o);
        } catch (Throwable e) {
            // a stop of the cell (the stop check, or Thread.stop) is no failure of the renderer
            if (e instanceof StopCheck.Stopped || e.getClass().getName().equals("java.lang.ThreadDeath")) throw e;
            String type = o.getClass().getSimpleName().isEmpty() ? o.getClass().getName() : o.getClass().getSimpleName();
            System.err.println("rendering the result (" + type + ") failed: " + e + "; it is shown as text");
            return;
        }
        if (b.size() > 1 || o instanceof Rendered) emit("result", null, b);
    }
}
