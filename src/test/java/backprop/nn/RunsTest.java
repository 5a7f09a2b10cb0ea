package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Many seeded runs at once: the same results, bit for bit, as one after another; progress; stops. */
class RunsTest {
    static final Examples DATA = TrainerTest.simpleTarget(40, 2);

    record Result(History history, Weights weights) {
    }

    static Result run(int k) {
        Network net = Network.of(2, 5, 1).initUniform(0.3, 100 + k);
        History h = Trainer.sgd(0.05, 3_000).random(k).recordEvery(500).label("run " + k).train(net, DATA);
        return new Result(h, net.weights());
    }

    @Test
    void parallelRunsEqualSequentialRunsBitForBit() {
        List<Result> sequential = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            sequential.add(run(k));
        }
        List<String> progress = new ArrayList<>();
        List<Result> parallel = Runs.parallel(12, 3, RunsTest::run, (done, total) -> progress.add(done + "/" + total));
        assertEquals(sequential, parallel);
        assertEquals(List.of("1/12", "2/12", "3/12", "4/12", "5/12", "6/12", "7/12", "8/12", "9/12", "10/12", "11/12",
                "12/12"), progress);
        assertEquals(sequential, Runs.parallel(12, RunsTest::run));
        History mean = History.mean("mean", parallel.stream().map(Result::history).toList());
        assertEquals(7, mean.points().size());
    }

    @Test
    void aFailingRunStopsTheOthersAndItsExceptionIsThrown() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Runs.parallel(8, 2, k -> {
            if (k == 3) {
                throw new IllegalStateException("run 3 failed");
            }
            return run(k);
        }, (done, total) -> { }));
        assertEquals("run 3 failed", e.getMessage());
        assertEquals(List.of(), Runs.parallel(0, RunsTest::run));
    }

    @Test
    void anInterruptStopsEveryRun() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                Runs.parallel(4, 2, k -> Trainer.sgd(0.05, 1_000_000_000L).random(k)
                        .train(Network.of(2, 32, 32, 1).initUniform(0.3, k), DATA), (done, total) -> { });
            } catch (Throwable e) {
                thrown.set(e);
            }
            flag.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        Thread.sleep(300);
        caller.interrupt();
        caller.join(60_000);
        assertTrue(!caller.isAlive());
        TrainingInterruptedException e = (TrainingInterruptedException) thrown.get();
        assertEquals("runs stopped by an interrupt after 0 of 4 runs", e.getMessage());
        assertEquals(0, e.t());
        assertEquals(4, e.total());
        assertTrue(flag.get(), "the caller's interrupt flag is set again");
    }

    @Test
    void badArguments() {
        assertEquals("number of runs n = -1, expected n >= 0",
                assertThrows(IllegalArgumentException.class, () -> Runs.parallel(-1, RunsTest::run)).getMessage());
        assertEquals("threads = 0, expected at least 1", assertThrows(IllegalArgumentException.class,
                () -> Runs.parallel(3, 0, RunsTest::run, (d, t) -> { })).getMessage());
    }
}
