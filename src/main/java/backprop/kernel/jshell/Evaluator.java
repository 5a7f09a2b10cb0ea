package backprop.kernel.jshell;

import backprop.kernel.session.ExecutionResult;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Java code on one JShell, snippet by snippet: stops at the first error (compile or runtime), at an
 * interrupt, or when a top-level statement runs longer than IJAVA_TIMEOUT; the value of the last expression
 * is the result. Knows when the snippet JVM has died ({@link #dead()}).
 */
final class Evaluator {
    private final JShell shell;
    private final ErrorFormatter errors;
    private final CompiledClasses compiled;
    private final ResultRenderer renderer;
    private final long timeoutMillis;
    private final ScheduledExecutorService timer;
    /** For the code being run: snippet id to the cell line (0-based) its source starts on. */
    private final Map<String, Integer> snippetLines = new HashMap<>();
    private volatile boolean dead;
    private volatile boolean interrupted;
    private volatile boolean timedOut;
    private volatile boolean running;

    /** {@code timeoutMillis} below 1: no timeout. */
    Evaluator(JShell shell, ResultRenderer renderer, long timeoutMillis, ScheduledExecutorService timer) {
        this.shell = shell;
        this.errors = new ErrorFormatter(shell);
        this.compiled = new CompiledClasses(shell);
        this.renderer = renderer;
        this.timeoutMillis = timeoutMillis;
        this.timer = timer;
        shell.onShutdown(j -> dead = true);
    }

    /** Whether the snippet JVM has ended (System.exit, a crash, a kill). */
    boolean dead() {
        return dead;
    }

    /** Whether the last stop was IJAVA_TIMEOUT's rather than an interrupt's. */
    boolean timedOut() {
        return timedOut;
    }

    /** Forgets an interrupt of an earlier cell. */
    void beginCell() {
        interrupted = false;
    }

    /** Stops the running statement (if any) and ends the code being run with an "interrupted" error. */
    void interrupt() {
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

    /**
     * Runs {@code code}, which starts on cell line {@code firstLine}; null when the snippet JVM died meanwhile.
     * {@code quiet}: no result value. With {@code keepGoingAs} (a startup script's name), errors go to the
     * kernel's stderr and the next snippet still runs.
     */
    ExecutionResult run(String code, int firstLine, boolean quiet, String keepGoingAs) {
        List<Snippet> temps = new ArrayList<>();
        try {
            return run(code, firstLine, quiet, keepGoingAs, temps);
        } finally {
            discard(temps);
        }
    }

    /**
     * Drops {@code snippets}, the last first, and forgets their classes and the class names javac kept of this cell's
     * compilations ({@link CompiledClasses}). A cell's {@code $N} variables go this way once their values are
     * rendered: every later compilation would otherwise import each of them, and the time per cell would grow with
     * the notebook.
     */
    void discard(List<Snippet> snippets) {
        for (int k = snippets.size() - 1; k >= 0 && !dead; k--) {
            Snippet s = snippets.get(k);
            try {
                shell.drop(s);
            } catch (RuntimeException e) {
                return; // the snippet JVM went away meanwhile
            }
            compiled.forget(s);
        }
        compiled.forgetEmptyNames();
    }

    private ExecutionResult run(String code, int firstLine, boolean quiet, String keepGoingAs, List<Snippet> temps) {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        snippetLines.clear();
        String rest = code;
        SnippetEvent lastValue = null;
        SourceCodeAnalysis.CompletionInfo ci = analyze(sca, rest);
        while (ci != null) {
            String source;
            String next;
            if (ci.completeness().isComplete()) {
                source = ci.source();
                next = ci.remaining();
            } else {
                source = rest;
                next = "";
            }
            int offset = code.length() - rest.length() + offsetIn(rest, source);
            int line = firstLine + ErrorFormatter.newlines(code, offset);
            SourceCodeAnalysis.CompletionInfo following = analyze(sca, next);
            lastValue = null;
            List<SnippetEvent> events = evalWithTimeout(source, !quiet && following == null);
            if (dead) return null;
            for (SnippetEvent ev : events) {
                if (ev.causeSnippet() != null) continue;
                Snippet sn = ev.snippet();
                snippetLines.put(sn.id(), line);
                if (sn instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) temps.add(sn);
                ExecutionResult failed = null;
                if (ev.status() == Snippet.Status.REJECTED) failed = errors.compileError(sn, code, offset, firstLine);
                else if (ev.exception() != null) failed = errors.runtimeError(ev.exception(), snippetLines);
                if (failed != null && keepGoingAs == null) return failed;
                if (failed != null) {
                    System.err.println("[backprop kernel] startup script " + keepGoingAs + ": " + String.join("\n", failed.traceback()));
                    continue;
                }
                if (interrupted) return interruptedResult();
                if (ResultRenderer.hasValue(ev)) lastValue = ev;
            }
            if (interrupted) return interruptedResult();
            rest = next;
            ci = following;
        }
        if (lastValue == null || quiet) return ExecutionResult.ok(null);
        return ExecutionResult.ok(renderer.render(lastValue));
    }

    /** The next snippet of {@code rest}, or null if there is none (only blanks and comments). */
    private static SourceCodeAnalysis.CompletionInfo analyze(SourceCodeAnalysis sca, String rest) {
        if (rest.isBlank()) return null;
        SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
        return ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY ? null : ci;
    }

    /** {@code mayBeResult}: the snippet is the code's last, so its value may be the result (rendered as it runs). */
    private List<SnippetEvent> evalWithTimeout(String source, boolean mayBeResult) {
        ScheduledFuture<?> t = null;
        timedOut = false;
        if (timeoutMillis > 0) {
            t = timer.schedule(() -> {
                timedOut = true;
                interrupted = true;
                stopRemote();
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
        running = true;
        renderer.beforeRun(mayBeResult);
        try {
            if (interrupted) return List.of(); // the interrupt came while the cell was being split and parsed
            return shell.eval(source);
        } finally {
            renderer.afterRun();
            running = false;
            if (t != null) t.cancel(false);
        }
    }

    private ExecutionResult interruptedResult() {
        String why = timedOut
                ? "the statement ran longer than IJAVA_TIMEOUT (" + timeoutMillis + " ms) and was stopped"
                : "the cell was interrupted";
        return ExecutionResult.error(timedOut ? "TimeoutException" : "InterruptedException", why, List.of(why + "; definitions are kept."));
    }

    /** Where JShell's normalised {@code source} of the next snippet starts in {@code rest}. */
    private static int offsetIn(String rest, String source) {
        String s = source.endsWith(";") ? source.substring(0, source.length() - 1) : source;
        s = s.strip();
        if (s.isEmpty()) return 0;
        int i = rest.indexOf(s.length() > 40 ? s.substring(0, 40) : s);
        return Math.max(i, 0);
    }
}
