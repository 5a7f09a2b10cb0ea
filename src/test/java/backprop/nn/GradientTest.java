package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Backpropagation's gradient equals the finite-difference gradient on random networks. */
class GradientTest {

    static Stream<Arguments> networks() {
        Stream.Builder<Arguments> b = Stream.builder();
        int[][] shapes = {{1, 1}, {2, 3, 1}, {3, 5, 4, 1}, {4, 2, 6, 3, 1}, {10, 8, 1}};
        for (int[] shape : shapes) {
            for (double x0 : new double[] {-1, 1}) {
                for (OutputUnit out : OutputUnit.values()) {
                    b.add(Arguments.of(shape, x0, out));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} x0={1} {2}")
    @MethodSource("networks")
    void backpropMatchesFiniteDifferences(int[] shape, double x0, OutputUnit out) {
        long seed = 31L * shape.length + shape[0] + (x0 > 0 ? 7 : 0) + out.ordinal();
        Network net = Network.of(shape).withThreshold(x0).withOutput(out).initUniform(1.0, seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 3; trial++) {
            double[] x = new double[shape[0]];
            for (int i = 0; i < x.length; i++) {
                x[i] = 2 * r.nextDouble() - 1;
            }
            double y = 2 * r.nextDouble() - 1;
            Weights before = net.weights();
            GradientCheck check = GradientCheck.of(net, x, y);
            assertEquals(net.weightCount(), check.rows().size());
            assertTrue(check.maxRelativeError() < 1e-6, "max relative error " + check.maxRelativeError());
            assertEquals(before, net.weights(), "the check leaves the network unchanged");
            // Rows carry the lecture's indices and the analytic value x_i(l-1) delta_j(l).
            BackwardPass b = net.forward(x).backward(y);
            for (GradientCheck.Row row : check.rows()) {
                assertEquals(b.forward().x(row.l() - 1, row.i()) * b.delta(row.l(), row.j()), row.backprop(), 1e-15);
            }
        }
    }
}
