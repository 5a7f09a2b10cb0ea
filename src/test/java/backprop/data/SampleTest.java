package backprop.data;

import backprop.nn.Examples;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SampleTest {

    @Test
    void sameSeedSameExamplesOtherSeedOthers() {
        Examples a = Sample.of(Targets.tanhOfSum(), 50, 3, 42);
        Examples b = Sample.of(Targets.tanhOfSum(), 50, 3, 42);
        Examples c = Sample.of(Targets.tanhOfSum(), 50, 3, 43);
        assertArrayEquals(a.xs(), b.xs());
        assertArrayEquals(a.ys(), b.ys());
        assertFalse(Arrays.deepEquals(a.xs(), c.xs()));
        assertEquals(50, a.size());
        assertEquals(3, a.dimension());
    }

    @Test
    void inputsAreTheDocumentedDrawsOfSplittableRandom() {
        SplittableRandom r = new SplittableRandom(7);
        double x11 = 2 * r.nextDouble() - 1;
        double x12 = 2 * r.nextDouble() - 1;
        double x21 = 2 * r.nextDouble() - 1;
        Examples e = Sample.of(Targets.sine(), 2, 2, 7);
        assertEquals(x11, e.x(1)[0]);
        assertEquals(x12, e.x(1)[1]);
        assertEquals(x21, e.x(2)[0]);
        assertEquals(StrictMath.sin(StrictMath.PI * x11), e.y(1));
        assertArrayEquals(Sample.inputs(2, 2, 7), e.xs());
    }

    @Test
    void inputsLieInTheCubeAndTargetsAreComputed() {
        Examples e = Sample.of(Targets.tanhOfSum(), 1000, 4, 1);
        double min = 1, max = -1;
        for (int n = 1; n <= e.size(); n++) {
            double[] x = e.x(n);
            for (double v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double s = (x[0] + x[1] + x[2] + x[3]) / 2;
            assertEquals(Math.tanh(s), e.y(n), 1e-15);
        }
        assertTrue(min >= -1 && min < -0.99, "min " + min);
        assertTrue(max < 1 && max > 0.99, "max " + max);
    }

    @Test
    void noiseKeepsTheInputsAndHasTheRequestedSpread() {
        Examples clean = Sample.of(Targets.bowl(), 20000, 2, 5);
        Examples noisy = Sample.noisy(Targets.bowl(), 20000, 2, 0.1, 5);
        assertArrayEquals(clean.x(1), noisy.x(1));
        // the second example's x is drawn after the first example's noise, so it differs
        assertFalse(Arrays.equals(clean.x(2), noisy.x(2)));
        double sum = 0, sum2 = 0;
        Target f = Targets.bowl();
        for (int n = 1; n <= noisy.size(); n++) {
            double e = noisy.y(n) - f.f(noisy.x(n));
            sum += e;
            sum2 += e * e;
        }
        double mean = sum / noisy.size();
        double sd = Math.sqrt(sum2 / noisy.size() - mean * mean);
        assertEquals(0, mean, 0.003);
        assertEquals(0.1, sd, 0.003);
        assertArrayEquals(noisy.ys(), Sample.noisy(Targets.bowl(), 20000, 2, 0.1, 5).ys());
    }

    @Test
    void twoClassLabelsArePlusMinusOneAndBalancedForTheCircle() {
        Examples e = Sample.twoClass(Targets.circle(), 4000, 2, 11);
        int plus = 0;
        for (int n = 1; n <= e.size(); n++) {
            double[] x = e.x(n);
            double expected = x[0] * x[0] + x[1] * x[1] < 2 / Math.PI ? 1 : -1;
            assertEquals(expected, e.y(n));
            plus += e.y(n) == 1 ? 1 : 0;
        }
        assertEquals(0.5, plus / 4000.0, 0.03);
    }

    @Test
    void twoClassOfARealTargetTakesItsSign() {
        Examples e = Sample.twoClass(Targets.sine(), 200, 1, 3);
        for (int n = 1; n <= e.size(); n++) {
            assertEquals(Math.sin(Math.PI * e.x(n)[0]) >= 0 ? 1.0 : -1.0, e.y(n));
        }
        Examples x = Sample.twoClass(Targets.xor(), 200, 2, 3);
        for (int n = 1; n <= x.size(); n++) {
            assertEquals(x.x(n)[0] * x.x(n)[1] >= 0 ? 1.0 : -1.0, x.y(n));
        }
    }

    @Test
    void labelNoiseFlipsAboutTheRequestedFraction() {
        Examples noisy = Sample.twoClass(Targets.xor(), 10000, 2, 0.2, 9);
        int flipped = 0;
        for (int n = 1; n <= noisy.size(); n++) {
            double[] x = noisy.x(n);
            flipped += noisy.y(n) != (x[0] * x[1] >= 0 ? 1 : -1) ? 1 : 0;
        }
        assertEquals(0.2, flipped / 10000.0, 0.015);
    }

    @Test
    void namedTargets() {
        assertEquals(Math.tanh(0.9 / Math.sqrt(2)), Targets.tanhOfSum().f(0.5, 0.4), 1e-15);
        assertEquals(1.0, Targets.sine().f(0.5, 123), 1e-15);
        assertEquals((0.25 + 0.16) / 2 - 1.0 / 3, Targets.bowl().f(0.5, 0.4), 1e-15);
        assertEquals(1.0, Targets.circle(0.5).f(0.3, 0.3));
        assertEquals(-1.0, Targets.circle(0.5).f(0.4, 0.4));
        assertEquals("+1 inside ‖x‖ < 0.7979, -1 outside", Targets.circle().name());
        assertEquals(-1.0, Targets.xor().f(0.5, -0.1));
        assertEquals(-1.0, Targets.sine().sign().f(-0.5));
        assertEquals(1.0, Targets.sine().sign().f(0.0));
        assertEquals("sign(sin(π x_1))", Targets.sine().sign().name());
    }

    @Test
    void badArgumentsSayWhatWasExpected() {
        assertEquals("number of examples N = 0, expected N >= 1",
                assertThrows(IllegalArgumentException.class, () -> Sample.of(Targets.sine(), 0, 2, 1)).getMessage());
        assertEquals("input dimension d = 0, expected d >= 1",
                assertThrows(IllegalArgumentException.class, () -> Sample.of(Targets.sine(), 5, 0, 1)).getMessage());
        assertEquals("noise sigma = -0.5, expected a finite sigma >= 0",
                assertThrows(IllegalArgumentException.class, () -> Sample.noisy(Targets.sine(), 5, 1, -0.5, 1)).getMessage());
        assertEquals("flip probability p = 1.5, expected 0 <= p <= 1",
                assertThrows(IllegalArgumentException.class, () -> Sample.twoClass(Targets.xor(), 5, 2, 1.5, 1)).getMessage());
        assertEquals("the XOR target needs d >= 2 components, x has 1",
                assertThrows(IllegalArgumentException.class, () -> Sample.twoClass(Targets.xor(), 5, 1, 1)).getMessage());
        assertEquals("circle radius r = 0.0, expected a finite r > 0",
                assertThrows(IllegalArgumentException.class, () -> Targets.circle(0)).getMessage());
        Target bad = Target.of("1/x_1", x -> x[0] == x[0] ? Double.POSITIVE_INFINITY : 0);
        String m = assertThrows(IllegalArgumentException.class, () -> Sample.of(bad, 3, 1, 1)).getMessage();
        assertTrue(m.startsWith("the target 1/x_1 gives y_1 = Infinity at x_1 = ["), m);
    }
}
