package backprop.nn;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many seeded runs at once ({@link Runs#parallel}) on 1 thread and on 2, HW4's protocol in small:
 * {@value #RUNS} runs of T = 50,000 SGD updates of a 2-8-1 network (each from its own seed) on N = 100
 * examples, E_in recorded every 5,000 updates. The score is the time of all runs; bench/runs prints the
 * speed-up of 2 threads over 1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RunsBench {
    static final int RUNS = 16;

    /** The number of worker threads. */
    @Param({"1", "2"})
    public int threads;

    private Examples data;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] x = new double[100][2];
        double[] y = new double[100];
        for (int k = 0; k < 100; k++) {
            x[k][0] = r.nextDouble(-1, 1);
            x[k][1] = r.nextDouble(-1, 1);
            y[k] = x[k][0] * x[k][1] >= 0 ? 1 : -1;
        }
        data = Examples.of(x, y);
    }

    /** The {@value #RUNS} runs; returns their histories (kept alive). */
    @Benchmark
    public List<History> runs() {
        return Runs.parallel(RUNS, threads, k -> Trainer.sgd(0.1, 50_000).random(k).recordEvery(5_000)
                .train(Network.of(2, 8, 1).initUniform(0.1, 1000 + k), data), (done, total) -> { });
    }
}
