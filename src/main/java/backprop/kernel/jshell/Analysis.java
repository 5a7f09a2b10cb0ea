package backprop.kernel.jshell;

import backprop.kernel.session.Session.Completions;
import backprop.kernel.session.Session.IsComplete;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a front end asks about code without running it: completion, inspection (signature and Javadoc) and
 * whether a cell is complete. JShell analyses one snippet at a time, so each request first finds the snippet
 * around the cursor; magic lines are skipped.
 */
final class Analysis {
    private final JShell shell;

    Analysis(JShell shell) {
        this.shell = shell;
    }

    /** Whether every statement in {@code code} is ended (so a magic line may follow). */
    boolean complete(String code) {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
            if (!ci.completeness().isComplete()) return false;
            rest = ci.remaining();
        }
        return true;
    }

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

    Completions complete(String code, int cursor) {
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

    String inspect(String code, int cursor) {
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

    IsComplete isComplete(String code) {
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

    /** Four spaces per bracket still open, at least one level. */
    static String indent(String code) {
        int depth = 0;
        for (char c : code.toCharArray()) {
            if (c == '{' || c == '(' || c == '[') depth++;
            else if (c == '}' || c == ')' || c == ']') depth = Math.max(0, depth - 1);
        }
        return "    ".repeat(Math.max(1, depth));
    }
}
