package backprop.kernel.jshell;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a session starts with. {@link #fromEnvironment} reads IJava's variables with IJava's meanings:
 * IJAVA_CLASSPATH (path-separator list, entries may be globs), IJAVA_STARTUP_SCRIPTS_PATH (path-separator
 * list of .jshell/.jsh files, may be globs), IJAVA_STARTUP_SCRIPT (code), IJAVA_COMPILER_OPTS
 * (space-separated javac options), IJAVA_TIMEOUT (per top-level statement; ms by default, or with a unit
 * such as "30 s" / "2 min"; below 1 means none).
 */
public record SessionConfig(List<String> classpath, List<Path> startupScripts, String startupCode,
                            List<String> compilerOptions, List<String> remoteVmOptions, long timeoutMillis,
                            long outputCapChars) {

    public static final long DEFAULT_OUTPUT_CAP = 4L << 20;

    public static SessionConfig fromEnvironment(Map<String, String> env, List<Path> extraStartupScripts,
                                                List<String> remoteVmOptions) {
        List<String> cp = new ArrayList<>();
        for (String entry : split(env.get("IJAVA_CLASSPATH"))) cp.addAll(glob(entry));
        List<Path> scripts = new ArrayList<>(extraStartupScripts);
        for (String entry : split(env.get("IJAVA_STARTUP_SCRIPTS_PATH"))) {
            for (String p : glob(entry)) scripts.add(Paths.get(p));
        }
        String code = env.getOrDefault("IJAVA_STARTUP_SCRIPT", "");
        String opts = env.getOrDefault("IJAVA_COMPILER_OPTS", "").trim();
        List<String> copts = opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
        long timeout = parseTimeout(env.get("IJAVA_TIMEOUT"));
        return new SessionConfig(cp, scripts, code, copts, remoteVmOptions, timeout, DEFAULT_OUTPUT_CAP);
    }

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (s == null || s.isBlank()) return out;
        for (String p : s.split(File.pathSeparator)) if (!p.isBlank()) out.add(p.trim());
        return out;
    }

    /** IJAVA_TIMEOUT: "5000", "5000 ms", "30 s", "2 min", "1 h"; below 1 (or absent) means no timeout. */
    public static long parseTimeout(String s) {
        if (s == null || s.isBlank()) return -1;
        String t = s.trim().toLowerCase();
        String num = t.replaceAll("[^0-9.\\-].*$", "").trim();
        String unit = t.substring(num.length()).trim();
        double v;
        try {
            v = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("IJAVA_TIMEOUT must be a number with an optional unit (ms, s, min, h), got: " + s);
        }
        long factor = switch (unit) {
            case "", "ms", "millis", "milliseconds" -> 1;
            case "s", "sec", "secs", "second", "seconds" -> 1000;
            case "m", "min", "mins", "minute", "minutes" -> 60_000;
            case "h", "hr", "hour", "hours" -> 3_600_000;
            default -> throw new IllegalArgumentException("IJAVA_TIMEOUT unit must be ms, s, min or h, got: " + unit);
        };
        long ms = (long) (v * factor);
        return ms < 1 ? -1 : ms;
    }

    /** Expands a simple glob (* and ? in the last parts; '/' as separator on any OS) to existing paths. */
    public static List<String> glob(String pattern) {
        String p = pattern.replace('/', File.separatorChar);
        if (!p.contains("*") && !p.contains("?")) return List.of(Paths.get(p).toAbsolutePath().toString());
        int firstWild = Math.min(idx(p, '*'), idx(p, '?'));
        int cut = p.lastIndexOf(File.separatorChar, firstWild);
        Path base = cut < 0 ? Paths.get("").toAbsolutePath() : Paths.get(p.substring(0, cut + 1)).toAbsolutePath();
        String rest = cut < 0 ? p : p.substring(cut + 1);
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + rest.replace("\\", "\\\\"));
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(base)) return out;
        try (Stream<Path> s = Files.walk(base, rest.split("[/\\\\]").length)) {
            s.filter(f -> !f.equals(base) && m.matches(base.relativize(f))).sorted()
                    .forEach(f -> out.add(f.toString()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + base + " for the glob " + pattern + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static int idx(String s, char c) {
        int i = s.indexOf(c);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
