package backprop.kernel.jshell;

import backprop.kernel.session.DisplayData;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cell's value as a MIME bundle (its Out[n]). Strings, primitives, boxes and arrays are their JShell text;
 * any other object is rendered in the snippet JVM as the cell's last snippet runs (by
 * {@code backprop.kernel.runtime.Display}, when {@link #beforeRun} said its value may be the result), and its
 * bundle comes back as a "result" frame in the snippet JVM's output ({@link #captured}) before the run's reply:
 * one compilation per snippet, none to render.
 */
final class ResultRenderer {
    private static final Set<String> PLAIN_TYPES = Set.of("int", "long", "short", "byte", "char", "boolean",
            "float", "double", "Integer", "Long", "Short", "Byte", "Character", "Boolean", "Float", "Double",
            "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Character",
            "java.lang.Boolean", "java.lang.Float", "java.lang.Double", "String", "java.lang.String");

    private final SnippetJvm engine;
    private volatile Map<String, String> captured;

    ResultRenderer(SnippetJvm engine) {
        this.engine = engine;
    }

    /**
     * Called before a snippet runs: {@code mayBeResult}, whether its value may be the cell's result (then the
     * snippet JVM renders a rich value as it runs). Forgets the bundle of an earlier snippet.
     */
    void beforeRun(boolean mayBeResult) {
        captured = null;
        engine.renderResult(mayBeResult);
    }

    /** Called after the snippet ran: later runs render nothing (its bundle stays for {@link #render}). */
    void afterRun() {
        engine.renderResult(false);
    }

    /** A "result" frame from the snippet JVM: the bundle of the value of the snippet that ran last. */
    void captured(Map<String, String> bundle) {
        captured = bundle;
    }

    /**
     * Whether this event of a cell gives the cell a value: an expression, not a declaration or statement, and
     * not a {@code display(...)} call (which shows its argument; its display id is no Out[n]).
     */
    static boolean hasValue(SnippetEvent ev) {
        if (ev.value() == null) return false;
        Snippet sn = ev.snippet();
        if (isDisplayCall(sn.source())) return false;
        if (sn instanceof VarSnippet v) return v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        return sn instanceof ExpressionSnippet;
    }

    private static final Pattern DISPLAY_CALL = Pattern.compile(
            "\\s*(?:backprop\\.kernel\\.runtime\\.)?(?:Notebook\\.)?display\\s*\\(.*", Pattern.DOTALL);

    /** Whether {@code source} is one call of display(...), e.g. not {@code display(x).length()}. */
    static boolean isDisplayCall(String source) {
        if (!DISPLAY_CALL.matcher(source).matches()) return false;
        int depth = 0;
        char quote = 0;
        for (int i = source.indexOf('('); i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(i + 1).strip().replace(";", "").isBlank();
            }
        }
        return false;
    }

    /** The bundle of a value event ({@link #hasValue}) of the snippet that ran last, or null for a void value. */
    DisplayData render(SnippetEvent ev) {
        Snippet sn = ev.snippet();
        String type = sn instanceof VarSnippet v ? v.typeName() : ((ExpressionSnippet) sn).typeName();
        String value = ev.value();
        if ("void".equals(type)) return null;
        if (type.equals("String") || type.equals("java.lang.String")) {
            return DisplayData.text("null".equals(value) ? "null" : unquote(value));
        }
        Map<String, String> rich = captured;
        if (rich == null || PLAIN_TYPES.contains(type) || type.endsWith("[]")) return DisplayData.text(value);
        Map<String, String> data = new LinkedHashMap<>(rich);
        data.putIfAbsent("text/plain", value);
        return new DisplayData(data, null);
    }

    /** Undoes JShell's Java-literal quoting of a String value. */
    static String unquote(String v) {
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') return v;
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c != '\\' || i + 1 >= v.length() - 1) {
                sb.append(c);
                continue;
            }
            char n = v.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int j = i, val = 0;
                    while (j < v.length() - 1 && j < i + 3 && v.charAt(j) >= '0' && v.charAt(j) <= '7') val = val * 8 + (v.charAt(j++) - '0');
                    sb.append((char) val);
                    i = j - 1;
                }
                case 'u' -> {
                    if (i + 4 < v.length()) {
                        sb.append((char) Integer.parseInt(v.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> sb.append(n);
            }
        }
        return sb.toString();
    }
}
