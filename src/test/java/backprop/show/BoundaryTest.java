package backprop.show;

import backprop.data.Sample;
import backprop.data.Targets;
import backprop.nn.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class BoundaryTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** A 2-1 network with g(x) = tanh(w_11 x_1 + w_21 x_2 - w_01): its boundary is a line. */
    static Network line(double w0, double w1, double w2) {
        return Network.fromWeights(new double[][]{{w0}, {w1}, {w2}});
    }

    @Test
    void theSignOfGShadesThePanelAndTheBoundaryIsWhereItChanges() {
        var data = backprop.nn.Examples.of(new double[][]{{0.5, 0.5}, {-0.5, -0.5}}, new double[]{1, -1});
        // g(x) = tanh(x_1): +1 (blue) on the right half, -1 (red) on the left, the boundary x_1 = 0
        BufferedImage image = Boundary.of(data).panelSize(100).network("x_1 > 0", line(0, 1, 0)).image();
        int cell = 100 + 2 * 14;
        assertEquals(cell, image.getWidth());
        assertEquals(cell + 22 + 28, image.getHeight());
        int top = 22 + 14, left = 14;
        assertEquals(0xfce2de, image.getRGB(left + 1, top + 1) & 0xffffff, "upper left: red area");
        assertEquals(0xdeebf7, image.getRGB(left + 98, top + 98) & 0xffffff, "lower right: blue area");
        // the boundary: column 49 differs from column 50 in every row without a mark on it
        int black = 0;
        for (int r = 0; r < 100; r++) {
            black += (image.getRGB(left + 49, top + r) & 0xffffff) == 0 ? 1 : 0;
        }
        assertTrue(black > 95, "black boundary pixels in column 49: " + black);
    }

    @Test
    void panelsInRowsAndTheDrawingChangesWithAWeight() {
        var data = Sample.twoClass(Targets.circle(), 30, 2, 1);
        var net = Network.of(2, 3, 1).initUniform(0.5, 42);
        Boundary b = Boundary.of(data).target(Targets.circle()).panelSize(100);
        for (int k = 1; k <= 5; k++) {
            b = b.network("panel " + k, net);
        }
        assertEquals(5, b.panels());
        BufferedImage five = b.image();
        assertEquals(4 * 128, five.getWidth());  // 4 per row
        assertEquals(2 * (128 + 22) + 28, five.getHeight());
        byte[] before = Boundary.of(data).panelSize(100).network("g", net).png();
        assertArrayEquals(before, Boundary.of(data).panelSize(100).network("g", net).png());
        net.setW(2, 0, 1, -2.0); // a large threshold weight: g > 0 almost everywhere
        byte[] after = Boundary.of(data).panelSize(100).network("g", net).png();
        assertFalse(Arrays.equals(before, after));
    }

    @Test
    void theSameBytesInAnotherJvm() throws Exception {
        assertEquals(Pictures.hashes(Pictures.render()).get("boundary"), Pictures.inAnotherJvm().get("boundary"));
    }

    @Test
    void badArguments() {
        assertEquals("examples of dimension d = 1, expected d = 2 (a picture of the plane); use Plot.fit for d = 1",
                assertThrows(IllegalArgumentException.class,
                        () -> Boundary.of(Sample.of(Targets.sine(), 5, 1, 1))).getMessage());
        var b = Boundary.of(Sample.twoClass(Targets.circle(), 5, 2, 1));
        assertEquals("no network to draw: add one with network(label, net)",
                assertThrows(IllegalStateException.class, b::image).getMessage());
        assertEquals("panel size 50 pixels, expected 100..2000",
                assertThrows(IllegalArgumentException.class, () -> b.panelSize(50)).getMessage());
    }
}
