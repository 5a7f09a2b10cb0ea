package backprop.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Many seeded runs at once, on all cores: run k = 0..n-1 is {@code run.apply(k)}, and the results come
 * back in the order of k, identical bit for bit to calling {@code run.apply(0)}, ..., {@code run.apply(n-1)}
 * one after another, provided each run builds what it changes (its own Network) from k alone:
 *
 * <pre>{@code
 * List<History> runs = Runs.parallel(500, k -> Trainer.sgd(0.1, 50_000).random(k)
 *         .train(Network.of(2, 10, 1).initUniform(0.1, 1000 + k), data),
 *         (done, total) -> System.out.print("\r" + done + " of " + total));
 * History mean = History.mean("500 runs", runs);
 * }</pre>
 *
 * Progress is reported on the calling thread, after each finished run. An interrupt of the calling
 * thread stops every run between two of its updates (each training run polls its interrupt flag, see
 * {@link Trainer#train}) and throws {@link TrainingInterruptedException}; a run that throws stops the
 * others and its exception is thrown.
 */
public final class Runs {
    private Runs() {
    }

    /** Told after each finished run how many runs are done, of how many. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called on the thread that started the runs.
         *
         * @param done  the number of runs finished so far (1..total)
         * @param total the number of runs
         */
        void update(int done, int total);
    }

    /** The n runs on all cores ({@link Runtime#availableProcessors()} threads), results in the order of k. */
    public static <R> List<R> parallel(int n, IntFunction<R> run) {
        return parallel(n, run, (done, total) -> { });
    }

    /** The n runs on all cores, telling {@code progress} after each finished run. */
    public static <R> List<R> parallel(int n, IntFunction<R> run, Progress progress) {
        return parallel(n, Runtime.getRuntime().availableProcessors(), run, progress);
    }

    /**
     * The n runs on the given number of threads (1: one after another, on a worker thread), telling
     * {@code progress} after each finished run.
     *
     * @throws IllegalArgumentException     if {@code n < 0}, {@code threads < 1} or an argument is null
     * @throws TrainingInterruptedException if the calling thread is interrupted (its flag set again)
     */
    public static <R> List<R> parallel(int n, int threads, IntFunction<R> run, Progress progress) {
        if (n < 0) {
            throw new IllegalArgumentException("number of runs n = " + n + ", expected n >= 0");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ", expected at least 1");
        }
        if (run == null || progress == null) {
            throw new IllegalArgumentException("the run and the progress callback must not be null");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, n)), r -> {
            Thread t = new Thread(r, "backprop-run");
            t.setDaemon(true);
            return t;
        });
        List<Future<R>> futures = new ArrayList<>(n);
        int done = 0;
        try {
            CompletionService<R> finished = new ExecutorCompletionService<>(pool);
            for (int k = 0; k < n; k++) {
                int index = k;
                futures.add(finished.submit(() -> run.apply(index)));
            }
            while (done < n) {
                Future<R> f = finished.take();
                f.get(); // throws the run's exception
                done++;
                progress.update(done, n);
            }
            List<R> results = new ArrayList<>(n);
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            stop(pool, futures);
            Thread.currentThread().interrupt();
            throw new TrainingInterruptedException(String.format(Locale.ROOT,
                    "runs stopped by an interrupt after %,d of %,d runs", done, n), done, n, new History("", List.of()));
        } catch (ExecutionException e) {
            stop(pool, futures);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Cancels every run (interrupting the running ones) and waits, up to a minute, until the workers
     * have stopped (a training run stops at its next poll, within milliseconds).
     */
    private static void stop(ExecutorService pool, List<? extends Future<?>> futures) {
        for (Future<?> f : futures) {
            f.cancel(true);
        }
        pool.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
