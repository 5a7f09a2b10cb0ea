package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.data.Sample;
import backprop.data.Targets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The guard against non-finite weights: a step is refused only when E_n or a new weight would really be
 * non-finite (the reference computes every new weight before writing any), on any depth, and a refused
 * step leaves the network exactly as it was and usable. The reproductions of issue #7 train without a
 * refusal.
 */
class GuardTest {
    static final Examples XOR = Sample.twoClass(Targets.xor(), 100, 2, 1);

    static void assertFinite(Network net) {
        for (double v : net.weights().flatten()) {
            assertTrue(Double.isFinite(v), "every weight finite");
        }
    }

    @Test
    void deepXorTrainsWithoutARefusal() {
        // Refused at t = 680 before (max |w| = 0.50).
        Network net = Network.of(2, 5, 5, 5, 5, 5, 5, 5, 1).initUniform(0.5, 1);
        History h = Trainer.sgd(0.01, 100_000).random(7).train(net, XOR);
        assertEquals(100_000, h.last().t());
        assertFinite(net);
    }

    @Test
    void sixteenWideNineLayersTrainsWithoutARefusal() {
        // 2-16x8-1 (L = 9) was refused at t = 53 (max |w| = 0.52).
        int[] d = new int[10];
        Arrays.fill(d, 16);
        d[0] = 2;
        d[9] = 1;
        Network net = Network.of(d).initUniform(0.5, 1);
        History h = Trainer.sgd(0.05, 20_000).random(3).train(net, XOR);
        assertEquals(20_000, h.last().t());
        assertFinite(net);
    }

    @Test
    void twelveLayersAMillionSteps() {
        int[] d = new int[13];
        Arrays.fill(d, 8);
        d[0] = 2;
        d[12] = 1;
        Network net = Network.of(d).initUniform(0.6, 5);
        Trainer.sgd(0.02, 1_000_000).random(9).recordEvery(250_000).train(net, XOR);
        assertFinite(net);
        Network sixtyFour = Network.of(2, 64, 64, 64, 1).initUniform(0.3, 6);
        Trainer.sgd(0.02, 20_000).random(10).recordEvery(10_000).train(sixtyFour, XOR);
        assertFinite(sixtyFour);
    }

    @Test
    void plainSgdStepsOnSevenLayers() {
        Network net = Network.of(2, 5, 5, 5, 5, 5, 5, 1).initUniform(0.5, 2);
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 20_000; t++) {
            int n = 1 + r.nextInt(XOR.size());
            net.sgdStep(XOR.x(n), XOR.y(n), 0.01);
        }
        assertFinite(net);
    }

    @Test
    void hugeWeightsAndHundredsOfLayers() {
        // One weight of 1e151 (and one of 1e299, past the bound the engine clears cheaply): the steps are finite.
        for (double big : new double[] {1e151, 1e299}) {
            Network net = Network.of(2, 3, 1).initUniform(0.5, 1);
            net.setW(1, 1, 2, big);
            Trainer.sgd(0.05, 5_000).random(1).train(net, XOR);
            assertFinite(net);
            assertEquals(big, net.w(1, 1, 2), Math.ulp(big) * 1e3);
        }
        // 92 and 200 layers: the cheap bound overflows long before any weight could; no refusal.
        for (int layers : new int[] {92, 200}) {
            int[] d = new int[layers + 1];
            Arrays.fill(d, 8);
            d[0] = 2;
            d[layers] = 1;
            Network net = Network.of(d).initUniform(0.5, 4);
            Trainer.sgd(0.01, 2_000).random(2).recordEvery(2_000).train(net, XOR);
            assertFinite(net);
        }
    }

    @Test
    void everyRefusalIsReal() {
        // An identity output and a huge learning rate: E_n grows until a step would overflow. The trainer
        // refuses exactly the step the reference refuses, and the reference accepts every step before it.
        Examples data = Examples.of(new double[][] {{0.5}, {-0.25}}, new double[] {1, -1});
        for (double eta : new double[] {3, 10, 100}) {
            Network net = Network.of(1, 4, 1).withOutput(OutputUnit.IDENTITY).initUniform(0.5, 3);
            Network reference = net.copy();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> Trainer.sgd(eta, 100_000).cyclic().train(net, data));
            for (long t = 1; t < e.update(); t++) {
                int n = (int) ((t - 1) % 2) + 1;
                reference.sgdStep(data.x(n), data.y(n), eta); // accepted
            }
            int n = (int) ((e.update() - 1) % 2) + 1;
            Weights before = reference.weights();
            assertThrows(ArithmeticException.class, () -> reference.sgdStep(data.x(n), data.y(n), eta));
            assertEquals(before, reference.weights(), "a refused step leaves the network as it was");
            assertFinite(net);
            for (int l = 1; l <= net.L(); l++) {
                for (int i = 0; i <= net.d(l - 1); i++) {
                    for (int j = 1; j <= net.d(l); j++) { // the trainer's fast tanh: equal within EngineTest's bound
                        assertEquals(reference.w(l, i, j), net.w(l, i, j), 1e-9 * Math.max(1, Math.abs(reference.w(l, i, j))));
                    }
                }
            }
            // Still usable: it reads as before, and another trainer can continue from it.
            assertEquals(reference.g(data.x(1)), net.g(data.x(1)), 1e-9 * Math.abs(reference.g(data.x(1))));
        }
    }

    @Test
    void aRefusedSgdStepLeavesTheNetworkAsItWasAndUsable() {
        Network net = Network.of(3, 16, 1).initUniform(0.5, 9);
        net.sgdStep(new double[] {0.1, 0.2, 0.3}, 0.5, 0.1);
        Weights before = net.weights();
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> net.sgdStep(new double[] {1, 1, 1}, -1, Double.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("the SGD step would make a weight non-finite"), e.getMessage());
        assertEquals(before, net.weights());
        net.sgdStep(new double[] {0.1, 0.2, 0.3}, 0.5, 0.1);
        assertTrue(!before.equals(net.weights()));
    }
}
