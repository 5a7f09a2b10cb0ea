package backprop.show;

import backprop.nn.History;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CurvesTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static History small() {
        return new History("eta = 0.1", List.of(
                new History.Point(0, 1.0, 1.2, Double.NaN, Double.NaN),
                new History.Point(10, 0.1, 0.3, Double.NaN, Double.NaN),
                new History.Point(20, 0.01, 0.2, Double.NaN, Double.NaN)));
    }

    /** A decaying E_in and an E_test that turns up again, 101 points up to t = 5000. */
    static History run(String label, double rate) {
        List<History.Point> points = new ArrayList<>();
        for (int k = 0; k <= 100; k++) {
            double t = 50.0 * k;
            double eIn = 0.02 + 0.5 * Math.exp(-rate * t);
            points.add(new History.Point(50L * k, eIn, eIn + 0.01 + 1e-6 * t, Double.NaN, Double.NaN));
        }
        return new History(label, points);
    }

    @Test
    void textPlotOnALogScale() {
        // log10 range: 1.2 -> 0.0792 at the top, 0.01 -> -2 at the bottom; the middle row is 10^-0.960 = 0.11
        assertEquals("""
                E_in, E_test vs t (updates), log scale
                 1.2 |*oo
                     | ****oooo
                     |     *** ooooooooooo
                0.11 |        ***
                     |           ****
                     |               ***
                0.01 |                  **
                     +--------------------
                      0                 20   t (updates)
                      * E_in   o E_test""", Curves.of(small()).logY().textSize(20, 7).text());
    }

    @Test
    void textPlotOfSeveralRunsOnALinearScale() {
        // E_in falls linearly in log10 between the points, so linearly in each half on this axis
        assertEquals("""
                E_in vs t (updates)
                    1 |*
                      | *
                0.505 |  **
                      |    *
                 0.01 |     *****
                      +----------
                       0       20   t (updates)
                       * E_in (η = 0.1)   o E_in (b)""",
                Curves.of(small(), small().withLabel("b")).textSize(10, 5).text());
        // in jshell a value shows its toString: one short line
        assertEquals("Curves of 2 runs (eta = 0.1; b), linear y: text() or image()",
                Curves.of(small(), small().withLabel("b")).toString());
    }

    @Test
    void textPlotIsTheSameEveryTime() {
        History a = run("eta = 0.1", 0.002), b = run("eta = 0.01", 0.0005);
        String text = Curves.of(a, b).withTest().logY().text();
        assertEquals(text, Curves.of(run("eta = 0.1", 0.002), run("eta = 0.01", 0.0005)).withTest().logY().text());
        assertEquals(1 + Curves.ROWS + 3, text.split("\n").length);
        assertTrue(text.endsWith("* E_in (η = 0.1)   o E_test (η = 0.1)   + E_in (η = 0.01)   x E_test (η = 0.01)"),
                text);
    }

    @Test
    void pngBytesAreIdenticalOnEveryRendering() throws Exception {
        byte[] first = Curves.of(run("eta = 0.1", 0.002)).logY().png();
        byte[] second = Curves.of(run("eta = 0.1", 0.002)).logY().png();
        assertArrayEquals(first, second);
        byte[] several = Curves.of(run("a", 0.002), run("b", 0.001)).png();
        assertArrayEquals(several, Curves.of(run("a", 0.002), run("b", 0.001)).png());
        assertFalse(Arrays.equals(first, several));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(first));
        assertEquals(Curves.WIDTH, back.getWidth());
        assertEquals(Curves.HEIGHT, back.getHeight());
    }

    @Test
    void pngBytesAreTheSameInAnotherJvm() throws Exception {
        // the same render in a second JVM: a difference that depends on the run (hash order, a clock)
        // cannot show up in two renders inside one JVM
        assertEquals(Pictures.hashes(Pictures.render()).get("curves"), Pictures.inAnotherJvm().get("curves"));
    }

    @Test
    void everyRunOfSeveralIsVisibleAndNamedWithEta() {
        // two runs on the same points: the second lies exactly on the first; each has its own dash
        // pattern and its own markers, placed at different t, so both can be seen
        History a = run("eta = 0.1", 0.002), b = run("eta = 0.01", 0.002);
        var chart = Curves.of(a, b).chart();
        var first = chart.getSeriesMap().get("E_in (η = 0.1)");
        var second = chart.getSeriesMap().get("E_in (η = 0.01)");
        assertNotNull(first, chart.getSeriesMap().keySet().toString());
        assertNotNull(second);
        assertNull(((java.awt.BasicStroke) first.getLineStyle()).getDashArray(), "the first run solid");
        assertNotNull(((java.awt.BasicStroke) second.getLineStyle()).getDashArray(), "the second run dashed");
        var marksA = chart.getSeriesMap().get("E_in (η = 0.1) (markers)");
        var marksB = chart.getSeriesMap().get("E_in (η = 0.01) (markers)");
        assertFalse(marksA.isShowInLegend());
        assertEquals(Curves.MARKS_PER_CURVE, marksA.getXData().length);
        assertNotEquals(marksA.getMarker(), marksB.getMarker());
        for (int k = 0; k < Curves.MARKS_PER_CURVE; k++) {
            assertNotEquals(marksA.getXData()[k], marksB.getXData()[k], "marker " + k + " at the same t");
        }
        // first markers at 1/3 and 2/3 of the first tenth of t = 0..5000, on recorded points (every 50)
        assertEquals(150, marksA.getXData()[0], 0);
        assertEquals(300, marksB.getXData()[0], 0);
        assertEquals("η = 0.1", Curves.greek("eta = 0.1"));
        assertEquals("beta = 2, η = 0.1", Curves.greek("beta = 2, eta = 0.1"));
    }

    @Test
    void imageHasTheSizeAndDrawsBothSeries() {
        BufferedImage image = Curves.image(run("eta = 0.1", 0.002));
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
        int blue = 0, red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                blue += rgb == 0x1f77b4 ? 1 : 0; // E_in
                red += rgb == 0xd62728 ? 1 : 0;  // E_test
            }
        }
        assertTrue(blue > 300, "E_in pixels: " + blue);
        assertTrue(red > 150, "E_test pixels: " + red);
        BufferedImage big = Curves.of(run("x", 0.01)).size(800, 500).image();
        assertEquals(800, big.getWidth());
        assertEquals(500, big.getHeight());
    }

    @Test
    void saveWritesThePngAndReplacesAtomically() throws Exception {
        Path file = dir.resolve("curves.png");
        Files.writeString(file, "old");
        Curves c = Curves.of(run("eta = 0.1", 0.002)).title("E vs t");
        c.save(file);
        assertArrayEquals(c.png(), Files.readAllBytes(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList()); // no temporary file left
        }
        assertThrows(java.nio.file.NoSuchFileException.class, () -> c.save(dir.resolve("missing/curves.png")));
        Path fresh = dir.resolve("fresh.png");
        c.save(fresh);
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fresh)), "a new image is readable by others, like any file");
    }

    @Test
    void logScaleLeavesOutNonPositiveValues() {
        History h = new History("", List.of(new History.Point(0, 0.5, Double.NaN, Double.NaN, Double.NaN),
                new History.Point(1, 0.0, Double.NaN, Double.NaN, Double.NaN),
                new History.Point(2, 0.05, Double.NaN, Double.NaN, Double.NaN)));
        Curves c = Curves.of(h).logY();
        assertEquals(2, c.series().get(0).t().length);
        assertEquals(1, c.series().size()); // no E_test recorded
        assertEquals(640, c.image().getWidth());
        History zeros = new History("", List.of(new History.Point(0, 0, Double.NaN, Double.NaN, Double.NaN)));
        assertEquals("E_in vs t (updates), log scale\n(nothing to plot: no positive finite errors)",
                Curves.of(zeros).logY().text());
    }

    @Test
    void badArguments() {
        assertEquals("no history given, expected at least one training run",
                assertThrows(IllegalArgumentException.class, Curves::of).getMessage());
        assertEquals("history 1 ('empty') has no points, expected at least one recorded E_in",
                assertThrows(IllegalArgumentException.class, () -> Curves.of(new History("empty", List.of()))).getMessage());
        assertEquals("image size 100 x 400 pixels, expected 200..10000 in each direction",
                assertThrows(IllegalArgumentException.class, () -> Curves.of(small()).size(100, 400)).getMessage());
        assertEquals("text plot of 5 columns x 20 rows, expected 10..1000 columns and 5..1000 rows",
                assertThrows(IllegalArgumentException.class, () -> Curves.of(small()).textSize(5, 20)).getMessage());
    }

    @Test
    void xTicksFallOnRoundNumbersOfUpdates() {
        assertEquals(1, Curves.niceStep(0), 0);
        assertEquals(2, Curves.niceStep(1.5), 0);
        assertEquals(5_000, Curves.niceStep(20_000 / 5.0), 0);
        assertEquals(10_000, Curves.niceStep(50_000 / 5.0), 0);
        assertEquals(200, Curves.niceStep(1_000 / 5.0), 0);
        assertEquals(1_000, Curves.niceStep(801), 0);
    }
}
