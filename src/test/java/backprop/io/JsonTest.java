package backprop.io;

import backprop.nn.History;
import backprop.nn.Network;
import backprop.nn.OutputUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class JsonTest {
    @TempDir
    Path dir;

    static Network small() {
        return Network.fromWeights(
                new double[][]{{0.1, 0.2}, {0.3, 0.4}, {-0.2, 0.5}},
                new double[][]{{0.2}, {1.0}, {-1.5}});
    }

    static final String SMALL = """
            {
              "format": "backprop.network",
              "version": 1,
              "sizes": [2, 2, 1],
              "x0": -1,
              "output": "tanh",
              "w": [
                [
                  [0.1, 0.2],
                  [0.3, 0.4],
                  [-0.2, 0.5]
                ],
                [
                  [0.2],
                  [1.0],
                  [-1.5]
                ]
              ]
            }
            """;

    /** A random double from random bits: every exponent, subnormals included; never NaN or infinite. */
    static double randomDouble(SplittableRandom r) {
        while (true) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(v)) {
                return v;
            }
        }
    }

    @Test
    void networkFormatIsExact() throws Exception {
        assertEquals(SMALL, Json.toJson(small()));
        Network back = Json.network(SMALL);
        assertEquals(small().weights(), back.weights());
        assertEquals(-1, back.x0());
        assertEquals(OutputUnit.TANH, back.output());
    }

    @Test
    void everyWeightRoundTripsBitForBit() throws Exception {
        SplittableRandom r = new SplittableRandom(2024);
        Network net = Network.of(3, 5, 4, 1).withThreshold(1).withOutput(OutputUnit.IDENTITY);
        double[] special = {Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 0x1.fffffffffffffp-1023,
                -0.0, 0.0, Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 1.0 / 3, Math.PI, 1e-320};
        int k = 0;
        for (int l = 1; l <= net.L(); l++) {
            for (int i = 0; i <= net.d(l - 1); i++) {
                for (int j = 1; j <= net.d(l); j++) {
                    net.setW(l, i, j, k < special.length ? special[k] : randomDouble(r));
                    k++;
                }
            }
        }
        Path file = dir.resolve("net.json");
        Json.save(net, file);
        Network back = Json.loadNetwork(file);
        assertArrayEquals(net.sizes(), back.sizes());
        assertEquals(1, back.x0());
        assertEquals(OutputUnit.IDENTITY, back.output());
        double[] a = net.weights().flatten(), b = back.weights().flatten();
        assertEquals(net.weightCount(), b.length);
        for (int n = 0; n < a.length; n++) {
            assertEquals(Double.doubleToRawLongBits(a[n]), Double.doubleToRawLongBits(b[n]), "weight " + n + ": " + a[n]);
        }
        // many more random doubles, subnormals among them, through a wide layer
        Network wide = Network.of(400, 1);
        for (int i = 0; i <= 400; i++) {
            double v = i % 4 == 0 ? Double.longBitsToDouble(r.nextLong() & 0x000fffffffffffffL) // subnormal
                    : randomDouble(r);
            wide.setW(1, i, 1, v);
        }
        double[] w = wide.weights().flatten(), w2 = Json.network(Json.toJson(wide)).weights().flatten();
        for (int n = 0; n < w.length; n++) {
            assertEquals(Double.doubleToRawLongBits(w[n]), Double.doubleToRawLongBits(w2[n]), "weight " + n);
        }
    }

    @Test
    void historyRoundTripsWithNaNAsNull() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        List<History.Point> points = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            points.add(new History.Point(10L * k, Math.abs(randomDouble(r)), k % 2 == 0 ? Double.NaN : r.nextDouble(),
                    k == 3 ? Double.POSITIVE_INFINITY : Double.NaN, k == 4 ? Double.NEGATIVE_INFINITY : 0.25));
        }
        History h = new History("eta = 0.1 \"quoted\" ∂", points);
        String json = Json.toJson(h);
        assertTrue(json.contains("{\"t\": 0, \"E_in\": "), json);
        assertTrue(json.contains("\"E_test\": null"), json);
        Path file = dir.resolve("h.json");
        Json.save(h, file);
        History back = Json.loadHistory(file);
        assertEquals(h.label(), back.label());
        assertEquals(h.points().size(), back.points().size());
        for (int k = 0; k < points.size(); k++) {
            History.Point p = points.get(k), q = back.points().get(k);
            assertEquals(p.t(), q.t());
            assertEquals(Double.doubleToRawLongBits(p.eIn()), Double.doubleToRawLongBits(q.eIn()));
            assertEquals(Double.doubleToRawLongBits(p.eTest()), Double.doubleToRawLongBits(q.eTest()));
            assertEquals(Double.doubleToRawLongBits(p.eInZeroOne()), Double.doubleToRawLongBits(q.eInZeroOne()));
            assertEquals(Double.doubleToRawLongBits(p.eTestZeroOne()), Double.doubleToRawLongBits(q.eTestZeroOne()));
        }
        assertEquals("""
                {
                  "format": "backprop.history",
                  "version": 1,
                  "label": "",
                  "points": [
                    {"t": 5, "E_in": 0.5, "E_test": null, "E_in_01": 0.25, "E_test_01": null}
                  ]
                }
                """, Json.toJson(new History("", List.of(new History.Point(5, 0.5, Double.NaN, 0.25, Double.NaN)))));
    }

    /** SMALL with one piece of text replaced (which must occur). */
    static String small(String from, String to) {
        assertTrue(SMALL.contains(from), from);
        return SMALL.replace(from, to);
    }

    static String networkError(String json) {
        return assertThrows(JsonFormatException.class, () -> Json.network(json)).getMessage();
    }

    @Test
    void badNetworksNameThePathAndTheProblem() {
        assertEquals("JSON text: $.sizes[2]: d(L) = d(2) = 2, expected 1 (one output x_1(L))",
                networkError(small("[2, 2, 1]", "[2, 2, 2]")));
        assertEquals("JSON text: $.sizes[1]: d(1) = 0, expected a whole number of neurons >= 1",
                networkError(small("[2, 2, 1]", "[2, 0, 1]")));
        assertEquals("JSON text: $.sizes[0]: d(0) = the string \"2\", expected a whole number of neurons >= 1",
                networkError(small("[2, 2, 1]", "[\"2\", 2, 1]")));
        assertEquals("JSON text: $.sizes: expected the layer sizes [d(0), ..., d(L)] with L >= 1, got an array [1]",
                networkError(small("[2, 2, 1]", "[1]")));
        assertEquals("JSON text: $.x0: threshold input x_0 = 0.5, expected -1 (the lecture) or +1 (the book)",
                networkError(small("\"x0\": -1", "\"x0\": 0.5")));
        assertEquals("JSON text: $.output: output unit the string \"relu\", expected \"tanh\" or \"identity\"",
                networkError(small("\"tanh\"", "\"relu\"")));
        assertEquals("JSON text: $.w[0][2][1]: w_22(1) is the string \"abc\", expected a finite number",
                networkError(small("[-0.2, 0.5]", "[-0.2, \"abc\"]")));
        assertEquals("JSON text: $.w[0][2][0]: w_21(1) is null, expected a finite number",
                networkError(small("[-0.2, 0.5]", "[null, 0.5]")));
        assertEquals("JSON text: $.w[1][0][0]: w_01(2) is too large for a double, expected a finite number",
                networkError(small("[0.2]", "[1e999]")));
        assertEquals("JSON text: $.w[0][1]: row i = 1 of w(1) has 3 entries, expected d(1) = 2 (j = 1..2)",
                networkError(small("[0.3, 0.4]", "[0.3, 0.4, 0.5]")));
        assertEquals("JSON text: $.w[1]: w(2) has 2 rows, expected d(1) + 1 = 3 rows i = 0..2",
                networkError(small("[0.2],\n      [1.0],", "[0.2],")));
        assertEquals("JSON text: $.w: expected L = 3 weight matrices w(1)..w(3) (one per layer, as $.sizes says), got 2 matrices",
                networkError(small("[2, 2, 1]", "[2, 2, 2, 1]")));
        assertEquals("JSON text: $.output: missing field \"output\"",
                networkError(small("  \"output\": \"tanh\",\n", "")));
        assertEquals("JSON text: $.weights: unknown field \"weights\", expected only format, output, sizes, version, w, x0",
                networkError(small("\"w\"", "\"weights\"")));
        assertEquals("JSON text: $.version: version 2 is not supported, expected 1",
                networkError(small("\"version\": 1", "\"version\": 2")));
        // 2^64 + 1: as a long it would wrap to 1
        assertEquals("JSON text: $.version: version 18446744073709551617 is not supported, expected 1",
                networkError(small("\"version\": 1", "\"version\": 18446744073709551617")));
        assertEquals("JSON text: $.version: version 1.0 is not supported, expected 1",
                networkError(small("\"version\": 1", "\"version\": 1.0")));
        assertEquals("JSON text: $.format: the string \"backprop.history\" is not this kind of file, expected \"backprop.network\"",
                networkError(small("backprop.network", "backprop.history")));
        assertEquals("JSON text: $.colour: unknown field \"colour\", expected only format, output, sizes, version, w, x0",
                networkError(small("\"x0\": -1,", "\"x0\": -1, \"colour\": 3,")));
    }

    @Test
    void malformedAndTruncatedJson() {
        assertEquals("JSON text: $: the input is empty, expected a JSON object with \"format\": \"backprop.network\"",
                networkError("  "));
        String truncated = networkError(SMALL.substring(0, SMALL.indexOf("[0.3")));
        assertTrue(truncated.startsWith("JSON text: $.w[0][1]: truncated JSON: Unexpected end-of-input"), truncated);
        assertTrue(truncated.endsWith("(at line 10, column 7)"), truncated);
        String malformed = networkError(small("[0.3, 0.4]", "[0.3 0.4]"));
        assertTrue(malformed.startsWith("JSON text: $.w[0][1][1]: malformed JSON: Unexpected character ('0'"), malformed);
        assertTrue(malformed.endsWith("(at line 10, column 12)"), malformed);
        String twice = networkError(small("\"x0\": -1,", "\"x0\": -1, \"x0\": 1,"));
        assertTrue(twice.startsWith("JSON text: $.x0: malformed JSON: Duplicate field 'x0'"), twice);
        String trailing = networkError(SMALL + "{}");
        assertTrue(trailing.startsWith("JSON text: $: malformed JSON: Trailing token"), trailing);
    }

    @Test
    void badHistories() {
        String ok = Json.toJson(new History("a", List.of(new History.Point(0, 0.5, Double.NaN, Double.NaN, Double.NaN),
                new History.Point(10, 0.25, Double.NaN, Double.NaN, Double.NaN))));
        assertEquals("JSON text: $.points[1].t: t = 0 after t = 0, expected increasing t",
                assertThrows(JsonFormatException.class, () -> Json.history(ok.replace("\"t\": 10", "\"t\": 0"))).getMessage());
        assertEquals("JSON text: $.points[0].E_in: E_in is the string \"x\", expected a number or null (not recorded)",
                assertThrows(JsonFormatException.class, () -> Json.history(ok.replace("\"E_in\": 0.5", "\"E_in\": \"x\""))).getMessage());
        assertEquals("JSON text: $.points[1].E_test: missing field \"E_test\"",
                assertThrows(JsonFormatException.class, () -> Json.history(ok.replace("0.25, \"E_test\": null", "0.25"))).getMessage());
        assertEquals("JSON text: $.points[0].t: t = -1, expected a whole number of updates >= 0",
                assertThrows(JsonFormatException.class, () -> Json.history(ok.replace("\"t\": 0", "\"t\": -1"))).getMessage());
        assertEquals("JSON text: $.label: expected the run's label as a string, got 7",
                assertThrows(JsonFormatException.class, () -> Json.history(ok.replace("\"a\"", "7"))).getMessage());
        assertEquals("JSON text: $.format: the string \"backprop.network\" is not this kind of file, expected \"backprop.history\"",
                assertThrows(JsonFormatException.class, () -> Json.history(SMALL)).getMessage());
    }

    @Test
    void loadErrorsNameTheFile() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, small("\"x0\": -1", "\"x0\": 2"));
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> Json.loadNetwork(file));
        assertEquals("broken.json: $.x0: threshold input x_0 = 2, expected -1 (the lecture) or +1 (the book)", e.getMessage());
        assertEquals("$.x0", e.path());
        assertEquals("broken.json", e.source());
        Path none = dir.resolve("none.json");
        assertEquals(none + ": no such file (looked for " + none.toAbsolutePath() + ")",
                assertThrows(NoSuchFileException.class, () -> Json.loadNetwork(none)).getMessage());
        assertEquals(dir + ": is a directory, expected a file",
                assertThrows(FileSystemException.class, () -> Json.loadHistory(dir)).getMessage());
        Files.write(file, new byte[]{'{', '\n', '"', (byte) 0xC3, '"'}); // 0xC3 starts a 2-byte sequence, '"' cannot end it
        assertEquals("broken.json, line 2, character 2: byte 0xC3 is not UTF-8, expected a UTF-8 text file (save it as UTF-8)",
                assertThrows(TextFile.NotUtf8Exception.class, () -> Json.loadNetwork(file)).getMessage());
    }

    @Test
    void aByteOrderMarkBeforeTheJsonIsSkipped() throws Exception {
        Path file = dir.resolve("bom.json");
        Files.writeString(file, "\uFEFF" + Json.toJson(small()), StandardCharsets.UTF_8);
        assertEquals(small().weights(), Json.loadNetwork(file).weights());
    }

    @Test
    void aFailedSaveLeavesTheExistingFileUntouched() throws Exception {
        Path file = dir.resolve("net.json");
        Json.save(small(), file);
        byte[] before = Files.readAllBytes(file);
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
            out.write("{\"format\": \"backprop.net".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList()); // the temporary file is gone
        }
        assertEquals(small().weights(), Json.loadNetwork(file).weights());
    }

    @Test
    void saveReplacesWholeAndRefusesAMissingDirectory() throws Exception {
        Path file = dir.resolve("net.json");
        Files.writeString(file, "x".repeat(10_000));
        Json.save(small(), file);
        assertEquals(SMALL, Files.readString(file));
        assertThrows(NoSuchFileException.class, () -> Json.save(small(), dir.resolve("no/such/net.json")));
        assertFalse(Files.exists(dir.resolve("no")));
        Files.createDirectory(dir.resolve("adir"));
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> Json.save(small(), dir.resolve("adir")));
        assertTrue(Files.isDirectory(dir.resolve("adir")));
    }
}
