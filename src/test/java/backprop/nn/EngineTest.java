package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast engine against the reference path {@link Backprop} (through {@link Network#sgdStep}).
 *
 * <p><b>Bit for bit where the operations are the same.</b> With Math.tanh ({@code exactTanh}) the engine
 * performs the reference's floating-point operations in the reference's order (signals summed over i
 * from 0, the deltas' sums over j from 1, each update fl(w - fl(η x_i) δ_j)); the two copies of the
 * weights (one for layer 1), the deferred update and the guard's bounds only change where the numbers are
 * kept and how a step is cleared. So every weight, every E_n
 * and every output must be identical, bit for bit, after any number of steps: on random networks of
 * depth L = 1..12 and widths 1..64, both threshold inputs, both output units.
 *
 * <p><b>Within a derived bound with the fast tanh.</b> The fast tanh is within 2 ulp of StrictMath.tanh,
 * which is within 1 ulp of tanh, and Math.tanh is within 2.5 ulp of tanh: the two φ differ by at most
 * 5.5 ulp, i.e. |Δx| <= ρ|x| with ρ = 6·2^-52. One step from equal weights is compared against the
 * first-order propagation of that difference through the step, computed from the reference's own numbers
 * (u = 2^-53, γ_n = n u / (1 - n u) for a sum of n terms):
 * <ul>
 * <li>forward: ε_x^(0) = 0; σ_j^(l) = Σ_i |w_ij| ε_i^(l-1) + 2 γ_n Σ_i |w_ij x_i| (the same sum of
 *     different terms rounds differently); ε_j^(l) = σ_j^(l) + ρ |x_j^(l)| (tanh is 1-Lipschitz);
 * <li>output delta: θ^(L) = (2 + 4 |x_1^(L)| |x_1^(L) - y|) ε^(L) + 8u |δ^(L)|;
 * <li>recursion: θ_i^(l-1) = Σ_j |w_ij| θ_j + 2 |x_i| ε_i |Σ_j w_ij δ_j| + 2 γ_n Σ_j |w_ij δ_j| + 4u |δ_i|;
 * <li>update: |Δw_ij| <= η (|x_i| θ_j + ε_i |δ_j|) + 4u η |x_i δ_j| + 2u |w_ij| (both results rounded).
 * </ul>
 * The second-order terms (products of two ε or θ, about 10^-30) are covered by allowing twice the bound.
 * After each step the engine is rebuilt from the reference's weights, so each step starts equal.
 */
class EngineTest {
    static final double U = 0x1p-53;
    static final double RHO = 6 * 0x1p-52;

    @Test
    void tanhIsWithinTwoUlpOfStrictMath() {
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < 200_000; k++) {
            double s = k % 3 == 0 ? r.nextDouble(-1, 1) : k % 3 == 1 ? r.nextDouble(-25, 25) : r.nextDouble(-1e-4, 1e-4);
            double exact = StrictMath.tanh(s);
            assertTrue(Math.abs(Engine.tanh(s) - exact) <= 2 * Math.ulp(exact), () -> "tanh(" + s + ")");
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Engine.tanh(-0.0)));
        assertEquals(1.0, Engine.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Engine.tanh(-800));
        assertTrue(Double.isNaN(Engine.tanh(Double.NaN)));
    }

    /** A random network: L = 1..12, widths 1..64 (fewer wide layers in deep networks), x_0 = ±1, either output. */
    static Network randomNetwork(SplittableRandom r) {
        int L = 1 + r.nextInt(12);
        int[] d = new int[L + 1];
        for (int l = 0; l < L; l++) {
            d[l] = 1 + r.nextInt(L > 6 ? 24 : 64);
        }
        if (r.nextInt(4) == 0) { // now and then one layer of the full width 64
            d[r.nextInt(L)] = 64;
        }
        d[L] = 1;
        return Network.of(d).withThreshold(r.nextBoolean() ? -1 : 1)
                .withOutput(r.nextInt(3) == 0 ? OutputUnit.IDENTITY : OutputUnit.TANH)
                .initUniform(r.nextDouble(0.1, 1.5), r.nextLong());
    }

    static double[] randomInput(SplittableRandom r, int d) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = r.nextDouble(-2, 2);
        }
        return x;
    }

    @Test
    void withMathTanhTheEngineIsTheReferenceBitForBit() {
        SplittableRandom r = new SplittableRandom(2026);
        for (int net = 0; net < 60; net++) {
            Network reference = randomNetwork(r);
            Engine engine = new Engine(reference, true);
            double eta = r.nextDouble(0.001, 0.2);
            double[][] xs = new double[20][];
            double[] ys = new double[20];
            for (int n = 0; n < 20; n++) {
                xs[n] = randomInput(r, reference.d(0));
                ys[n] = r.nextDouble(-1, 1);
            }
            for (int t = 0; t < 300; t++) {
                int n = r.nextInt(20);
                double eRef;
                try {
                    eRef = reference.sgdStep(xs[n], ys[n], eta);
                } catch (ArithmeticException refused) {
                    int at = t;
                    assertThrows(ArithmeticException.class, () -> engine.step(xs[n], 0, ys[n], eta), "step " + at);
                    break;
                }
                int at = t;
                assertEquals(eRef, engine.step(xs[n], 0, ys[n], eta), () -> reference + " step " + at);
                if (t % 50 == 0) { // weights and outputs between steps (each applies the deferred update first)
                    assertTrue(java.util.Arrays.deepEquals(reference.lectureWeights(), engine.weights()), "step " + t);
                    assertEquals(reference.g(xs[0]), engine.output(xs[0], 0, true));
                }
            }
            assertTrue(java.util.Arrays.deepEquals(reference.lectureWeights(), engine.weights()), reference.toString());
        }
    }

    @Test
    void withTheFastTanhEachStepIsWithinTheDerivedBound() {
        SplittableRandom r = new SplittableRandom(7);
        double worst = 0;
        for (int net = 0; net < 25; net++) {
            Network reference = randomNetwork(r);
            double eta = r.nextDouble(0.001, 0.2);
            for (int t = 0; t < 20; t++) {
                double[] x = randomInput(r, reference.d(0));
                double y = r.nextDouble(-1, 1);
                BackwardPass b = reference.forward(x).backward(y);
                double[][][] bound = bound(reference, b, eta);
                Engine engine = new Engine(reference, false);
                double e = reference.sgdStep(x, y, eta);
                assertEquals(e, engine.step(x, 0, y, eta), 1e-12 * Math.max(1, e));
                double[][][] fast = engine.weights();
                double[][][] ref = reference.lectureWeights();
                for (int l = 1; l <= reference.L(); l++) {
                    for (int i = 0; i <= reference.d(l - 1); i++) {
                        for (int j = 1; j <= reference.d(l); j++) {
                            double diff = Math.abs(fast[l][i][j] - ref[l][i][j]);
                            double allowed = 2 * bound[l][i][j];
                            if (!(diff <= allowed)) {
                                throw new AssertionError("w_" + i + j + "(" + l + "): |Δ| = " + diff + " > " + allowed);
                            }
                            if (allowed > 0) {
                                worst = Math.max(worst, diff / allowed);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(worst > 0, "the fast tanh made some difference (else the bound is not tested)");
    }

    /** The bound of the class comment on |Δw_ij^(l)| after one step from the weights of {@code net}. */
    static double[][][] bound(Network net, BackwardPass b, double eta) {
        ForwardPass f = b.forward();
        double[][] x = f.outputs(); // x[l][i] = x_i^(l)
        double[][] delta = b.deltas(); // delta[l][j - 1] = δ_j^(l)
        int L = net.L();
        double[][][] w = net.lectureWeights();
        double[][] eps = new double[L + 1][];
        eps[0] = new double[net.d(0) + 1];
        for (int l = 1; l <= L; l++) {
            eps[l] = new double[net.d(l) + 1];
            int n = net.d(l - 1) + 1;
            double gamma = n * U / (1 - n * U);
            for (int j = 1; j <= net.d(l); j++) {
                double prop = 0;
                double mag = 0;
                for (int i = 0; i < n; i++) {
                    prop += Math.abs(w[l][i][j]) * eps[l - 1][i];
                    mag += Math.abs(w[l][i][j] * x[l - 1][i]);
                }
                boolean tanh = l < L || net.output() == OutputUnit.TANH;
                eps[l][j] = prop + 2 * gamma * mag + (tanh ? RHO * Math.abs(x[l][j]) : 0);
            }
        }
        double[][] theta = new double[L + 1][];
        for (int l = 1; l <= L; l++) {
            theta[l] = new double[net.d(l) + 1];
        }
        double out = x[L][1];
        double y = b.y();
        theta[L][1] = (2 + 4 * Math.abs(out) * Math.abs(out - y)) * eps[L][1] + 8 * U * Math.abs(delta[L][0]);
        for (int l = L; l >= 2; l--) {
            int n = net.d(l);
            double gamma = n * U / (1 - n * U);
            for (int i = 1; i <= net.d(l - 1); i++) {
                double prop = 0;
                double sum = 0;
                double mag = 0;
                for (int j = 1; j <= n; j++) {
                    prop += Math.abs(w[l][i][j]) * theta[l][j];
                    sum += w[l][i][j] * delta[l][j - 1];
                    mag += Math.abs(w[l][i][j] * delta[l][j - 1]);
                }
                theta[l - 1][i] = prop + 2 * Math.abs(x[l - 1][i]) * eps[l - 1][i] * Math.abs(sum) + 2 * gamma * mag
                        + 4 * U * Math.abs(delta[l - 1][i - 1]);
            }
        }
        double[][][] bound = new double[L + 1][][];
        for (int l = 1; l <= L; l++) {
            bound[l] = new double[net.d(l - 1) + 1][net.d(l) + 1];
            for (int i = 0; i <= net.d(l - 1); i++) {
                double xi = Math.abs(x[l - 1][i]);
                for (int j = 1; j <= net.d(l); j++) {
                    double dj = Math.abs(delta[l][j - 1]);
                    bound[l][i][j] = eta * (xi * theta[l][j] + eps[l - 1][i] * dj) + 4 * U * eta * xi * dj
                            + 2 * U * Math.abs(w[l][i][j]);
                }
            }
        }
        return bound;
    }

    @Test
    void aRefusedStepChangesNothingAndTheEngineStaysUsable() {
        Network net = Network.of(3, 16, 1).initUniform(0.5, 9);
        Engine engine = new Engine(net, false);
        engine.step(new double[] {0.1, 0.2, 0.3}, 0, 0.5, 0.1); // leaves an update deferred in byIn
        double[][][] before = engine.weights();
        double g = engine.output(new double[] {0.3, 0.2, 0.1}, 0, true);
        assertThrows(ArithmeticException.class, () -> engine.step(new double[] {1, 1, 1}, 0, -1, Double.MAX_VALUE));
        assertTrue(java.util.Arrays.deepEquals(before, engine.weights()));
        assertEquals(g, engine.output(new double[] {0.3, 0.2, 0.1}, 0, true));
        engine.step(new double[] {0.1, 0.2, 0.3}, 0, 0.5, 0.1);
        Network copy = net.copy();
        copy.replaceWeights(before);
        copy.sgdStep(new double[] {0.1, 0.2, 0.3}, 0.5, 0.1);
        double[][][] after = engine.weights();
        for (int i = 0; i <= 3; i++) {
            assertArrayEquals(copy.lectureWeights()[1][i], after[1][i], 1e-15);
        }
    }
}
