package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast internals of the hot path: tanh, and the two copies of the weights (byIn, updated lazily
 * by the next forward pass, and byOut) against a straightforward SGD written here from the equations.
 */
class LayersTest {

    @Test
    void tanhIsWithinTwoUlpOfStrictMath() {
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < 200_000; k++) {
            double s = k % 3 == 0 ? r.nextDouble(-1, 1) : k % 3 == 1 ? r.nextDouble(-25, 25) : r.nextDouble(-1e-4, 1e-4);
            double exact = StrictMath.tanh(s);
            assertTrue(Math.abs(Layers.tanh(s) - exact) <= 2 * Math.ulp(exact), () -> "tanh(" + s + ")");
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Layers.tanh(-0.0)));
        assertEquals(1.0, Layers.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Layers.tanh(-800));
        assertTrue(Double.isNaN(Layers.tanh(Double.NaN)));
    }

    /** Wide layers (byIn kept) and a narrow one; steps interleaved with reads and writes of weights. */
    @Test
    void sgdStepsMatchTheEquations() {
        int[] d = {5, 12, 9, 3, 1};
        Network net = Network.of(d).initUniform(0.6, 3);
        double[][] w = flat(net);
        SplittableRandom r = new SplittableRandom(4);
        double eta = 0.05;
        for (int t = 0; t < 40; t++) {
            double[] x = new double[d[0]];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble(-1, 1);
            }
            double y = r.nextDouble(-1, 1);
            double e = net.sgdStep(x, y, eta);
            double eRef = step(d, w, x, y, eta);
            assertEquals(eRef, e, 1e-14 * Math.max(1, eRef));
            if (t % 5 == 1) { // a read right after a step: the pending update must show
                assertClose(w, flat(net));
            }
            if (t % 7 == 2) { // a write right after a step, before any forward pass
                net.setW(2, 4, 7, 0.125);
                w[2][4 * d[2] + 6] = 0.125;
            }
            if (t % 11 == 3) { // a forward pass that is not a step
                assertEquals(g(d, w, x), net.g(x), 1e-14);
                assertEquals(g(d, w, x), net.forward(x).output(), 1e-14);
            }
        }
        assertClose(w, flat(net));
        assertClose(w, flat(net.copy()));
    }

    @Test
    void aStepThatWouldOverflowChangesNothing() {
        Network net = Network.of(3, 16, 1).initUniform(0.5, 9);
        net.sgdStep(new double[] {0.1, 0.2, 0.3}, 0.5, 0.1); // leaves an update pending
        Weights before = net.weights();
        assertThrows(ArithmeticException.class, () -> net.sgdStep(new double[] {1, 1, 1}, -1, 1e300));
        assertEquals(before, net.weights());
        assertEquals(before.w(1, 2, 9), net.w(1, 2, 9));
    }

    private static void assertClose(double[][] expected, double[][] actual) {
        for (int l = 1; l < expected.length; l++) {
            for (int k = 0; k < expected[l].length; k++) {
                assertEquals(expected[l][k], actual[l][k], 1e-13, "w(" + l + ") entry " + k);
            }
        }
    }

    private static double[][] flat(Network net) {
        double[][] w = new double[net.L() + 1][];
        for (int l = 1; l <= net.L(); l++) {
            w[l] = new double[(net.d(l - 1) + 1) * net.d(l)];
            for (int i = 0; i <= net.d(l - 1); i++) {
                for (int j = 1; j <= net.d(l); j++) {
                    w[l][i * net.d(l) + j - 1] = net.w(l, i, j);
                }
            }
        }
        return w;
    }

    /** x^(l) for l = 0..L with x_0 = -1, straight from the equations. */
    private static double[][] forward(int[] d, double[][] w, double[] x) {
        double[][] xs = new double[d.length][];
        xs[0] = new double[d[0] + 1];
        xs[0][0] = -1;
        System.arraycopy(x, 0, xs[0], 1, d[0]);
        for (int l = 1; l < d.length; l++) {
            xs[l] = new double[d[l] + 1];
            xs[l][0] = -1;
            for (int j = 1; j <= d[l]; j++) {
                double s = 0;
                for (int i = 0; i <= d[l - 1]; i++) {
                    s += w[l][i * d[l] + j - 1] * xs[l - 1][i];
                }
                xs[l][j] = StrictMath.tanh(s);
            }
        }
        return xs;
    }

    private static double g(int[] d, double[][] w, double[] x) {
        return forward(d, w, x)[d.length - 1][1];
    }

    /** One SGD step with deltas from the old weights; returns E_n before it. */
    private static double step(int[] d, double[][] w, double[] x, double y, double eta) {
        int L = d.length - 1;
        double[][] xs = forward(d, w, x);
        double out = xs[L][1];
        double[][] delta = new double[L + 1][];
        delta[L] = new double[] {2 * (out - y) * (1 - out * out)};
        for (int l = L; l >= 2; l--) {
            delta[l - 1] = new double[d[l - 1]];
            for (int i = 1; i <= d[l - 1]; i++) {
                double e = 0;
                for (int j = 1; j <= d[l]; j++) {
                    e += w[l][i * d[l] + j - 1] * delta[l][j - 1];
                }
                delta[l - 1][i - 1] = (1 - xs[l - 1][i] * xs[l - 1][i]) * e;
            }
        }
        for (int l = 1; l <= L; l++) {
            for (int i = 0; i <= d[l - 1]; i++) {
                for (int j = 1; j <= d[l]; j++) {
                    w[l][i * d[l] + j - 1] -= eta * xs[l - 1][i] * delta[l][j - 1];
                }
            }
        }
        return (out - y) * (out - y);
    }
}
