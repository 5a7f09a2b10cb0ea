package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every public entry point rejects bad input with a message naming the value and what was expected; a
 * call on the network ({@link #rejects}) leaves it unchanged, other calls ({@link #refuses}) only throw.
 */
class BadInputTest {
    final Network net = Network.of(2, 3, 1).initUniform(0.5, 1);
    final Weights before = net.weights();

    /** A call on {@code net} that must throw and leave the network as it was. */
    private void rejects(Class<? extends Throwable> type, String message, Executable call) {
        refuses(type, message, call);
        assertEquals(before, net.weights(), "the network is unchanged");
    }

    /** A call that does not touch {@code net} (a factory, a configuration): it must throw this message. */
    private static void refuses(Class<? extends Throwable> type, String message, Executable call) {
        Throwable e = assertThrows(type, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void wrongInputLength() {
        rejects(IllegalArgumentException.class, "x has 3 components, the network expects d(0) = 2",
                () -> net.forward(1, 2, 3));
        rejects(IllegalArgumentException.class, "x has 1 component, the network expects d(0) = 2",
                () -> net.sgdStep(new double[] {1}, 0, 0.1));
    }

    @Test
    void nonFiniteInputsAndTargets() {
        rejects(IllegalArgumentException.class, "x_2 is NaN, expected a finite number",
                () -> net.sgdStep(new double[] {0, Double.NaN}, 0, 0.1));
        rejects(IllegalArgumentException.class, "y is Infinity, expected a finite number",
                () -> net.sgdStep(new double[] {0, 0}, Double.POSITIVE_INFINITY, 0.1));
        rejects(IllegalArgumentException.class, "y is NaN, expected a finite number",
                () -> net.forward(0, 0).backward(Double.NaN));
        refuses(IllegalArgumentException.class, "y_2 is NaN, expected a finite number",
                () -> Examples.of(new double[][] {{0}, {1}}, new double[] {0, Double.NaN}));
        rejects(IllegalArgumentException.class, "w_21(1) is -Infinity, expected a finite number",
                () -> net.setW(1, 2, 1, Double.NEGATIVE_INFINITY));
    }

    @Test
    void learningRateRangeAndUpdates() {
        rejects(IllegalArgumentException.class, "learning rate eta = 0.0, expected a finite eta > 0",
                () -> net.sgdStep(new double[] {0, 0}, 0, 0));
        refuses(IllegalArgumentException.class, "learning rate eta = -0.1, expected a finite eta > 0",
                () -> Trainer.sgd(-0.1, 10));
        refuses(IllegalArgumentException.class, "number of updates T = -1, expected T >= 0",
                () -> Trainer.sgd(0.1, -1));
        rejects(IllegalArgumentException.class, "weight range r = -0.5, expected a finite r >= 0",
                () -> net.initUniform(-0.5, 1));
        refuses(IllegalArgumentException.class, "record interval k = 0, expected k >= 1 update",
                () -> Trainer.sgd(0.1, 1).recordEvery(0));
    }

    @Test
    void emptyOrMismatchedData() {
        refuses(IllegalArgumentException.class, "the data set is empty, expected N >= 1 examples",
                () -> Examples.of(new double[0][], new double[0]));
        refuses(IllegalArgumentException.class, "x_2 has 1 components, expected d = 2 like x_1",
                () -> Examples.of(new double[][] {{0, 0}, {1}}, new double[] {0, 1}));
        Examples threeD = Examples.of(new double[][] {{0, 0, 0}}, new double[] {1});
        rejects(IllegalArgumentException.class, "the examples have d = 3 components, the network expects d(0) = 2",
                () -> Trainer.sgd(0.1, 5).train(net, threeD));
    }

    @Test
    void layerSizes() {
        refuses(IllegalArgumentException.class, "d(1) = 0, expected at least 1 neuron", () -> Network.of(2, 0, 1));
        refuses(IllegalArgumentException.class, "d(L) = d(1) = 2, expected 1: the network has one output x_1(L)",
                () -> Network.of(2, 2));
        refuses(IllegalArgumentException.class, "a network needs sizes d(0), ..., d(L) with L >= 1, got [3]",
                () -> Network.of(3));
        refuses(IllegalArgumentException.class, "threshold input x_0 = 0.0, expected -1 (the lecture) or +1 (the book)",
                () -> net.withThreshold(0));
        rejects(IllegalArgumentException.class,
                "w(1) has 2 rows, expected d(0) + 1 = 3 (rows i = 0..2)",
                () -> net.setW(1, new double[][] {{1, 2, 3}, {4, 5, 6}}));
        rejects(IllegalArgumentException.class, "row i = 1 of w(1) has 2 entries, expected d(1) = 3",
                () -> net.setW(1, new double[][] {{1, 2, 3}, {4, 5}, {7, 8, 9}}));
    }

    @Test
    void indicesOutsideTheLecturesRanges() {
        rejects(IndexOutOfBoundsException.class, "neuron j of layer 1 = 0 is outside 1..3", () -> net.w(1, 0, 0));
        rejects(IndexOutOfBoundsException.class, "layer l = 0 is outside 1..2", () -> net.w(0, 0, 1));
        rejects(IndexOutOfBoundsException.class, "input i of layer 2 = 4 is outside 0..3", () -> net.w(2, 4, 1));
        ForwardPass f = net.forward(0.1, 0.2);
        refuses(IndexOutOfBoundsException.class, "neuron j of layer 1 = 0 is outside 1..3", () -> f.s(1, 0));
        refuses(IndexOutOfBoundsException.class, "layer l = 3 is outside 0..2", () -> f.x(3));
        refuses(IndexOutOfBoundsException.class, "neuron j of layer 2 = 2 is outside 1..1",
                () -> f.backward(0).delta(2, 2));
    }

    @Test
    void sizesBeyondMemory() {
        refuses(IllegalArgumentException.class, "a 46341-46341-1 network has W = 2,147,580,964 weights, which need 17.2 GB "
                + "of memory; a network holds at most 2,147,483,647 weights", () -> Network.of(46341, 46341, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network.of(100000, 100000, 1));
        assertTrue(e.getMessage().startsWith("a 100000-100000-1 network has W = 10,000,200,001 weights, which need 80.0 GB"
                + " of memory; "), e.getMessage());
    }

    @Test
    void nonFiniteSavedWeights() {
        double[][][] w = net.lectureWeights().clone();
        w[2] = new double[][] {{0, 0.5}, {0, Double.POSITIVE_INFINITY}, {0, 0}, {0, 0}};
        Weights bad = Weights.of("w", net.sizes(), w);
        refuses(IllegalArgumentException.class, "w_11(2) is Infinity, expected a finite number",
                () -> Network.of(bad, -1, OutputUnit.TANH));
    }

    @Test
    void gradientIndices() {
        BackwardPass back = net.forward(0.1, 0.2).backward(0);
        rejects(IndexOutOfBoundsException.class, "layer l = 0 is outside 1..2", () -> back.gradient(0, 0, 1));
        rejects(IndexOutOfBoundsException.class, "input i of layer 1 = 3 is outside 0..2", () -> back.gradient(1, 3, 1));
        rejects(IndexOutOfBoundsException.class, "neuron j of layer 2 = 0 is outside 1..1", () -> back.gradient(2, 1, 0));
    }

    @Test
    void nulls() {
        rejects(IllegalArgumentException.class, "x is null, expected 2 components (d(0) = 2)", () -> net.sgdStep(null, 0, 0.1));
        rejects(IllegalArgumentException.class, "x is null, expected 2 components (d(0) = 2)", () -> net.error(null, 0));
        refuses(IllegalArgumentException.class, "the network is null",
                () -> GradientCheck.of(null, new double[] {0, 0}, 0));
        rejects(IllegalArgumentException.class, "w(1) has no rows, expected d(0) + 1 = 3 (rows i = 0..2)",
                () -> net.setW(1, null));
        refuses(IllegalArgumentException.class, "weights are null, expected one matrix w(l) per layer",
                () -> Network.of((Weights) null, -1, OutputUnit.TANH));
        refuses(IllegalArgumentException.class, "x_2 is null, expected d = 1 components like x_1",
                () -> Examples.of(new double[][] {{1}, null}, new double[] {1, 2}));
        refuses(IllegalArgumentException.class, "listener is null, expected a function of the recorded point",
                () -> Trainer.sgd(0.1, 1).onRecord(null));
        refuses(IllegalArgumentException.class, "train needs a network and examples, got null and null",
                () -> Trainer.sgd(0.1, 1).train(null, null));
        refuses(IllegalArgumentException.class, "the points are null, expected a list of points (may be empty)",
                () -> new History("h", null));
        refuses(IllegalArgumentException.class, "history 2 of 2 is null, expected a history per run",
                () -> History.mean("m", java.util.Arrays.asList(new History("a", java.util.List.of()), null)));
    }
}
