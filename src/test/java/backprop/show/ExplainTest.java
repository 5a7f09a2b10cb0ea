package backprop.show;

import backprop.nn.BackwardPass;
import backprop.nn.ForwardPass;
import backprop.nn.Network;
import backprop.nn.OutputUnit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The 2-2-1 network w(1) = [[0.1, 0.2], [0.3, 0.4], [-0.2, 0.5]], w(2) = [[0.2], [1], [-1.5]] on
 * x = (0.5, 1), y = 1, worked by hand:
 * s(1) = (-0.15, 0.5), x(1) = (-1, tanh(-0.15), tanh(0.5)) = (-1, -0.148885, 0.462117),
 * s_1(2) = -0.2 - 0.148885 - 0.693176 = -1.04206, x_1(2) = -0.778701,
 * δ_1(2) = 2(-1.778701)(1 - 0.606375) = -1.40028,
 * δ_1(1) = (1 - 0.022167)(1)(-1.40028) = -1.36924, δ_2(1) = (1 - 0.213552)(-1.5)(-1.40028) = 1.65187.
 */
class ExplainTest {
    final ForwardPass f = TensorsTest.net().forward(0.5, 1.0);
    final BackwardPass b = f.backward(1);

    @Test
    void signalWithNumbers() {
        assertEquals("s_1(1) = w_01(1) x_0(0) + w_11(1) x_1(0) + w_21(1) x_2(0) = (0.1)(-1) + (0.3)(0.5) + (-0.2)(1) = -0.15",
                Explain.s(f, 1, 1));
        assertEquals("s_1(2) = w_01(2) x_0(1) + w_11(2) x_1(1) + w_21(2) x_2(1) = (0.2)(-1) + (1)(-0.148885) + (-1.5)(0.462117) = -1.04206",
                Explain.s(f, 2, 1));
    }

    @Test
    void outputWithNumbers() {
        assertEquals("x_2(1) = tanh(s_2(1)) = tanh(0.5) = 0.462117", Explain.x(f, 1, 2));
        assertEquals("x_0(1) = -1 (the threshold input)", Explain.x(f, 1, 0));
        assertEquals("x_2(0) = 1 (component 2 of the input x)", Explain.x(f, 0, 2));
        assertEquals("s_2(1) = w_02(1) x_0(0) + w_12(1) x_1(0) + w_22(1) x_2(0) = (0.2)(-1) + (0.4)(0.5) + (0.5)(1) = 0.5\n"
                + "x_2(1) = tanh(s_2(1)) = tanh(0.5) = 0.462117", Explain.neuron(f, 1, 2));
        ForwardPass identity = TensorsTest.net().withOutput(OutputUnit.IDENTITY).forward(0.5, 1.0);
        assertEquals("x_1(2) = s_1(2) = -1.04206 (identity output)", Explain.x(identity, 2, 1));
        assertEquals(6, Explain.forward(f).split("\n").length);
    }

    @Test
    void deltasWithNumbers() {
        assertEquals("δ_1(2) = 2 (x_1(2) - y)(1 - x_1(2)^2) = 2 (-0.778701 - 1)(1 - (-0.778701)^2) = -1.40028",
                Explain.delta(b, 2, 1));
        assertEquals("δ_2(1) = (1 - x_2(1)^2)(w_21(2) δ_1(2)) = (1 - (0.462117)^2)((-1.5)(-1.40028)) = 1.65187",
                Explain.delta(b, 1, 2));
        BackwardPass identity = TensorsTest.net().withOutput(OutputUnit.IDENTITY).forward(0.5, 1.0).backward(1);
        // δ_1(2) = 2 (s_1(2) - y) = 2 (-1.04206 - 1) = -4.08412
        assertEquals("δ_1(2) = 2 (x_1(2) - y) = 2 (-1.04206 - 1) = -4.08412", Explain.delta(identity, 2, 1));
        assertEquals(Explain.delta(b, 2, 1) + "\n" + Explain.delta(b, 1, 1) + "\n" + Explain.delta(b, 1, 2),
                Explain.backward(b));
    }

    /** Notebook 2 printed δ_2(2) as -0.0751257 (Explain) and -0.075126 (Tensors) in one cell: one format now. */
    @Test
    void explainTensorsAndToStringPrintAValueAlike() {
        Network net = Network.fromWeights(new double[][]{{0.3}, {-0.9}}, new double[][]{{0.05}, {0.25}});
        BackwardPass small = net.forward(0.4).backward(-0.5);
        // s(1) = -0.3 - 0.36 = -0.66, x_1(1) = -0.578363; s(2) = -0.05 - 0.144591, x_1(2) = -0.192172;
        // δ(2) = 2 (0.307828)(0.963070) = 0.592920; δ(1) = (1 - 0.334504)(0.25)(0.592920) = 0.0986466
        String delta = backprop.nn.Format.number(small.delta(1, 1));
        assertEquals("0.0986466", delta); // six significant digits; six decimals would print 0.098647
        assertTrue(Explain.delta(small, 1, 1).endsWith(" = " + delta), Explain.delta(small, 1, 1));
        assertTrue(Tensors.backward(small).endsWith("δ_1(1)               =  " + delta), Tensors.backward(small));
        assertEquals("delta(1) = [" + delta + "]", small.delta(1).toString());
    }

    @Test
    void gradientAndUpdateWithNumbers() {
        assertEquals("∂E_n/∂w_12(1) = x_1(0) δ_2(1) = (0.5)(1.65187) = 0.825937", Explain.gradient(b, 1, 1, 2));
        // w_21(1) - η x_2(0) δ_1(1) = -0.2 - (0.1)(1)(-1.36924) = -0.0630756
        assertEquals("w_21(1) ← w_21(1) - η x_2(0) δ_1(1) = -0.2 - (0.1)(1)(-1.36924) = -0.0630756",
                Explain.update(b, 1, 2, 1, 0.1));
    }

    @Test
    void updateShowsTheValueSgdProduces() {
        Network net = Network.of(3, 4, 1).initUniform(0.7, 5);
        double[] x = {0.3, -0.8, 0.1};
        BackwardPass back = net.forward(x).backward(-1);
        String line = Explain.update(back, 1, 2, 3, 0.05);
        net.sgdStep(x, -1, 0.05);
        assertTrue(line.endsWith(" = " + backprop.nn.Format.number(net.w(1, 2, 3))), line);
    }

    @Test
    void longSumsAreAbbreviatedButKeepTheirTotal() {
        Network big = Network.of(12, 11, 1);
        for (int i = 0; i <= 12; i++) {
            big.setW(1, i, 11, i * 0.5);
        }
        double[] x = new double[12];
        java.util.Arrays.fill(x, 1);
        ForwardPass fb = big.forward(x);
        // s_11(1) = -0 + 0.5 + 1 + ... + 6 = 0.5 * (1 + ... + 12) = 39
        assertEquals("s_11(1) = w_0,11(1) x_0(0) + w_1,11(1) x_1(0) + w_2,11(1) x_2(0) + … + w_12,11(1) x_12(0)"
                + " = (0)(-1) + (0.5)(1) + (1)(1) + … + (6)(1) = 39", Explain.s(fb, 1, 11));
    }

    @Test
    void badIndicesAndEta() {
        assertThrows(IndexOutOfBoundsException.class, () -> Explain.s(f, 3, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Explain.delta(b, 1, 3));
        assertEquals("learning rate eta = 0.0, expected a finite eta > 0",
                assertThrows(IllegalArgumentException.class, () -> Explain.update(b, 1, 0, 1, 0)).getMessage());
    }
}
