package backprop.nn;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-example SGD (forward pass, deltas, update) on the four sizes of the speed yardstick, with the
 * workload of the C reference (shared/bench/c-reference/mlp.c), bit for bit: 1,000 examples x uniform
 * in [-1, 1]^d, y = tanh(Σ x_i / sqrt(d)); weights uniform in [-1, 1] / sqrt(d(l-1) + 1), both from the
 * same SplitMix64 streams (seeds 42 and 1234); threshold input -1; η = 0.01; examples in cyclic order;
 * one update per example; the weights reset to their initial values before every iteration.
 *
 * <p>It measures the engine that {@link Trainer#train} runs (package backprop.nn, to reach it without a
 * recording schedule in the way). One invocation is one pass over the 1,000 examples, so the score is
 * updates per second. Run it
 * with {@code bench/run}, which also prints GFLOP/s (6W flops per update) and bytes allocated per
 * update (JMH's gc profiler).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class SgdBench {
    static final int N = 1000;
    static final double ETA = 0.01;

    /** tiny 2-8-1, small 10-32-32-1, medium 64-128-128-1, large 256-512-512-1. */
    @Param({"tiny", "small", "medium", "large"})
    public String size;

    private Network net;
    private Engine engine;
    private double[][][] w0; // initial weights per layer, rows i = 0..d(l-1), columns j = 1..d(l)
    private double[][] x;
    private double[] y;

    static int[] sizes(String name) {
        switch (name) {
            case "tiny": return new int[] {2, 8, 1};
            case "small": return new int[] {10, 32, 32, 1};
            case "medium": return new int[] {64, 128, 128, 1};
            case "large": return new int[] {256, 512, 512, 1};
            default: throw new IllegalArgumentException("unknown size " + name + ", expected tiny, small, medium or large");
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        int[] d = sizes(size);
        long[] ds = {42};
        x = new double[N][d[0]];
        y = new double[N];
        for (int k = 0; k < N; k++) {
            double sum = 0;
            for (int i = 0; i < d[0]; i++) {
                x[k][i] = unif(ds);
                sum += x[k][i];
            }
            y[k] = Math.tanh(sum / Math.sqrt(d[0]));
        }
        long[] ws = {1234};
        w0 = new double[d.length - 1][][];
        for (int l = 1; l < d.length; l++) {
            double scale = 1 / Math.sqrt(d[l - 1] + 1);
            w0[l - 1] = new double[d[l - 1] + 1][d[l]];
            for (double[] row : w0[l - 1]) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = unif(ws) * scale;
                }
            }
        }
        net = Network.fromWeights(w0);
        engine = new Engine(net, false);
    }

    @Setup(Level.Iteration)
    public void resetWeights() {
        engine.load(net.lectureWeights());
    }

    /** One pass of 1,000 SGD updates, examples in cyclic order; returns the summed E_n (kept alive). */
    @Benchmark
    @OperationsPerInvocation(N)
    public double sgdStep() {
        double e = 0;
        for (int k = 0; k < N; k++) {
            e += engine.step(x[k], 0, y[k], ETA);
        }
        return e;
    }

    /** The mean squared error over the examples (for checking the workload against the C reference). */
    double mse() {
        double s = 0;
        for (int k = 0; k < N; k++) {
            double e = engine.output(x[k], 0, false) - y[k];
            s += e * e;
        }
        return s / N;
    }

    /** SplitMix64, as in mlp.c. */
    static long next(long[] s) {
        long z = (s[0] += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [-1, 1), as in mlp.c. */
    static double unif(long[] s) {
        return 2.0 * ((next(s) >>> 11) * 0x1.0p-53) - 1.0;
    }

    /**
     * Checks the workload against the C reference: prints W, the error before training (mse0) and after
     * T updates (mseT) per size, as {@code mlp SIZE T 1 0} prints them in its RESULT line.
     * Arguments: T, then sizes (default: 1000, all four).
     */
    public static void main(String[] args) {
        long t = args.length > 0 ? Long.parseLong(args[0]) : N;
        String[] names = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"tiny", "small", "medium", "large"};
        for (String s : names) {
            SgdBench b = new SgdBench();
            b.size = s;
            b.setUp();
            b.resetWeights();
            double mse0 = b.mse();
            for (long u = 0; u < t; u++) {
                int k = (int) (u % N);
                b.engine.step(b.x[k], 0, b.y[k], ETA);
            }
            System.out.printf("size=%s W=%d T=%d mse0=%.9e mseT=%.9e%n", s, b.net.weightCount(), t, mse0, b.mse());
        }
    }
}
