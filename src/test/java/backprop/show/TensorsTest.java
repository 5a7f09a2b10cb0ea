package backprop.show;

import backprop.nn.BackwardPass;
import backprop.nn.ForwardPass;
import backprop.nn.GradientCheck;
import backprop.nn.History;
import backprop.nn.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TensorsTest {
    /** The 2-2-1 network of ExplainTest: s(1) = (-0.15, 0.5) for x = (0.5, 1). */
    static Network net() {
        return Network.fromWeights(
                new double[][]{{0.1, 0.2}, {0.3, 0.4}, {-0.2, 0.5}},
                new double[][]{{0.2}, {1.0}, {-1.5}});
    }

    @Test
    void weightTablesHaveLectureLabels() {
        assertEquals("""
                w(1)                  j = 1     j = 2
                i = 0 (x_0 = -1)   0.100000  0.200000
                i = 1              0.300000  0.400000
                i = 2             -0.200000  0.500000

                w(2)                  j = 1
                i = 0 (x_0 = -1)   0.200000
                i = 1              1.000000
                i = 2             -1.500000""", Tensors.w(net()));
        assertEquals("""
                w(2)                  j = 1
                i = 0 (x_0 = +1)   0.200000
                i = 1              1.000000
                i = 2             -1.500000""", Tensors.w(net().withThreshold(1), 2));
        assertEquals("""
                w(2)                   j = 1
                i = 0 (threshold)   0.200000
                i = 1               1.000000
                i = 2              -1.500000""", Tensors.table(net().w(2)));
    }

    @Test
    void smallAndLargeNumbersUseScientificNotation() {
        Network n = Network.fromWeights(new double[][]{{1.5e-8}, {-0.0}, {12345678.9}}, new double[][]{{0}, {1}});
        assertEquals("""
                w(1)                     j = 1
                i = 0 (x_0 = -1)  1.500000e-08
                i = 1                 0.000000
                i = 2             1.234568e+07""", Tensors.w(n, 1));
    }

    @Test
    void forwardPassVectors() {
        ForwardPass f = net().forward(0.5, 1.0);
        // s_1(1) = (0.1)(-1) + (0.3)(0.5) + (-0.2)(1) = -0.15, s_2(1) = -0.2 + 0.2 + 0.5 = 0.5
        // x_1(1) = tanh(-0.15) = -0.148885, x_2(1) = tanh(0.5) = 0.462117
        // s_1(2) = -0.2 - 0.148885 - 1.5 * 0.462117 = -1.042061, x_1(2) = tanh(-1.042061) = -0.778701
        assertEquals("s_1(1) = -0.150000\ns_2(1) =  0.500000", Tensors.vector(f.s(1)));
        assertEquals("""
                x_0(0)        = -1.000000 (threshold input)
                x_1(0)        =  0.500000
                x_2(0)        =  1.000000
                s_1(1)        = -0.150000
                s_2(1)        =  0.500000
                x_0(1)        = -1.000000 (threshold input)
                x_1(1)        = -0.148885
                x_2(1)        =  0.462117
                s_1(2)        = -1.042061
                x_0(2)        = -1.000000 (threshold input)
                x_1(2)        = -0.778701
                g(x) = x_1(2) = -0.778701""", Tensors.forward(f));
    }

    @Test
    void backwardPassAndGradient() {
        BackwardPass b = net().forward(0.5, 1.0).backward(1);
        // δ_1(2) = 2 (-0.778701 - 1)(1 - 0.778701^2) = -1.400284
        // δ_1(1) = (1 - 0.148885^2)(1)(-1.400284) = -1.369244, δ_2(1) = (1 - 0.462117^2)(-1.5)(-1.400284) = 1.651875
        assertEquals("""
                y                    =  1.000000
                E_n = (x_1(2) - y)^2 =  3.163776
                δ_1(2)               = -1.400284
                δ_1(1)               = -1.369244
                δ_2(1)               =  1.651875""", Tensors.backward(b));
        // dE/dw_ij(1) = x_i(0) δ_j(1) with x(0) = (-1, 0.5, 1)
        assertEquals("""
                dE/dw(1)              j = 1      j = 2
                i = 0 (x_0 = -1)   1.369244  -1.651875
                i = 1             -0.684622   0.825937
                i = 2             -1.369244   1.651875

                dE/dw(2)              j = 1
                i = 0 (x_0 = -1)   1.400284
                i = 1              0.208481
                i = 2             -0.647095""", Tensors.gradient(b));
    }

    @Test
    void gradientCheckTable() {
        GradientCheck c = new GradientCheck(List.of(
                new GradientCheck.Row(1, 0, 1, 0.25, 0.2500001, 4.0e-7),
                new GradientCheck.Row(2, 1, 1, -1.5e-9, 0, 1.5e-3)), 1.5e-3);
        assertEquals("""
                l  i  j       backprop   numeric  relative error
                1  0  1       0.250000  0.250000        4.00e-07
                2  1  1  -1.500000e-09  0.000000        1.50e-03
                max relative error = 1.50e-03""", Tensors.check(c));
        String real = Tensors.check(GradientCheck.of(net(), new double[]{0.5, 1}, 1));
        assertEquals(11, real.split("\n").length); // header, 9 weights, max
        assertTrue(real.contains("\n2  2  1  -0.647095  -0.647095"), real);
    }

    @Test
    void historyTable() {
        History h = new History("eta = 0.1", List.of(
                new History.Point(0, 0.5, 0.6, Double.NaN, Double.NaN),
                new History.Point(100, 0.25, Double.NaN, Double.NaN, Double.NaN),
                new History.Point(200, 0.125, 0.2, Double.NaN, Double.NaN)));
        assertEquals("""
                History 'eta = 0.1', 3 points
                  t      E_in    E_test
                  0  0.500000  0.600000
                100  0.250000         -
                200  0.125000  0.200000""", Tensors.history(h));
        assertEquals("""
                History 'eta = 0.1', 3 points (2 shown)
                  t      E_in    E_test
                  0  0.500000  0.600000
                200  0.125000  0.200000""", Tensors.history(h, 2));
        History z = new History("", List.of(new History.Point(5, 0.5, Double.NaN, 0.25, Double.NaN)));
        assertEquals("""
                History, 1 point
                t      E_in  E_in 0/1
                5  0.500000  0.250000""", Tensors.history(z));
        assertEquals("maxRows = 1, expected at least 2 (the first and last point)",
                assertThrows(IllegalArgumentException.class, () -> Tensors.history(h, 1)).getMessage());
    }
}
