package backprop.kernel.jshell;

import backprop.kernel.session.ExecutionResult;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compile and runtime errors of a cell as a reader wants them: the message, the cell line and the code with a
 * {@code ^^^} marker; the exception with the cell's own frames ({@code at divide (cell line 2)}), not JShell's.
 */
final class ErrorFormatter {
    /** Frames shown per exception; the rest is summarised as "... N more". */
    static final int MAX_FRAMES = 40;

    private final JShell shell;

    ErrorFormatter(JShell shell) {
        this.shell = shell;
    }

    /**
     * A rejected snippet: each compile error with its line in the cell. {@code offset} is where the snippet
     * starts in {@code code}, {@code firstLine} the cell line {@code code} starts on.
     */
    ExecutionResult compileError(Snippet sn, String code, int offset, int firstLine) {
        List<String> tb = new ArrayList<>();
        String first = null;
        String[] lines = code.split("\n", -1);
        for (Diag d : shell.diagnostics(sn).toList()) {
            if (!d.isError()) continue;
            String msg = d.getMessage(null).replaceAll("\\n\\s*location: class\\s*$", "");
            if (first == null) first = msg;
            long pos = d.getPosition() < 0 ? d.getStartPosition() : d.getPosition();
            int abs = (int) Math.min(code.length(), offset + Math.max(0, pos));
            int lineIdx = newlines(code, abs);
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

    /** An exception thrown by a snippet; {@code snippetLines} maps snippet ids to the cell line they start on. */
    ExecutionResult runtimeError(JShellException ex, Map<String, Integer> snippetLines) {
        List<String> tb = new ArrayList<>();
        if (ex instanceof UnresolvedReferenceException ure) {
            String ename = "UnresolvedReferenceException";
            jdk.jshell.DeclarationSnippet sn = ure.getSnippet();
            List<String> missing = shell.unresolvedDependencies(sn).toList();
            String evalue = "'" + describe(sn) + "' cannot be used until " + String.join(", ", missing) + " is declared";
            tb.add(ename + ": " + evalue);
            tb.addAll(frames(ex.getStackTrace(), snippetLines));
            return ExecutionResult.error(ename, evalue, tb);
        }
        EvalException e = (EvalException) ex;
        String ename = e.getExceptionClassName();
        String evalue = e.getMessage() == null ? "" : e.getMessage();
        tb.add(ename + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        tb.addAll(frames(e.getStackTrace(), snippetLines));
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 10) {
            String cn = cause instanceof EvalException ce ? ce.getExceptionClassName() : cause.getClass().getName();
            tb.add("Caused by: " + cn + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            tb.addAll(frames(cause.getStackTrace(), snippetLines));
            cause = cause.getCause();
        }
        return ExecutionResult.error(ename, evalue, tb);
    }

    /** The first line of a snippet's source, with " ..." when there is more. */
    static String describe(Snippet sn) {
        String s = sn.source().strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    /**
     * Traceback lines for a stack: JShell's, reflection's and the kernel runtime's frames left out, a snippet's
     * frames as {@code at method (cell line N)}, at most {@link #MAX_FRAMES}.
     */
    static List<String> frames(StackTraceElement[] st, Map<String, Integer> snippetLines) {
        List<String> tb = new ArrayList<>();
        int shown = 0;
        for (StackTraceElement f : st) {
            String cls = f.getClassName();
            if (cls.startsWith("jdk.jshell.") || cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")
                    || cls.startsWith("backprop.kernel.runtime.")) continue;
            if (shown == MAX_FRAMES) {
                tb.add("\t... " + (st.length - MAX_FRAMES) + " more");
                break;
            }
            shown++;
            String file = f.getFileName();
            if (file != null && file.startsWith("#")) {
                Integer start = snippetLines.get(file.substring(1));
                String where = start != null ? "cell line " + (start + f.getLineNumber())
                        : "snippet " + file + ", line " + f.getLineNumber();
                String m = f.getMethodName().isEmpty() ? "" : (cls.isEmpty() ? "" : cls + ".") + f.getMethodName();
                tb.add("\tat " + (m.isEmpty() ? "" : m + " ") + "(" + where + ")");
            } else {
                tb.add("\tat " + f);
            }
        }
        return tb;
    }

    /** The number of newlines in {@code s} before {@code end}. */
    static int newlines(String s, int end) {
        int n = 0;
        for (int i = 0; i < end && i < s.length(); i++) if (s.charAt(i) == '\n') n++;
        return n;
    }
}
