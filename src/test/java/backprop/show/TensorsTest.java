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
                w(1)              j = 1  j = 2
                i = 0 (x_0 = -1)    0.1    0.2
                i = 1               0.3    0.4
                i = 2              -0.2    0.5

                w(2)              j = 1
                i = 0 (x_0 = -1)    0.2
                i = 1               1
                i = 2              -1.5""", Tensors.w(net()));
        assertEquals("""
                w(2)              j = 1
                i = 0 (x_0 = +1)    0.2
                i = 1               1
                i = 2              -1.5""", Tensors.w(net().withThreshold(1), 2));
        assertEquals("""
                w(2)               j = 1
                i = 0 (threshold)    0.2
                i = 1                1
                i = 2               -1.5""", Tensors.table(net().w(2)));
                        assertEquals(net().w(2).table(), Tensors.table(net().w(2)));
    }

    @Test
    void smallAndLargeNumbersUseScientificNotationWithSixDigits() {
        Network n = Network.fromWeights(new double[][]{{1.5e-8}, {-0.0}, {12345678.9}}, new double[][]{{0}, {1}});
        assertEquals("""
                w(1)                    j = 1
                i = 0 (x_0 = -1)  1.5e-08
                i = 1             0
                i = 2             1.23457e+07""", Tensors.w(n, 1));
    }

    @Test
    void forwardPassVectors() {
        ForwardPass f = net().forward(0.5, 1.0);
        // s_1(1) = (0.1)(-1) + (0.3)(0.5) + (-0.2)(1) = -0.15, s_2(1) = -0.2 + 0.2 + 0.5 = 0.5
        // x_1(1) = tanh(-0.15) = -0.148885, x_2(1) = tanh(0.5) = 0.462117
        // s_1(2) = -0.2 - 0.148885 - 1.5 * 0.462117 = -1.04206, x_1(2) = tanh(-1.04206) = -0.778701
        assertEquals("s_1(1) = -0.15\ns_2(1) =  0.5", Tensors.vector(f.s(1)));
        assertEquals("""
                x_0(0)        = -1        (threshold input)
                x_1(0)        =  0.5
                x_2(0)        =  1
                s_1(1)        = -0.15
                s_2(1)        =  0.5
                x_0(1)        = -1        (threshold input)
                x_1(1)        = -0.148885
                x_2(1)        =  0.462117
                s_1(2)        = -1.04206
                x_0(2)        = -1        (threshold input)
                x_1(2)        = -0.778701
                g(x) = x_1(2) = -0.778701""", Tensors.forward(f));
    }

    @Test
    void backwardPassAndGradient() {
        BackwardPass b = net().forward(0.5, 1.0).backward(1);
        // δ_1(2) = 2 (-0.778701 - 1)(1 - 0.778701^2) = -1.400284
        // δ_1(1) = (1 - 0.148885^2)(1)(-1.400284) = -1.369244, δ_2(1) = (1 - 0.462117^2)(-1.5)(-1.400284) = 1.651875
        assertEquals("""
                y                    =  1
                E_n = (x_1(2) - y)^2 =  3.16378
                δ_1(2)               = -1.40028
                δ_1(1)               = -1.36924
                δ_2(1)               =  1.65187""", Tensors.backward(b));
        // dE/dw_ij(1) = x_i(0) δ_j(1) with x(0) = (-1, 0.5, 1)
        assertEquals("""
                dE/dw(1)              j = 1      j = 2
                i = 0 (x_0 = -1)   1.36924   -1.65187
                i = 1             -0.684622   0.825937
                i = 2             -1.36924    1.65187

                dE/dw(2)              j = 1
                i = 0 (x_0 = -1)   1.40028
                i = 1              0.208481
                i = 2             -0.647095""", Tensors.gradient(b));
    }

    @Test
    void gradientCheckTable() {
        GradientCheck c = new GradientCheck(List.of(
                new GradientCheck.Row(1, 0, 1, 0.25, 0.2500001, 4.0e-7),
                new GradientCheck.Row(2, 1, 1, -1.5e-9, 0, 1.5e-3)), 1.5e-3);
        assertEquals("""
                l  i  j  backprop  numeric  relative error
                1  0  1   0.25        0.25          4e-07
                2  1  1  -1.5e-09     0             0.0015
                max relative error = 0.0015""", Tensors.check(c));
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
                  t   E_in  E_test
                  0  0.5       0.6
                100  0.25      -
                200  0.125     0.2""", Tensors.history(h));
        assertEquals("""
                History 'eta = 0.1', 3 points (2 shown)
                  t   E_in  E_test
                  0  0.5       0.6
                200  0.125     0.2""", Tensors.history(h, 2));
        History z = new History("", List.of(new History.Point(5, 0.5, Double.NaN, 0.25, Double.NaN)));
        assertEquals("""
                History, 1 point
                t  E_in  E_in 0/1
                5   0.5      0.25""", Tensors.history(z));
        assertEquals("maxRows = 1, expected at least 2 (the first and last point)",
                assertThrows(IllegalArgumentException.class, () -> Tensors.history(h, 1)).getMessage());
    }
}
