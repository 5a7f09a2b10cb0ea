package backprop.show;

import backprop.data.Sample;
import backprop.data.Targets;
import backprop.nn.Examples;
import backprop.nn.Network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fixed pictures of every kind (a chart of curves, a plot, a decision boundary, a diagram), their
 * SHA-256 here and, through {@link #main}, in a second JVM: the bytes must not depend on the JVM run
 * (hash order, identity hash codes, clocks), which one render compared with another in the same JVM
 * cannot show.
 */
public final class Pictures {
    private Pictures() {
    }

    static Network net() {
        return Network.of(2, 3, 1).initUniform(0.5, 42);
    }

    /** The pictures by name, as bytes (PNG, or the SVG text as UTF-8). */
    static Map<String, byte[]> render() {
        System.setProperty("java.awt.headless", "true");
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("curves", Curves.of(CurvesTest.run("eta = 0.1", 0.002), CurvesTest.run("eta = 0.01", 0.001))
                .logY().title("E_in").png());
        Examples line = Sample.noisy(Targets.sine(), 12, 1, 0.1, 1);
        out.put("plot", Plot.fit(Targets.sine(), line).network("g", Network.of(1, 3, 1).initUniform(0.5, 1))
                .title("fit").png());
        Examples plane = Sample.twoClass(Targets.circle(), 40, 2, 3);
        out.put("boundary", Boundary.of(plane).target(Targets.circle()).panelSize(120).network("t = 0", net()).png());
        out.put("diagram", Diagram.forward(net().forward(0.5, -0.2)).highlightSum(1, 2).toSvg()
                .getBytes(StandardCharsets.UTF_8));
        return out;
    }

    static Map<String, String> hashes(Map<String, byte[]> pictures) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (var e : pictures.entrySet()) {
                out.put(e.getKey(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.getValue())));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static Map<String, String> other;

    /** The hashes computed by {@link #main} in a new JVM with this JVM's class path (run once). */
    static synchronized Map<String, String> inAnotherJvm() throws IOException, InterruptedException {
        if (other == null) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-cp",
                    System.getProperty("java.class.path"), Pictures.class.getName()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("the second JVM failed: " + text);
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (String row : text.strip().split("\n")) {
                String[] kv = row.split(" ");
                m.put(kv[0], kv[1]);
            }
            other = m;
        }
        return other;
    }

    /** Prints "name sha256" for every picture. */
    public static void main(String[] args) {
        hashes(render()).forEach((k, v) -> System.out.println(k + " " + v));
    }
}
