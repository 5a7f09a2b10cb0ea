package backprop.kernel.jshell;

import backprop.kernel.maven.MavenResolver;
import backprop.kernel.session.ExecutionResult;
import backprop.kernel.session.OutputSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * IJava's magics: line magics %jars, %classpath, %load, %maven, %time, %lsmagic; cell magics %%loadFromPOM and
 * %%time. A line magic may stand on its own line anywhere a statement could start.
 */
final class Magics {
    private static final List<String> LINE = List.of("%jars", "%classpath", "%load", "%maven", "%time", "%lsmagic");
    private static final List<String> CELL = List.of("%%loadFromPOM", "%%time");

    private final JShellSession session;
    private MavenResolver maven;

    Magics(JShellSession session) {
        this.session = session;
    }

    static List<String> names() {
        List<String> all = new ArrayList<>(CELL);
        all.addAll(LINE);
        return all;
    }

    /** {@code line} is the magic line without its leading '%'. */
    ExecutionResult line(String line, OutputSink out) {
        String name = line.split("\\s+", 2)[0];
        String rest = line.length() > name.length() ? line.substring(name.length()).trim() : "";
        try {
            switch (name) {
                case "jars", "classpath" -> {
                    List<String> args = args(rest);
                    if (args.isEmpty()) return usage("%" + name + " needs one or more paths (globs allowed), e.g. %" + name + " lib/*.jar");
                    for (String a : args) {
                        List<String> found = SessionConfig.glob(a);
                        if (found.isEmpty() || !Files.exists(Paths.get(found.get(0)))) {
                            return usage("%" + name + ": nothing matches " + a + " (relative to " + Paths.get("").toAbsolutePath() + ")");
                        }
                        for (String f : found) session.addClasspath(f);
                    }
                    return ExecutionResult.ok(null);
                }
                case "load" -> {
                    List<String> args = args(rest);
                    if (args.size() != 1) return usage("%load needs exactly one file (.jsh, .jshell or .java), got: " + args);
                    Path p = Paths.get(args.get(0));
                    if (!Files.isRegularFile(p)) return usage("%load: no such file " + p.toAbsolutePath());
                    return session.runCode(Files.readString(p), 0, true);
                }
                case "maven" -> {
                    List<String> args = args(rest);
                    if (args.isEmpty()) return usage("%maven needs coordinates group:artifact:version, e.g. %maven org.knowm.xchart:xchart:3.8.8");
                    List<MavenResolver.Coord> coords = new ArrayList<>();
                    for (String a : args) coords.add(MavenResolver.Coord.parse(a));
                    for (Path jar : resolver().resolve(coords)) session.addClasspath(jar.toString());
                    return ExecutionResult.ok(null);
                }
                case "time" -> {
                    return time(rest, out);
                }
                case "lsmagic" -> {
                    out.stdout("Line magics: " + String.join(" ", LINE) + "\nCell magics: " + String.join(" ", CELL) + "\n");
                    return ExecutionResult.ok(null);
                }
                default -> {
                    return usage("unknown line magic %" + name + "; known: " + String.join(" ", LINE));
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            return usage("%" + name + ": " + e.getMessage());
        }
    }

    /** A cell starting with %%name. */
    ExecutionResult cell(String code, OutputSink out) {
        String body = code.stripLeading();
        int nl = body.indexOf('\n');
        String first = (nl < 0 ? body : body.substring(0, nl)).substring(2).trim();
        String rest = nl < 0 ? "" : body.substring(nl + 1);
        String name = first.split("\\s+", 2)[0];
        try {
            switch (name) {
                case "time" -> {
                    return time(rest, out);
                }
                case "loadFromPOM" -> {
                    MavenResolver.PomRequest req = MavenResolver.parsePomSnippet(rest);
                    for (Path jar : resolver().resolve(req)) session.addClasspath(jar.toString());
                    return ExecutionResult.ok(null);
                }
                default -> {
                    return usage("unknown cell magic %%" + name + "; known: " + String.join(" ", CELL));
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            return usage("%%" + name + ": " + e.getMessage());
        }
    }

    private ExecutionResult time(String code, OutputSink out) {
        long t0 = System.nanoTime();
        ExecutionResult r = session.runCode(code, 0, false);
        long ns = System.nanoTime() - t0;
        out.stdout(String.format("Wall time: %.1f ms%n", ns / 1e6));
        return r;
    }

    private MavenResolver resolver() {
        if (maven == null) maven = new MavenResolver(MavenResolver.defaultLocalRepository(), msg -> session.sink().stderr(msg + "\n"));
        return maven;
    }

    private static ExecutionResult usage(String msg) {
        return ExecutionResult.error("MagicException", msg, List.of(msg));
    }

    /** Splits on blanks; double or single quotes keep blanks inside an argument. */
    static List<String> args(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
                else cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (cur.length() > 0 || any) out.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0 || any) out.add(cur.toString());
        return out;
    }
}
