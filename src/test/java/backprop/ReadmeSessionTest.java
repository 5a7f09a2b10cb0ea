package backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.Test;

/**
 * Runs the jshell session of README.md through the jdk.jshell API and compares each value the way the
 * jshell tool shows it ({@code name ==> value}), and what a step prints (blank lines aside); where the
 * README shows a value cut short with " ... " (as jshell does), the beginning and the end must match.
 */
class ReadmeSessionTest {

    record Step(String input, String expected) {
    }

    static List<Step> session() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("$ jshell --class-path target/backprop-all.jar");
        assertTrue(start >= 0, "README.md has the jshell session");
        List<Step> steps = new ArrayList<>();
        String input = null;
        StringBuilder expected = new StringBuilder();
        for (int k = start + 1; !lines.get(k).equals("```"); k++) {
            String line = lines.get(k);
            if (line.startsWith("jshell> ")) {
                if (input != null) {
                    steps.add(new Step(input, expected.toString().strip()));
                }
                input = line.substring("jshell> ".length());
                expected.setLength(0);
            } else if (!line.isBlank()) {
                expected.append(line).append('\n');
            }
        }
        steps.add(new Step(input, expected.toString().strip()));
        return steps;
    }

    @Test
    void readmeSessionPrintsWhatTheReadmeShows() throws Exception {
        List<Step> steps = session();
        assertTrue(steps.size() >= 10, "the session has its steps");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The jshell tool names the value of the n-th input $n.
        int[] n = {0};
        try (JShell shell = JShell.builder().executionEngine("local").tempVariableNameGenerator(() -> "$" + n[0])
                .out(new PrintStream(out, true, StandardCharsets.UTF_8)).build()) {
            // The library's classes, wherever the test runner loaded them from (target/classes under Maven).
            shell.addToClasspath(Path.of(backprop.nn.Network.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString());
            for (Step step : steps) {
                n[0]++;
                StringBuilder shown = new StringBuilder();
                // As the jshell tool does, complete a missing final semicolon.
                String source = shell.sourceCodeAnalysis().analyzeCompletion(step.input()).source();
                // The snippets run in this JVM ("local"): what they print goes to System.out.
                ByteArrayOutputStream printed = new ByteArrayOutputStream();
                PrintStream stdout = System.out;
                List<SnippetEvent> events;
                System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
                try {
                    events = shell.eval(source);
                } finally {
                    System.setOut(stdout);
                }
                for (SnippetEvent e : events) {
                    if (e.exception() != null) {
                        throw new AssertionError(step.input() + " threw " + e.exception());
                    }
                    assertEquals(jdk.jshell.Snippet.Status.VALID, e.status(),
                            step.input() + ": " + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
                    if (e.snippet() instanceof VarSnippet v && e.value() != null) {
                        shown.append(v.name()).append(" ==> ").append(e.value());
                    }
                }
                shown.append(printed.toString(StandardCharsets.UTF_8));
                String actual = shown.toString().strip().replaceAll("\n\\s*\n", "\n");
                String expected = step.expected();
                int cut = expected.indexOf(" ... ");
                if (cut >= 0) {
                    String head = expected.substring(0, cut);
                    String tail = expected.substring(cut + " ... ".length());
                    assertTrue(actual.startsWith(head) && actual.endsWith(tail),
                            step.input() + "\nexpected: " + expected + "\nactual:   " + actual);
                } else {
                    assertEquals(expected, actual, step.input());
                }
            }
        }
    }
}
