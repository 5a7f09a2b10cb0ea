package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A 2-2-1 network whose every s, x, delta and gradient is worked out here by hand, term by term,
 * from the lecture's equations (not by the library), and compared to 1e-12.
 */
class HandComputedTest {
    static final double TOL = 1e-12;

    // w(1): rows i = 0..2, columns j = 1..2;  w(2): rows i = 0..2, column j = 1.
    static final double[][] W1 = {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}};
    static final double[][] W2 = {{0.2}, {0.7}, {-0.8}};
    static final double X1 = 0.5;
    static final double X2 = -1.0;
    static final double Y = 0.25;

    @Test
    void everyQuantityMatchesTheHandComputation() {
        // Forward, layer 1, x_0 = -1.
        double s11 = 0.1 * -1 + 0.3 * X1 + -0.5 * X2;   // = 0.55
        double s12 = -0.2 * -1 + 0.4 * X1 + 0.6 * X2;   // = -0.2
        double x11 = Math.tanh(s11);
        double x12 = Math.tanh(s12);
        // Forward, layer 2.
        double s21 = 0.2 * -1 + 0.7 * x11 + -0.8 * x12;
        double x21 = Math.tanh(s21);
        // Error and deltas.
        double e = (x21 - Y) * (x21 - Y);
        double d21 = 2 * (x21 - Y) * (1 - x21 * x21);
        double d11 = (1 - x11 * x11) * (0.7 * d21);
        double d12 = (1 - x12 * x12) * (-0.8 * d21);

        Network net = Network.fromWeights(W1, W2);
        ForwardPass f = net.forward(X1, X2);
        assertEquals(0.55, s11, 1e-15);
        assertEquals(-0.2, s12, 1e-15);
        assertEquals(s11, f.s(1, 1), TOL);
        assertEquals(s12, f.s(1, 2), TOL);
        assertEquals(-1, f.x(1, 0), 0);
        assertEquals(x11, f.x(1, 1), TOL);
        assertEquals(x12, f.x(1, 2), TOL);
        assertEquals(s21, f.s(2, 1), TOL);
        assertEquals(x21, f.x(2, 1), TOL);
        assertEquals(x21, f.output(), TOL);
        assertEquals(x21, net.g(X1, X2), TOL);
        assertEquals(e, f.error(Y), TOL);
        assertEquals(e, net.error(new double[] {X1, X2}, Y), TOL);

        BackwardPass b = f.backward(Y);
        assertEquals(d21, b.delta(2, 1), TOL);
        assertEquals(d11, b.delta(1, 1), TOL);
        assertEquals(d12, b.delta(1, 2), TOL);

        // Gradient dE/dw_ij(l) = x_i(l-1) delta_j(l).
        Weights g = b.gradient();
        double[] x0 = {-1, X1, X2};
        double[] x1 = {-1, x11, x12};
        double[] delta1 = {d11, d12};
        for (int i = 0; i <= 2; i++) {
            for (int j = 1; j <= 2; j++) {
                assertEquals(x0[i] * delta1[j - 1], g.w(1, i, j), TOL, "dE/dw_" + i + j + "(1)");
                assertEquals(x0[i] * delta1[j - 1], b.gradient(1, i, j), TOL);
            }
            assertEquals(x1[i] * d21, g.w(2, i, 1), TOL, "dE/dw_" + i + "1(2)");
        }

        // One SGD step with eta = 0.1 changes each weight by -eta * gradient.
        double eta = 0.1;
        double eBefore = net.sgdStep(new double[] {X1, X2}, Y, eta);
        assertEquals(e, eBefore, TOL);
        for (int i = 0; i <= 2; i++) {
            for (int j = 1; j <= 2; j++) {
                assertEquals(W1[i][j - 1] - eta * x0[i] * delta1[j - 1], net.w(1, i, j), TOL);
            }
            assertEquals(W2[i][0] - eta * x1[i] * d21, net.w(2, i, 1), TOL);
        }
    }

    @Test
    void thresholdPlusOneAndIdentityOutput() {
        Network net = Network.fromWeights(W1, W2).withThreshold(+1).withOutput(OutputUnit.IDENTITY);
        double s11 = 0.1 * 1 + 0.3 * X1 + -0.5 * X2;
        double s12 = -0.2 * 1 + 0.4 * X1 + 0.6 * X2;
        double x11 = Math.tanh(s11);
        double x12 = Math.tanh(s12);
        double s21 = 0.2 * 1 + 0.7 * x11 + -0.8 * x12;
        double x21 = s21; // identity output
        double d21 = 2 * (x21 - Y);
        double d11 = (1 - x11 * x11) * (0.7 * d21);

        BackwardPass b = net.forward(X1, X2).backward(Y);
        assertEquals(1, b.forward().x(0, 0), 0);
        assertEquals(x21, b.forward().output(), TOL);
        assertEquals(d21, b.delta(2, 1), TOL);
        assertEquals(d11, b.delta(1, 1), TOL);
        assertEquals(1 * d11, b.gradient().w(1, 0, 1), TOL);
    }

    @Test
    void indicesFollowTheLecture() {
        Network net = Network.fromWeights(W1, W2);
        assertEquals(2, net.L());
        assertEquals(2, net.d(0));
        assertEquals(2, net.d(1));
        assertEquals(1, net.d(2));
        assertEquals(9, net.weightCount());
        assertEquals(54, net.flopsPerUpdate());
        assertEquals(0.1, net.w(1, 0, 1), 0);
        assertEquals(0.6, net.w(1, 2, 2), 0);
        assertEquals(-0.8, net.w(2, 2, 1), 0);
        Matrix m = net.w(1);
        assertEquals(2, m.inputs());
        assertEquals(2, m.outputs());
        assertEquals(-0.5, m.get(2, 1), 0);
        Vec x = net.forward(X1, X2).x(0);
        assertEquals(0, x.first());
        assertEquals(2, x.last());
        assertEquals(X1, x.get(1), 0);
        assertEquals(1, net.forward(X1, X2).s(1).first());
    }
}
