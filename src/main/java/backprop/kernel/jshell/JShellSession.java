package backprop.kernel.jshell;

import backprop.kernel.runtime.Display;
import backprop.kernel.session.DisplayData;
import backprop.kernel.session.ExecutionResult;
import backprop.kernel.session.OutputSink;
import backprop.kernel.session.Session;
import backprop.kernel.session.Timing;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Java session on JShell: its lifecycle (start, startup scripts, class path, restart after the snippet JVM
 * died, close) and the {@link Session} requests, handed to the classes that do each job: {@link CellParts}
 * splits a cell into magics and code, {@link Magics} runs magics, {@link Evaluator} runs code (errors by
 * {@link ErrorFormatter}, values by {@link ResultRenderer}), {@link Analysis} answers complete, inspect and
 * is_complete. Snippets run in a separate JVM, so an interrupt stops even a busy loop, and System.exit,
 * OutOfMemoryError or a crash cost the snippet JVM, never the kernel: a new one is started and the cell says
 * that the definitions were lost.
 */
public final class JShellSession implements Session {

    static final String[] DEFAULT_IMPORTS = {
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*", "java.util.concurrent.*",
            "java.util.function.*", "java.util.prefs.*", "java.util.regex.*", "java.util.stream.*"};

    /**
     * Whether this JDK's jdk.jshell input pipe asks for more input than it reads (JDK 17; later JDKs have an
     * inputNeeded flag in it): then jdk.jshell.execution is opened to {@code runtime.StdinGuard}, which the snippet
     * JVM's agent installs.
     */
    static final boolean STDIN_NEEDS_GUARD = stdinNeedsGuard();

