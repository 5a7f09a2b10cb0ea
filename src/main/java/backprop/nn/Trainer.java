package backprop.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Stochastic gradient descent as in the lecture: T times, pick an example n and apply
 * w_ij^(l) ← w_ij^(l) - η ∂E_n/∂w_ij^(l). An immutable configuration: {@link #random}, {@link #cyclic},
 * {@link #recordEvery}, {@link #test}, {@link #zeroOneError}, {@link #label} and {@link #onRecord} each
 * return a new trainer; {@link #train} changes only the network it is given. To train many seeded
 * configurations at once on all cores, see {@link Runs}.
 *
 * <pre>{@code
 * History h = Trainer.sgd(0.1, 50_000).random(7).recordEvery(500).test(testSet).train(net, trainSet);
 * }</pre>
 */
public final class Trainer {
    /** How the example of each update is picked. */
    public enum Order {
        /** n uniformly at random from 1..N at every update (from a seed). */
        RANDOM,
        /** n = 1, 2, ..., N, 1, 2, ... */
        CYCLIC
    }

    private final double eta;
    private final long updates;
    private final Order order;
    private final long seed;
    private final long every;
    private final Examples test;
    private final boolean zeroOne;
    private final String label;
    private final Consumer<History.Point> listener;

    private Trainer(double eta, long updates, Order order, long seed, long every, Examples test, boolean zeroOne,
                    String label, Consumer<History.Point> listener) {
        this.eta = eta;
        this.updates = updates;
        this.order = order;
        this.seed = seed;
        this.every = every;
        this.test = test;
        this.zeroOne = zeroOne;
        this.label = label;
        this.listener = listener;
    }

    /**
     * T updates with learning rate η, examples in random order from seed 0, E_in recorded about 100
     * times (every max(1, T/100) updates).
     */
    public static Trainer sgd(double eta, long updates) {
        Network.checkEta(eta);
        if (updates < 0) {
            throw new IllegalArgumentException("number of updates T = " + updates + ", expected T >= 0");
        }
        return new Trainer(eta, updates, Order.RANDOM, 0, Math.max(1, updates / 100), null, false,
                "eta = " + Format.number(eta), null);
    }

    /** Examples in uniformly random order from the given seed. */
    public Trainer random(long seed) {
        return new Trainer(eta, updates, Order.RANDOM, seed, every, test, zeroOne, label, listener);
    }

    /** Examples in cyclic order 1, 2, ..., N, 1, ... */
    public Trainer cyclic() {
        return new Trainer(eta, updates, Order.CYCLIC, seed, every, test, zeroOne, label, listener);
    }

    /** Record the errors every k updates (and after the last). */
    public Trainer recordEvery(long k) {
        if (k < 1) {
            throw new IllegalArgumentException("record interval k = " + k + ", expected k >= 1 update");
        }
        return new Trainer(eta, updates, order, seed, k, test, zeroOne, label, listener);
    }

    /** Also record E_test on these examples. */
    public Trainer test(Examples test) {
        if (test == null) {
            throw new IllegalArgumentException("test examples are null");
        }
        return new Trainer(eta, updates, order, seed, every, test, zeroOne, label, listener);
    }

    /** Also record the 0/1 error of sign(g(x)) (for targets y = ±1). */
    public Trainer zeroOneError() {
        return new Trainer(eta, updates, order, seed, every, test, true, label, listener);
    }

    /** The label of the history (shown in chart legends); by default "eta = η". */
    public Trainer label(String label) {
        if (label == null) {
            throw new IllegalArgumentException("label is null");
        }
        return new Trainer(eta, updates, order, seed, every, test, zeroOne, label, listener);
    }

    /** Calls {@code listener} with every point as it is recorded, e.g. to show progress. */
    public Trainer onRecord(Consumer<History.Point> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null, expected a function of the recorded point");
        }
        return new Trainer(eta, updates, order, seed, every, test, zeroOne, label, listener);
    }

    /** The learning rate η. */
    public double eta() {
        return eta;
    }

    /** The number of updates T. */
    public long updates() {
        return updates;
    }

    /** How the example of each update is picked. */
    public Order order() {
        return order;
    }

    /** The seed of the random order (unused by the cyclic order). */
    public long seed() {
        return seed;
    }

    /** The number of updates k between two recorded points. */
    public long recordInterval() {
        return every;
    }

    /**
     * How often a run polls its thread's interrupt flag: every k = min(256, max(1, 2^20 / W)) updates,
     * i.e. at most 256 updates and about 6 million floating-point operations apart (under 2 ms on
     * this project's machine at every size).
     */
    static int pollInterval(int weightCount) {
        return Math.min(256, Math.max(1, (1 << 20) / weightCount));
    }

    /**
     * Runs the T updates on {@code net} with the examples {@code train} and returns the error curves.
     * The updates run in a fast engine on a copy of the weights (the same steps as
     * {@link Network#sgdStep}, with a faster tanh); the network gets the new weights, all at once, when
     * the run ends, stops or is refused. The recorded errors are computed by the engine too: they agree
     * with {@link Examples#squaredError} of the network within the engine's tanh (relative 10^-15).
     *
     * @throws IllegalArgumentException     if the examples do not fit the network (nothing changes)
     * @throws TrainingDivergedException    if an update would make E_n or a weight non-finite; the network
     *                                      holds the weights before that update
     * @throws TrainingInterruptedException if the thread is interrupted (polled between updates, see
     *                                      {@link #pollInterval}); the network holds the weights after the
     *                                      last update done, and the thread's interrupt flag is set again
     */
    public History train(Network net, Examples train) {
        if (net == null || train == null) {
            throw new IllegalArgumentException("train needs a network and examples, got " + net + " and " + train);
        }
        train.checkFits(net);
        if (test != null) {
            test.checkFits(net);
        }
        Engine engine = new Engine(net, false);
        List<History.Point> points = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = train.flatX();
        int d = train.dimension();
        int n = train.size();
        int poll = pollInterval(net.weightCount());
        int k = 0;
        long t = 0;
        boolean inStep = false; // true only while the engine's weights may be half-updated
        try {
            record(engine, train, 0, points);
            for (t = 1; t <= updates; t++) {
                if ((t - 1) % poll == 0 && Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new TrainingInterruptedException(String.format(Locale.ROOT,
                            "training stopped by an interrupt after t = %,d of %,d updates; the network holds the "
                                    + "weights after update %,d", t - 1, updates, t - 1), t - 1, updates,
                            new History(label, points));
                }
                int pick = order == Order.RANDOM ? random.nextInt(n) : k;
                k = k + 1 == n ? 0 : k + 1;
                inStep = true;
                try {
                    engine.step(x, pick * d, train.flatY(pick), eta);
                } catch (ArithmeticException e) { // refused: the engine is unchanged
                    inStep = false;
                    throw new TrainingDivergedException(t, e.getMessage() + "; the network holds the weights after update "
                            + (t - 1), new History(label, points));
                }
                inStep = false;
                if (t % every == 0 || t == updates) {
                    record(engine, train, t, points);
                }
            }
        } finally {
            if (!inStep) { // an error inside a step (e.g. out of memory) leaves the network as before the run
                net.replaceWeights(engine.weights());
            }
        }
        return new History(label, points);
    }

    private void record(Engine engine, Examples train, long t, List<History.Point> points) {
        Examples.Output g = (xs, from) -> engine.output(xs, from, false);
        History.Point p = new History.Point(t, train.squaredError(g),
                test == null ? Double.NaN : test.squaredError(g),
                zeroOne ? train.classificationError(g) : Double.NaN,
                zeroOne && test != null ? test.classificationError(g) : Double.NaN);
        points.add(p);
        if (listener != null) {
            listener.accept(p);
        }
    }

    /** One short line, e.g. {@code SGD trainer: eta = 0.05, T = 100000, random (seed 1), record every 1000}. */
    @Override
    public String toString() {
        return "SGD trainer: eta = " + Format.number(eta) + ", T = " + updates + ", " + order.name().toLowerCase()
                + (order == Order.RANDOM ? " (seed " + seed + ")" : "") + ", record every " + every;
    }
}
