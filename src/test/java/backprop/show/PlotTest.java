package backprop.show;

import backprop.data.Sample;
import backprop.data.Targets;
import backprop.nn.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class PlotTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void tanhAndItsDerivative() {
        Plot p = Plot.tanh();
        assertEquals("Plot over [-3, 3]: x = tanh(s); φ'(s) = 1 - tanh²(s) = 1 - x²", p.toString());
        var series = p.chart().getSeriesMap();
        var derivative = series.get("φ'(s) = 1 - tanh²(s) = 1 - x²");
        // sampled at 241 points over [-3, 3]: the middle one is s = 0, where 1 - tanh^2 = 1
        assertEquals(Plot.SAMPLES, derivative.getXData().length);
        assertEquals(0, derivative.getXData()[120], 1e-12);
        assertEquals(1, derivative.getYData()[120], 1e-12);
        assertEquals(1 - Math.tanh(3) * Math.tanh(3), derivative.getYData()[240], 1e-12);
        BufferedImage image = p.image();
        assertEquals(Plot.WIDTH, image.getWidth());
        assertEquals(Plot.HEIGHT, image.getHeight());
        assertTrue(pixels(image, 0x1f77b4) > 300, "tanh drawn in blue");
        assertTrue(pixels(image, 0xd62728) > 200, "the derivative drawn in red (dashed)");
    }

    @Test
    void aFitShowsTheExamplesTheTargetAndGAndChangesWithTheWeights() throws Exception {
        var f = Targets.sine();
        var train = Sample.noisy(f, 20, 1, 0.1, 1);
        var net = Network.of(1, 3, 1).initUniform(0.5, 1);
        Plot p = Plot.fit(f, train).network("g", net).size(500, 300);
        var series = p.chart().getSeriesMap();
        assertEquals(20, series.get("examples (x_n, y_n)").getXData().length);
        assertEquals(train.y(7), series.get("examples (x_n, y_n)").getYData()[6], 0);
        double[] x = series.get("g").getXData(), g = series.get("g").getYData();
        assertEquals(net.g(x[17]), g[17], 0);
        assertEquals(f.f(x[17]), series.get("target f(x) = sin(π x_1)").getYData()[17], 0);
        byte[] before = p.png();
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(before));
        assertEquals(500, back.getWidth());
        assertEquals(300, back.getHeight());
        net.setW(2, 1, 1, 3.0); // the plot holds a copy: no change
        assertArrayEquals(before, p.png());
        assertFalse(Arrays.equals(before, Plot.fit(f, train).network("g", net).size(500, 300).png()));
    }

    @Test
    void theSameBytesInAnotherJvm() throws Exception {
        assertEquals(Pictures.hashes(Pictures.render()).get("plot"), Pictures.inAnotherJvm().get("plot"));
    }

    @Test
    void badArguments() {
        assertEquals("examples of dimension d = 2, expected d = 1 (a plot over x); use Boundary for d = 2",
                assertThrows(IllegalArgumentException.class,
                        () -> Plot.fit(Targets.sine(), Sample.of(Targets.sine(), 5, 2, 1))).getMessage());
        assertEquals("x interval [1.0, 1.0], expected finite from < to",
                assertThrows(IllegalArgumentException.class, () -> Plot.over(1, 1)).getMessage());
        assertEquals("nothing to plot: add a function or points first",
                assertThrows(IllegalStateException.class, () -> Plot.over(0, 1).image()).getMessage());
        assertEquals("network Network 2-3-1 (L = 2, W = 13, x_0 = -1, tanh output) has d(0) = 2 inputs, expected 1 for a plot over x",
                assertThrows(IllegalArgumentException.class, () -> Plot.over(0, 1).network("g", Pictures.net())).getMessage());
        assertEquals("points need a name and x, y of equal length, got 2 x and 1 y",
                assertThrows(IllegalArgumentException.class,
                        () -> Plot.over(0, 1).points("p", new double[2], new double[1])).getMessage());
    }
}
