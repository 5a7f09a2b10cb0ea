package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** y = tanh(x_1 - x_2) on N points uniform in [-1, 1]^2. */
    static Examples simpleTarget(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k][0] = 2 * r.nextDouble() - 1;
            x[k][1] = 2 * r.nextDouble() - 1;
            y[k] = Math.tanh(x[k][0] - x[k][1]);
        }
        return Examples.of(x, y);
    }

    @Test
    void sgdLowersInSampleError() {
        Examples data = simpleTarget(40, 1);
        Network net = Network.of(2, 4, 1).initUniform(0.1, 5);
        double before = data.squaredError(net);
        History h = Trainer.sgd(0.1, 4000).random(2).recordEvery(1000).train(net, data);
        assertEquals(before, h.points().get(0).eIn(), 1e-14 * before);
        assertEquals(List.of(0L, 1000L, 2000L, 3000L, 4000L), h.points().stream().map(History.Point::t).toList());
        assertTrue(h.last().eIn() < before / 20, "E_in " + before + " -> " + h.last().eIn());
        assertEquals(data.squaredError(net), h.last().eIn(), 1e-14 * h.last().eIn());
        assertTrue(Double.isNaN(h.last().eTest()));
    }

    @Test
    void trainerIsReproducibleFromItsSeed() {
        Examples data = simpleTarget(30, 3);
        Examples test = simpleTarget(50, 4);
        Trainer t = Trainer.sgd(0.05, 1500).random(11).recordEvery(100).test(test).zeroOneError();
        Network a = Network.of(2, 3, 1).initUniform(0.5, 8);
        Network b = Network.of(2, 3, 1).initUniform(0.5, 8);
        History ha = t.train(a, data);
        History hb = t.train(b, data);
        assertEquals(ha, hb);
        assertEquals(a.weights(), b.weights());
        assertTrue(!Double.isNaN(ha.last().eTest()) && !Double.isNaN(ha.last().eTestZeroOne()));
        Network c = Network.of(2, 3, 1).initUniform(0.5, 8);
        assertNotEquals(ha, t.random(12).train(c, data));
    }

    @Test
    void cyclicOrderVisitsExamplesInTurn() {
        Examples data = simpleTarget(3, 5);
        Network viaTrainer = Network.of(2, 2, 1).initUniform(0.5, 1);
        Network byHand = viaTrainer.copy();
        Trainer.sgd(0.2, 7).cyclic().train(viaTrainer, data);
        for (int t = 0; t < 7; t++) {
            int n = t % 3 + 1;
            byHand.sgdStep(data.x(n), data.y(n), 0.2);
        }
        // The trainer's engine uses a faster tanh than sgdStep: equal within EngineTest's bound.
        for (int l = 1; l <= 2; l++) {
            for (int i = 0; i <= 2; i++) {
                for (int j = 1; j <= viaTrainer.d(l); j++) {
                    assertEquals(byHand.w(l, i, j), viaTrainer.w(l, i, j), 1e-14);
                }
            }
        }
        Network exact = Network.of(2, 2, 1).initUniform(0.5, 1);
        Engine engine = new Engine(exact, true);
        for (int t = 0; t < 7; t++) {
            engine.step(data.x(t % 3 + 1), 0, data.y(t % 3 + 1), 0.2);
        }
        exact.replaceWeights(engine.weights());
        assertEquals(byHand.weights(), exact.weights(), "with Math.tanh, bit for bit");
    }

    @Test
    void listenerSeesEveryRecordedPoint() {
        List<Long> seen = new ArrayList<>();
        History h = Trainer.sgd(0.1, 10).recordEvery(4).onRecord(p -> seen.add(p.t()))
                .train(Network.of(2, 2, 1).initUniform(0.1, 1), simpleTarget(5, 1));
        assertEquals(List.of(0L, 4L, 8L, 10L), seen);
        assertEquals(4, h.points().size());
        assertEquals("eta = 0.1", h.label());
    }

    @Test
    void divergingRunStopsNamingTheUpdateAndKeepsTheStepBefore() {
        // An identity output with a huge learning rate blows up within a few updates.
        Examples data = Examples.of(new double[][] {{1e100}, {-1e100}}, new double[] {1, -1});
        Network net = Network.of(1, 1).withOutput(OutputUnit.IDENTITY).initUniform(0.5, 3);
        Network shadow = net.copy();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.sgd(1e10, 100).cyclic().train(net, data));
        assertTrue(e.getMessage().startsWith("update t = " + e.update() + " diverged"), e.getMessage());
        for (long t = 1; t < e.update(); t++) {
            int n = (int) ((t - 1) % 2) + 1;
            shadow.sgdStep(data.x(n), data.y(n), 1e10);
        }
        assertEquals(shadow.weights(), net.weights(), "the network holds the updates before the refused one");
        for (int l = 1; l <= net.L(); l++) {
            for (int i = 0; i <= net.d(l - 1); i++) {
                assertTrue(Double.isFinite(net.w(l, i, 1)));
            }
        }
    }

    @Test
    void meanOfRunsIsPointByPoint() {
        History a = new History("a", List.of(new History.Point(0, 1.0, 2.0, Double.NaN, 0.5),
                new History.Point(10, 0.5, 1.0, Double.NaN, 0.25)));
        History b = new History("b", List.of(new History.Point(0, 3.0, 4.0, Double.NaN, 0.0),
                new History.Point(10, 0.25, 2.0, Double.NaN, 0.75)));
        History m = History.mean("mean", List.of(a, b));
        assertEquals(new History("mean", List.of(new History.Point(0, 2.0, 3.0, Double.NaN, 0.25),
                new History.Point(10, 0.375, 1.5, Double.NaN, 0.5))), m);
        History c = new History("c", List.of(new History.Point(0, 1, 1, 1, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> History.mean("m", List.of(a, c)));
        assertEquals("history 'c' was recorded at other t than 'a', expected the same t in every run", e.getMessage());
    }
}
