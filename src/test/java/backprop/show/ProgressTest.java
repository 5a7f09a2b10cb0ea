package backprop.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backprop.nn.Examples;
import backprop.nn.Network;
import backprop.nn.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void barDependsOnlyOnTheStepsDone() {
        assertEquals("t [........................................]   0%  0 of 50,000", Progress.bar("t", 0, 50_000));
        assertEquals("t [################........................]  40%  20,000 of 50,000",
                Progress.bar("t", 20_000, 50_000));
        assertEquals("t [########################################] 100%  50,000 of 50,000",
                Progress.bar("t", 60_000, 50_000));
        assertEquals("t [########################################] 100%  0 of 0", Progress.bar("t", 0, 0));
    }

    @Test
    void terminalRedrawsOneLineAndEndsIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Examples data = Examples.of(new double[][] {{0.5}, {-0.5}}, new double[] {0.3, -0.3});
        var bar = Progress.terminal("t", 4, out);
        Trainer.sgd(0.1, 4).recordEvery(2).onRecord(p -> bar.accept(p.t())).train(Network.of(1, 2, 1).initUniform(0.5, 1), data);
        assertEquals("\r" + Progress.bar("t", 0, 4) + "\r" + Progress.bar("t", 2, 4) + "\r" + Progress.bar("t", 4, 4) + "\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
