package backprop.kernel.jshell;

import backprop.kernel.runtime.Display;
import backprop.kernel.session.DisplayData;
import backprop.kernel.session.ExecutionResult;
import backprop.kernel.session.OutputSink;
import backprop.kernel.session.Session;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Java session on JShell. Snippets run in a separate JVM (JShell's JDI engine), so an interrupt stops even a
 * busy loop, and System.exit, OutOfMemoryError or a crash cost the snippet JVM, never the kernel: a new one is
 * started and the cell says that the definitions were lost.
 */
public final class JShellSession implements Session {

    static final String[] DEFAULT_IMPORTS = {
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*", "java.util.concurrent.*",
            "java.util.function.*", "java.util.prefs.*", "java.util.regex.*", "java.util.stream.*"};

    private static final Set<String> PLAIN_TYPES = Set.of("int", "long", "short", "byte", "char", "boolean",
            "float", "double", "Integer", "Long", "Short", "Byte", "Character", "Boolean", "Float", "Double",
            "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Character",
            "java.lang.Boolean", "java.lang.Float", "java.lang.Double", "String", "java.lang.String");

    private final SessionConfig config;
    private final List<String> classpath = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jshell-timeout");
        t.setDaemon(true);
        return t;
    });
    final Magics magics;
    private volatile JShell shell;
    private volatile boolean dead;
    private volatile boolean interrupted;
    private volatile boolean running;
    private volatile OutputSink sink = OutputSink.NONE;
    private volatile Map<String, String> capturedResult;
    /** For the cell being run: snippet id to the cell line (0-based) its source starts on. */
    private final Map<String, Integer> snippetLines = new HashMap<>();

    public JShellSession(SessionConfig config) {
        this.config = config;
        this.magics = new Magics(this);
        start();
    }

    // ---------------------------------------------------------------- lifecycle

    private void start() {
        RemoteOutput.Target target = new RemoteOutput.Target() {
            public void text(boolean err, String text) {
                if (err) sink.stderr(text);
                else sink.stdout(text);
            }

            public void frame(String op, String id, Map<String, String> bundle) {
                if ("result".equals(op)) capturedResult = bundle;
                else sink.display(new DisplayData(bundle, id), "update".equals(op));
            }
        };
        List<String> vm = new ArrayList<>(List.of("-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                "-Dstderr.encoding=UTF-8", "-Djava.awt.headless=true"));
        vm.addAll(config.remoteVmOptions());
        if (classpath.isEmpty()) {
            for (String cp : config.classpath()) {
                try {
                    classpath.add(checkedEntry(cp));
                } catch (IllegalArgumentException e) {
                    System.err.println("[backprop kernel] class path: " + e.getMessage() + "; skipped");
                }
            }
        }
        JShell js = JShell.builder()
                .out(new PrintStream(new RemoteOutput(false, target), true, StandardCharsets.UTF_8))
                .err(new PrintStream(new RemoteOutput(true, target), true, StandardCharsets.UTF_8))
                .in(InputStream.nullInputStream())
                .executionEngine(new SnippetJvm(launchClasspath()), Map.of())
                .remoteVMOptions(vm.toArray(String[]::new))
                .compilerOptions(config.compilerOptions().toArray(String[]::new))
                .build();
        Timing.mark("jshell built");
        js.onShutdown(j -> dead = true);
        dead = false;
        shell = js;
        Sources.enable(js, classpath);
        // for the compiler; in the snippet JVM these are on the launch class path already, and JShell's class
        // loader asks its parent (the system loader) first, so no class is loaded twice
        js.addToClasspath(ownLocation());
        for (String cp : classpath) js.addToClasspath(cp);
        for (String imp : DEFAULT_IMPORTS) js.eval("import " + imp + ";");
        js.eval("import static backprop.kernel.runtime.Notebook.*;");
        if (dead) throw new IllegalStateException("the JVM for the snippets could not start (see the kernel's log)");
        Timing.mark("imports");
        for (Path script : config.startupScripts()) runStartup(script.toString(), read(script));
        if (!config.startupCode().isBlank()) runStartup("IJAVA_STARTUP_SCRIPT", config.startupCode());
        Timing.mark("startup scripts");
        warmUp(js);
        Timing.mark("warm-up");
    }

    /** Compiles and runs a throw-away expression so the first user cell does not pay for javac's warm-up. */
    private static void warmUp(JShell js) {
        for (String code : new String[]{"1 + 1"}) {
            for (SnippetEvent e : js.eval(code)) js.drop(e.snippet());
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return null;
        }
    }

    /** Runs a startup script; failures go to the kernel's stderr, and startup goes on. */
    private void runStartup(String name, String code) {
        if (code == null) {
            System.err.println("[backprop kernel] startup script " + name + " could not be read; skipped");
            return;
        }
        OutputSink log = new OutputSink() {
            public void stdout(String text) {
                System.err.print(text);
            }

            public void stderr(String text) {
                System.err.print(text);
            }

            public void display(DisplayData data, boolean update) {}
        };
        OutputSink saved = sink;
        sink = log;
        ExecutionResult r;
        try {
            r = runCode(code, 0, log, true, name);
        } finally {
            sink = saved;
        }
        if (r == null) {
            System.err.println("[backprop kernel] startup script " + name + " ended the snippet JVM");
            return;
        }
        if (!r.ok()) System.err.println("[backprop kernel] startup script " + name + ": " + String.join("\n", r.traceback()));
    }

    private static String ownLocation() {
        try {
            return Paths.get(Display.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot find where the kernel's runtime classes are", e);
        }
    }

    /**
     * The snippet JVM's launch class path: the kernel's own location and every class path entry known so far
     * (the configured ones, and after a restart also those added by magics). Classes loaded from there by the
     * system class loader (e.g. a library's chart code) see the library's dependencies only if those are on
     * this class path too, not just in JShell's child loader.
     */
    private String launchClasspath() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(ownLocation());
        entries.addAll(classpath);
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String checkedEntry(String entry) {
        String abs = Paths.get(entry).toAbsolutePath().normalize().toString();
        if (!Files.exists(Paths.get(abs))) {
            throw new IllegalArgumentException("class path entry " + entry + " does not exist (looked at " + abs + ")");
        }
        return abs;
    }

    /** Adds a jar or directory to the compiler's and the snippet JVM's class path (kept across restarts). */
    void addClasspath(String entry) {
        String abs = checkedEntry(entry);
        if (classpath.contains(abs)) return;
        classpath.add(abs);
        shell.addToClasspath(abs);
        Sources.classpathChanged(shell, classpath);
    }

    List<String> classpath() {
        return List.copyOf(classpath);
    }

    private void restartAfterDeath(OutputSink out) {
        try {
            shell.close();
        } catch (RuntimeException ignored) {
        }
        start();
        out.stderr("\nThe JVM running the snippets ended (System.exit, a crash or an out-of-memory kill); "
                + "a new one was started, and all earlier definitions were lost.\n");
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            shell.close();
        } catch (RuntimeException ignored) {
        }
    }

    @Override
    public void interrupt() {
        interrupted = true;
        stopRemote();
    }

    private void stopRemote() {
        if (!running) return;
        try {
            shell.stop();
        } catch (RuntimeException e) {
            System.err.println("[backprop kernel] stop failed: " + e);
        }
    }

    // ---------------------------------------------------------------- execute

    @Override
    public ExecutionResult execute(String code, OutputSink out) {
        CappedSink capped = new CappedSink(out, config.outputCapChars());
        interrupted = false;
        sink = capped;
        try {
            ExecutionResult r;
            try {
                r = code.stripLeading().startsWith("%%") ? magics.cell(code, capped) : runCell(code, capped);
            } catch (IllegalStateException e) {
                if (!dead) throw e;
                r = null;
            }
            if (r == null || dead) {
                restartAfterDeath(capped);
                r = ExecutionResult.error("SnippetJvmEnded", "the JVM running the snippets ended; definitions were lost",
                        List.of("The JVM running the snippets ended (System.exit or a crash). A new one was started: "
                                + "all earlier definitions were lost."));
            }
            return r;
        } finally {
            capped.finish();
        }
    }

    /** Splits a cell into line magics and code, and runs them in order. */
    private ExecutionResult runCell(String code, OutputSink out) {
        String[] lines = code.split("\n", -1);
        ExecutionResult last = ExecutionResult.ok(null);
        StringBuilder chunk = new StringBuilder();
        int chunkStart = 0;
        for (int i = 0; i <= lines.length; i++) {
            boolean magic = i < lines.length && lines[i].stripLeading().startsWith("%") && isStatementStart(chunk);
            if (i == lines.length || magic) {
                if (!chunk.toString().isBlank()) {
                    last = runCode(chunk.toString(), chunkStart, out, false);
                    if (last == null || !last.ok()) return last;
                }
                chunk.setLength(0);
                chunkStart = i + 1;
                if (magic) {
                    last = magics.line(lines[i].stripLeading().substring(1), out);
                    if (last == null || !last.ok()) return last;
                }
            } else {
                if (chunk.length() == 0) chunkStart = i;
                chunk.append(lines[i]).append('\n');
            }
        }
        return last;
    }

    /** A magic line may start only where a new statement could start (not inside an unfinished one). */
    private boolean isStatementStart(CharSequence before) {
        String s = before.toString();
        if (s.isBlank()) return true;
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        String rest = s;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
            if (!ci.completeness().isComplete()) return false;
            rest = ci.remaining();
        }
        return true;
    }

    /** Runs Java code snippet by snippet; stops at the first error. {@code firstLine} is its line in the cell. */
    ExecutionResult runCode(String code, int firstLine, OutputSink out, boolean quiet) {
        return runCode(code, firstLine, out, quiet, null);
    }

    /** With {@code keepGoingAs} (a script name), errors are reported on stderr and the next snippet still runs. */
    ExecutionResult runCode(String code, int firstLine, OutputSink out, boolean quiet, String keepGoingAs) {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        snippetLines.clear();
        String rest = code;
        SnippetEvent lastValue = null;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
            String source;
            String next;
            if (ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
            if (ci.completeness().isComplete()) {
                source = ci.source();
                next = ci.remaining();
            } else {
                source = rest;
                next = "";
            }
            int offset = code.length() - rest.length() + offsetIn(rest, source);
            int line = firstLine + count(code, offset);
            lastValue = null;
            List<SnippetEvent> events = evalWithTimeout(source);
            if (dead) return null;
            for (SnippetEvent ev : events) {
                if (ev.causeSnippet() != null) continue;
                Snippet sn = ev.snippet();
                snippetLines.put(sn.id(), line);
                ExecutionResult failed = null;
                if (ev.status() == Snippet.Status.REJECTED) failed = compileError(sn, code, offset, firstLine);
                else if (ev.exception() != null) failed = runtimeError(ev.exception());
                if (failed != null && keepGoingAs == null) return failed;
                if (failed != null) {
                    System.err.println("[backprop kernel] startup script " + keepGoingAs + ": " + String.join("\n", failed.traceback()));
                    continue;
                }
                if (interrupted) return interruptedResult();
                if (hasValue(sn, ev)) lastValue = ev;
            }
            if (interrupted) return interruptedResult();
            rest = next;
        }
        if (lastValue == null || quiet) return ExecutionResult.ok(null);
        return ExecutionResult.ok(render(lastValue));
    }

    private volatile boolean timedOut;

    private List<SnippetEvent> evalWithTimeout(String source) {
        ScheduledFuture<?> t = null;
        timedOut = false;
        if (config.timeoutMillis() > 0) {
            t = timer.schedule(() -> {
                timedOut = true;
                interrupted = true;
                stopRemote();
            }, config.timeoutMillis(), TimeUnit.MILLISECONDS);
        }
        running = true;
        try {
            return shell.eval(source);
        } finally {
            running = false;
            if (t != null) t.cancel(false);
        }
    }

    private ExecutionResult interruptedResult() {
        String why = timedOut
                ? "the statement ran longer than IJAVA_TIMEOUT (" + config.timeoutMillis() + " ms) and was stopped"
                : "the cell was interrupted";
        return ExecutionResult.error(timedOut ? "TimeoutException" : "InterruptedException", why, List.of(why + "; definitions are kept."));
    }

    private static boolean hasValue(Snippet sn, SnippetEvent ev) {
        if (ev.value() == null) return false;
        if (sn instanceof VarSnippet v) {
            return v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        }
        return sn instanceof ExpressionSnippet;
    }

    private DisplayData render(SnippetEvent ev) {
        Snippet sn = ev.snippet();
        String type = sn instanceof VarSnippet v ? v.typeName() : ((ExpressionSnippet) sn).typeName();
        String name = sn instanceof VarSnippet v ? v.name() : ((ExpressionSnippet) sn).name();
        String value = ev.value();
        if ("void".equals(type)) return null;
        if (type.equals("String") || type.equals("java.lang.String")) {
            return DisplayData.text("null".equals(value) ? "null" : unquote(value));
        }
        if (PLAIN_TYPES.contains(type) || type.endsWith("[]")) return DisplayData.text(value);
        capturedResult = null;
        OutputSink saved = sink;
        try {
            List<SnippetEvent> evs = shell.eval("backprop.kernel.runtime.Display.result(" + name + ");");
            for (SnippetEvent e : evs) shell.drop(e.snippet());
        } catch (RuntimeException e) {
            // the plain value is still there
        } finally {
            sink = saved;
        }
        Map<String, String> rich = capturedResult;
        if (rich == null) return DisplayData.text(value);
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

    private static int offsetIn(String rest, String source) {
        String s = source.endsWith(";") ? source.substring(0, source.length() - 1) : source;
        s = s.strip();
        if (s.isEmpty()) return 0;
        int i = rest.indexOf(s.length() > 40 ? s.substring(0, 40) : s);
        return Math.max(i, 0);
    }

    private static int count(String s, int end) {
        int n = 0;
        for (int i = 0; i < end && i < s.length(); i++) if (s.charAt(i) == '\n') n++;
        return n;
    }

    private ExecutionResult compileError(Snippet sn, String code, int offset, int firstLine) {
        List<String> tb = new ArrayList<>();
        String first = null;
        String[] lines = code.split("\n", -1);
        for (Diag d : shell.diagnostics(sn).toList()) {
            if (!d.isError()) continue;
            String msg = d.getMessage(null).replaceAll("\\n\\s*location: class\\s*$", "");
            if (first == null) first = msg;
            long pos = d.getPosition() < 0 ? d.getStartPosition() : d.getPosition();
            int abs = (int) Math.min(code.length(), offset + Math.max(0, pos));
            int lineIdx = count(code, abs);
            int lineStart = code.lastIndexOf('\n', abs - 1) + 1;
            int col = abs - lineStart;
            int len = (int) Math.max(1, Math.min(d.getEndPosition() - Math.max(0, pos), lines[lineIdx].length() - col));
            if (d.getEndPosition() < 0 || d.getStartPosition() < 0) len = 1;
            tb.add("Compile error, line " + (firstLine + lineIdx + 1) + ": " + msg);
            tb.add("    " + lines[lineIdx]);
            tb.add("    " + " ".repeat(Math.max(0, col)) + "^".repeat(Math.max(1, len)));
        }
        if (first == null) {
            first = "the code could not be compiled";
            tb.add(first + ": " + sn.source().strip());
        }
        return ExecutionResult.error("CompilationException", first, tb);
    }

    private ExecutionResult runtimeError(JShellException ex) {
        List<String> tb = new ArrayList<>();
        String ename;
        String evalue;
        if (ex instanceof UnresolvedReferenceException ure) {
            ename = "UnresolvedReferenceException";
            Snippet sn = ure.getSnippet();
            List<String> missing = shell.unresolvedDependencies(ure.getSnippet()).toList();
            evalue = "'" + describe(sn) + "' cannot be used until " + String.join(", ", missing) + " is declared";
            tb.add(ename + ": " + evalue);
            appendFrames(tb, ex.getStackTrace(), 0);
            return ExecutionResult.error(ename, evalue, tb);
        }
        EvalException e = (EvalException) ex;
        ename = e.getExceptionClassName();
        evalue = e.getMessage() == null ? "" : e.getMessage();
        tb.add(ename + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        appendFrames(tb, e.getStackTrace(), 0);
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 10) {
            String cn = cause instanceof EvalException ce ? ce.getExceptionClassName() : cause.getClass().getName();
            tb.add("Caused by: " + cn + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            appendFrames(tb, cause.getStackTrace(), 0);
            cause = cause.getCause();
        }
        return ExecutionResult.error(ename, evalue, tb);
    }

    private static String describe(Snippet sn) {
        String s = sn.source().strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    private void appendFrames(List<String> tb, StackTraceElement[] st, int unused) {
        int max = 40;
        int shown = 0;
        for (StackTraceElement f : st) {
            String cls = f.getClassName();
            if (cls.startsWith("jdk.jshell.") || cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")
                    || cls.startsWith("backprop.kernel.runtime.")) continue;
            if (shown == max) {
                tb.add("\t... " + (st.length - max) + " more");
                break;
            }
            shown++;
            String file = f.getFileName();
            if (file != null && file.startsWith("#")) {
                String id = file.substring(1);
                Integer start = snippetLines.get(id);
                String where = start != null ? "cell line " + (start + f.getLineNumber())
                        : "snippet " + file + ", line " + f.getLineNumber();
                String m = f.getMethodName().isEmpty() ? "" : (cls.isEmpty() ? "" : cls + ".") + f.getMethodName();
                tb.add("\tat " + (m.isEmpty() ? "" : m + " ") + "(" + where + ")");
            } else {
                tb.add("\tat " + f);
            }
        }
    }

    // ---------------------------------------------------------------- analysis

    /** The start of the snippet that contains {@code cursor}, so JShell analyses one snippet at a time. */
    private int snippetStart(String code, int cursor) {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        int start = 0;
        String rest = code.substring(0, cursor);
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
            if (!ci.completeness().isComplete() || ci.remaining().isBlank()) break;
            int consumed = rest.length() - ci.remaining().length();
            start += consumed;
            rest = ci.remaining();
        }
        // skip magic lines and leading blank space before the snippet
        while (true) {
            int ws = start;
            while (ws < cursor && Character.isWhitespace(code.charAt(ws))) ws++;
            if (ws < cursor && code.charAt(ws) == '%') {
                int nl = code.indexOf('\n', ws);
                if (nl < 0 || nl >= cursor) return ws;
                start = nl + 1;
            } else {
                return start;
            }
        }
    }

    @Override
    public Completions complete(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String line = code.substring(lineStart, cursor);
        if (line.stripLeading().startsWith("%")) {
            int pct = lineStart + line.indexOf('%');
            String typed = code.substring(pct, cursor);
            if (!typed.contains(" ")) {
                List<String> m = new ArrayList<>();
                for (String name : Magics.names()) if (name.startsWith(typed)) m.add(name);
                return new Completions(m, pct, cursor);
            }
            return new Completions(List.of(), cursor, cursor);
        }
        int start = snippetStart(code, cursor);
        String snippet = code.substring(start, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> s = shell.sourceCodeAnalysis().completionSuggestions(snippet, snippet.length(), anchor);
        Set<String> matches = new LinkedHashSet<>();
        s.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(x -> matches.add(x.continuation()));
        s.forEach(x -> matches.add(x.continuation()));
        return new Completions(new ArrayList<>(matches), start + anchor[0], cursor);
    }

    @Override
    public String inspect(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        int start = snippetStart(code, Math.min(end, code.length()));
        String snippet = code.substring(start, end);
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        List<SourceCodeAnalysis.Documentation> docs = List.of();
        boolean bareName = end > 0 && Character.isJavaIdentifierPart(code.charAt(end - 1));
        if (bareName) docs = sca.documentation(snippet + "(", snippet.length() + 1, true);
        if (docs.isEmpty()) docs = sca.documentation(snippet, snippet.length(), true);
        if (docs.isEmpty() && cursor < end) {
            String upTo = code.substring(start, cursor);
            docs = sca.documentation(upTo, upTo.length(), true);
        }
        if (docs.isEmpty()) return null;
        StringBuilder sb = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (sb.length() > 0) sb.append("\n\n");
            sb.append(d.signature());
            if (d.javadoc() != null && !d.javadoc().isBlank()) sb.append("\n\n").append(Javadoc.toText(d.javadoc()));
        }
        return sb.toString();
    }

    @Override
    public IsComplete isComplete(String code) {
        if (code.stripLeading().startsWith("%%")) return new IsComplete("complete", "");
        StringBuilder java = new StringBuilder();
        for (String l : code.split("\n", -1)) {
            if (!l.stripLeading().startsWith("%")) java.append(l).append('\n');
        }
        String rest = java.toString();
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
            switch (ci.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> rest = ci.remaining();
                case EMPTY -> rest = "";
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return new IsComplete("incomplete", indent(rest));
                }
                default -> {
                    return new IsComplete("invalid", "");
                }
            }
        }
        return new IsComplete("complete", "");
    }

    private static String indent(String code) {
        int depth = 0;
        for (char c : code.toCharArray()) {
            if (c == '{' || c == '(' || c == '[') depth++;
            else if (c == '}' || c == ')' || c == ']') depth = Math.max(0, depth - 1);
        }
        return "    ".repeat(Math.max(1, depth));
    }

    /** The JShell behind this session (for magics in this package). */
    JShell shell() {
        return shell;
    }

    OutputSink sink() {
        return sink;
    }
}