    private static boolean stdinNeedsGuard() {
        try {
            for (java.lang.reflect.Field f : Class.forName("jdk.jshell.execution.Util$1").getDeclaredFields()) {
                if (f.getType() == boolean.class) return false;
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The warm-up's snippets: expressions, declarations and a statement, as the first cells of a notebook. */
    private static final String[] WARM_UP = {"1 + 1", "int warmUp = 2 * 21;", "String warmUp(int x) { return \"x\" + x; }",
            "warmUp(warmUp).length()", "class WarmUp { double[] w = {0.5}; }", "new WarmUp().w[0] * Math.sqrt(2)",
            "for (int i = 0; i < 3; i++) { warmUp += i; }", "List.of(1, 2, 3).stream().mapToInt(i -> i).sum()"};
    /**
     * Rounds of the warm-up: 60 (480 snippets, with the kernel's wire round trips 4-5 s of one core here) took a 1+1
     * cell after a 5 s pause from 26-33 ms (4 rounds) to 12-15 ms.
     */
    private static final int WARM_UP_ROUNDS = 60;

    private final SessionConfig config;
    /** Requests so far; the first one ends the warm-up (a request counts itself before it uses JShell). */
    private final AtomicLong requests = new AtomicLong();
    private final Object warmUpLock = new Object();
    private final List<String> classpath = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jshell-timeout");
        t.setDaemon(true);
        return t;
    });
    private final Magics magics;
    private volatile JShell shell;
    private volatile Evaluator evaluator;
    private volatile ResultRenderer renderer;
    private volatile Analysis analysis;
    private volatile OutputSink sink = OutputSink.NONE;
    private volatile SnippetJvm engine;
    private volatile RemoteOutput stdout;
    private volatile RemoteOutput stderr;
    /** The start of a new snippet JVM and JShell after the last one died; requests wait for it. */
    private volatile CompletableFuture<Void> restart = CompletableFuture.completedFuture(null);
    /** The running cell's own sink (not capped): where System.in asks for lines. */
    private volatile OutputSink inputSource = OutputSink.NONE;
    private final CellInput input = new CellInput(() -> inputSource);

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
                if ("result".equals(op)) renderer.captured(bundle);
                else sink.display(new DisplayData(bundle, id), "update".equals(op));
            }
        };
        List<String> vm = new ArrayList<>(List.of("-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                "-Dstderr.encoding=UTF-8", "-Djava.awt.headless=true"));
        if (STDIN_NEEDS_GUARD) vm.add("--add-opens=jdk.jshell/jdk.jshell.execution=ALL-UNNAMED");
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
        stdout = new RemoteOutput(false, target);
        stderr = new RemoteOutput(true, target);
        engine = new SnippetJvm(launchClasspath());
        JShell js = JShell.builder()
                .out(new PrintStream(stdout, true, StandardCharsets.UTF_8))
                .err(new PrintStream(stderr, true, StandardCharsets.UTF_8))
                .in(input)
                .executionEngine(engine, Map.of())
                .remoteVMOptions(vm.toArray(String[]::new))
                .compilerOptions(config.compilerOptions().toArray(String[]::new))
                .build();
        Timing.mark("jshell built");
        renderer = new ResultRenderer(engine);
        evaluator = new Evaluator(js, renderer, config.timeoutMillis(), timer);
        analysis = new Analysis(js);
        shell = js;
        Sources.update(js, classpath);
        // for the compiler; in the snippet JVM these are on the launch class path already, and JShell's class
        // loader asks its parent (the system loader) first, so no class is loaded twice
        js.addToClasspath(ownLocation());
        for (String cp : classpath) js.addToClasspath(cp);
        for (String imp : DEFAULT_IMPORTS) js.eval("import " + imp + ";");
        js.eval("import static backprop.kernel.runtime.Notebook.*;");
        if (evaluator.dead()) throw new IllegalStateException("the JVM for the snippets could not start (see the kernel's log)");
        Timing.mark("imports");
        for (Path script : config.startupScripts()) runStartup(script.toString(), read(script));
        if (!config.startupCode().isBlank()) runStartup("IJAVA_STARTUP_SCRIPT", config.startupCode());
        Timing.mark("startup scripts");
    }

    /**
     * Evaluates throw-away snippets (dropped again at the end of each round, their classes forgotten) until the
     * first request comes, so that the first cells do not pay for a cold compiler (javac runs interpreted until
     * the JIT has compiled it, and the JIT needs some hundreds of snippets) nor the snippet JVM's first class loads.
     * Meant for a background thread right after start, while the user reads: a request waits at most for the
     * snippet under way. Does nothing once a request has come. {@code eachRound} runs after each round, unless a
     * request has come.
     */
    public void warmUp(Runnable eachRound) {
        Evaluator ev = evaluator;
        List<Snippet> round = new ArrayList<>();
        for (int r = 0; r < WARM_UP_ROUNDS; r++) {
            for (String code : WARM_UP) {
                synchronized (warmUpLock) {
                    if (requests.get() != 0 || ev.dead()) {
                        ev.discard(round);
                        return;
                    }
                    try {
                        shell.sourceCodeAnalysis().analyzeCompletion(code);
                        for (SnippetEvent e : shell.eval(code)) if (e.causeSnippet() == null) round.add(e.snippet());
                    } catch (RuntimeException e) {
                        return; // the snippet JVM went away, or the session closed
                    }
                }
            }
            synchronized (warmUpLock) {
                ev.discard(round);
            }
            round.clear();
            if (requests.get() != 0) return;
            eachRound.run();
            if (r % 10 == 0 || r == WARM_UP_ROUNDS - 1) Timing.mark("warm-up round " + (r + 1));
        }
    }

    /** Counts a request, which ends a warm-up under way, and waits for the warm-up's snippet under way. */
    private void request() {
        requests.incrementAndGet();
        synchronized (warmUpLock) {
            // the warm-up has seen the count, or ended
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
            r = evaluator.run(code, 0, true, name);
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
        Sources.update(shell, classpath);
    }

    private ExecutionResult restartAfterDeath(OutputSink out) {
        boolean killed = engine.killedByStop();
        boolean timedOut = evaluator.timedOut();
        try {
            shell.close();
        } catch (RuntimeException ignored) {
        }
        // in the background, so the cell's reply does not wait for the new JVM and the startup scripts
        CompletableFuture<Void> started = new CompletableFuture<>();
        restart = started;
        Thread t = new Thread(() -> {
            try {
                start();
                started.complete(null);
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "jshell-restart");
        t.setDaemon(true);
        t.start();
        if (killed) {
            String why = (timedOut ? "the statement ran longer than IJAVA_TIMEOUT and" : "the cell")
                    + " did not stop within " + SnippetJvm.KILL_AFTER_MS / 1000 + " s of the interrupt; the Java VM was restarted: definitions are lost";
            return ExecutionResult.error(timedOut ? "TimeoutException" : "InterruptedException", why, List.of(why));
        }
        out.stderr("\nThe JVM running the snippets ended (System.exit, a crash or an out-of-memory kill); "
                + "a new one was started, and all earlier definitions were lost.\n");
        return ExecutionResult.error("SnippetJvmEnded", "the JVM running the snippets ended; definitions were lost",
                List.of("The JVM running the snippets ended (System.exit or a crash). A new one was started: "
                        + "all earlier definitions were lost."));
    }

    /** Waits for a restart under way; its failure is the request's. */
    private void ready() {
        try {
            restart.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        restart.whenComplete((ok, failed) -> {
            try {
                shell.close();
            } catch (RuntimeException ignored) {
            }
        });
    }

    @Override
    public void interrupt() {
        input.interrupt();
        evaluator.interrupt();
    }

    // ---------------------------------------------------------------- requests

    @Override
    public ExecutionResult execute(String code, OutputSink out) {
        ready();
        request();
        RemoteOutput cellOut = stdout;
        RemoteOutput cellErr = stderr;
        CappedSink capped = new CappedSink(out, config.outputCapChars());
        evaluator.beginCell();
        input.newCell();
        engine.beginCell();
        sink = capped;
        inputSource = out;
        try {
            ExecutionResult r;
            try {
                r = code.stripLeading().startsWith("%%") ? magics.cell(code, capped) : runCell(code, capped);
            } catch (IllegalStateException e) {
                if (!evaluator.dead()) throw e;
                r = null;
            }
            if (r == null || evaluator.dead()) r = restartAfterDeath(capped);
            return r;
        } finally {
            cellOut.endOfCell();
            cellErr.endOfCell();
            inputSource = OutputSink.NONE;
            capped.finish();
        }
    }

    /** Runs a cell's line magics and code in order; stops at the first error (null: the snippet JVM died). */
    private ExecutionResult runCell(String code, OutputSink out) {
        ExecutionResult last = ExecutionResult.ok(null);
        for (CellParts.Part p : CellParts.split(code, analysis::complete)) {
            last = p.magic() ? magics.line(p.text(), out) : evaluator.run(p.text(), p.firstLine(), false, null);
            if (last == null || !last.ok()) return last;
        }
        return last;
    }

    /** Runs Java code for a magic (%load, %time); {@code firstLine} is its line in the cell. */
    ExecutionResult runCode(String code, int firstLine, boolean quiet) {
        return evaluator.run(code, firstLine, quiet, null);
    }

    @Override
    public Completions complete(String code, int cursor) {
        ready();
        request();
        return analysis.complete(code, cursor);
    }

    @Override
    public String inspect(String code, int cursor) {
        ready();
        request();
        return analysis.inspect(code, cursor);
    }

    @Override
    public IsComplete isComplete(String code) {
        ready();
        request();
        return analysis.isComplete(code);
    }

    /** Where the running cell's output goes (for magics' messages). */
    OutputSink sink() {
        return sink;
    }
}
