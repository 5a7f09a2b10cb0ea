package backprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Cooperative stops: an interrupted training run stops between two updates, leaves the network holding
 * the weights after the last completed update (consistent: its forward pass agrees with its weights),
 * sets the interrupt flag again and says where it stopped; a refused run keeps the weights before the
 * refused update.
 */
class StopTest {
    static final Examples DATA = TrainerTest.simpleTarget(50, 1);

    /** The network's forward pass agrees with a fresh network built from its weights. */
    static void assertConsistent(Network net, Examples data) {
        Network fresh = Network.of(net.weights(), net.x0(), net.output());
        for (int n = 1; n <= data.size(); n++) {
            assertEquals(fresh.g(data.x(n)), net.g(data.x(n)), 0);
            assertEquals(fresh.forward(data.x(n)), net.forward(data.x(n)));
        }
    }

    @Test
    void anInterruptAtARecordedPointStopsAtTheNextPoll() {
        Network net = Network.of(2, 3, 1).initUniform(0.5, 1);
        Trainer trainer = Trainer.sgd(0.1, 50_000).random(4).recordEvery(1000).onRecord(p -> {
            if (p.t() == 12_000) {
                Thread.currentThread().interrupt();
            }
        });
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class, () -> trainer.train(net, DATA));
        assertTrue(Thread.interrupted(), "the interrupt flag is set again (and cleared here)");
        int poll = Trainer.pollInterval(net.weightCount());
        assertEquals(256, poll);
        assertEquals(12_000 + (poll - 12_000 % poll), e.t(), "stopped at the first poll after t = 12,000");
        assertEquals("training stopped by an interrupt after t = 12,032 of 50,000 updates; the network holds the "
                + "weights after update 12,032", e.getMessage());
        assertEquals(50_000, e.total());
        assertEquals(13, e.history().points().size());
        assertEquals(12_000, e.history().last().t());
        assertConsistent(net, DATA);
        // The weights are those after exactly t updates: a run of t updates from the same start gives them.
        Network replay = Network.of(2, 3, 1).initUniform(0.5, 1);
        Trainer.sgd(0.1, e.t()).random(4).train(replay, DATA);
        assertEquals(replay.weights(), net.weights());
    }

    @Test
    void anInterruptFromAnotherThreadStopsTheRunConsistently() throws Exception {
        Network net = Network.of(2, 64, 64, 1).initUniform(0.3, 2);
        Network start = net.copy();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                Trainer.sgd(0.05, 100_000_000).random(5).recordEvery(1_000).onRecord(p -> started.countDown())
                        .train(net, DATA);
            } catch (Throwable e) {
                thrown.set(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        started.await();
        Thread.sleep(200);
        worker.interrupt();
        worker.join(60_000);
        assertTrue(!worker.isAlive(), "the run stopped");
        TrainingInterruptedException e = (TrainingInterruptedException) thrown.get();
        assertTrue(e.t() > 0 && e.t() < 100_000_000, e.getMessage());
        assertTrue(flagAfter.get(), "the worker's interrupt flag is set again");
        assertConsistent(net, DATA);
        Network replay = start.copy();
        Trainer.sgd(0.05, e.t()).random(5).recordEvery(e.t()).train(replay, DATA);
        assertEquals(replay.weights(), net.weights(), "the weights after exactly t = " + e.t() + " updates");
    }

    @Test
    void anInterruptBeforeTheRunStopsAtOnce() {
        Network net = Network.of(2, 3, 1).initUniform(0.5, 1);
        Weights before = net.weights();
        Thread.currentThread().interrupt();
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> Trainer.sgd(0.1, 1000).train(net, DATA));
        assertTrue(Thread.interrupted());
        assertEquals(0, e.t());
        assertEquals(before, net.weights());
    }

    @Test
    void aDivergedRunKeepsTheWeightsBeforeTheRefusedUpdate() {
        Examples data = Examples.of(new double[][] {{1e100}, {-1e100}}, new double[] {1, -1});
        Network net = Network.of(1, 1).withOutput(OutputUnit.IDENTITY).initUniform(0.5, 3);
        Network shadow = net.copy();
        List<Long> seen = new ArrayList<>();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.sgd(1e10, 100).cyclic().recordEvery(1).onRecord(p -> seen.add(p.t())).train(net, data));
        assertTrue(e.getMessage().startsWith("update t = " + e.update() + " diverged"), e.getMessage());
        for (long t = 1; t < e.update(); t++) {
            int n = (int) ((t - 1) % 2) + 1;
            shadow.sgdStep(data.x(n), data.y(n), 1e10);
        }
        assertEquals(shadow.weights(), net.weights(), "the network holds the updates before the refused one");
        assertEquals(seen, e.history().points().stream().map(History.Point::t).toList());
        assertConsistent(net, data);
    }

    @Test
    void aListenerThatThrowsLeavesTheNetworkConsistent() {
        Network net = Network.of(2, 3, 1).initUniform(0.5, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.sgd(0.1, 1000).recordEvery(100)
                .onRecord(p -> {
                    if (p.t() == 300) {
                        throw new IllegalStateException("stop");
                    }
                }).train(net, DATA));
        assertEquals("stop", e.getMessage());
        Network replay = Network.of(2, 3, 1).initUniform(0.5, 1);
        Trainer.sgd(0.1, 300).train(replay, DATA);
        assertArrayEquals(replay.weights().flatten(), net.weights().flatten());
    }
}
