package backprop.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import backprop.nn.Examples;
import backprop.nn.Network;
import backprop.nn.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void textDependsOnlyOnTheStepsDone() {
        assertEquals("t [........................................]   0%  0 of 50,000", Progress.text("t", 0, 50_000));
        assertEquals("t [################........................]  40%  20,000 of 50,000",
                Progress.text("t", 20_000, 50_000));
        assertEquals("t [########################################] 100%  50,000 of 50,000",
                Progress.text("t", 60_000, 50_000));
        assertEquals("t [########################################] 100%  0 of 0", Progress.text("t", 0, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> Progress.bar("t", -1));
        assertEquals("total = -1, expected total >= 0", e.getMessage());
    }

    @Test
    void barRedrawsOneLineAtEveryFivePercentAndEndsIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LongConsumer bar = Progress.bar("n", 100, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        for (long t = 0; t <= 100; t++) bar.accept(t);
        bar.accept(100); // after the end: nothing more
        String out = bytes.toString(StandardCharsets.UTF_8);
        StringBuilder expected = new StringBuilder();
        for (long t = 0; t < 100; t += 5) expected.append('\r').append(Progress.text("n", t, 100));
        expected.append('\r').append(Progress.text("n", 100, 100)).append('\n');
        assertEquals(expected.toString(), out);
        assertEquals(21, out.chars().filter(c -> c == '\r').count());
    }

    @Test
    void barDrawsTheFirstCallOfEachStepItSees() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LongConsumer bar = Progress.bar("runs", 3, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bar.accept(1);
        bar.accept(1);
        bar.accept(2);
        bar.accept(5); // clamped to 3, ends the line
        assertEquals("\r" + Progress.text("runs", 1, 3) + "\r" + Progress.text("runs", 2, 3) + "\r"
                + Progress.text("runs", 3, 3) + "\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trainerBarFollowsTheRecordedPoints() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Examples data = Examples.of(new double[][] {{0.5}, {-0.5}}, new double[] {0.3, -0.3});
            Progress.of(Trainer.sgd(0.1, 4).recordEvery(2)).train(Network.of(1, 2, 1).initUniform(0.5, 1), data);
        } finally {
            System.setOut(saved);
        }
        assertEquals("\r" + Progress.text("t", 0, 4) + "\r" + Progress.text("t", 2, 4) + "\r" + Progress.text("t", 4, 4) + "\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
