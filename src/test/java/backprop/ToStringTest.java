package backprop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backprop.data.Sample;
import backprop.data.Targets;
import backprop.nn.BackwardPass;
import backprop.nn.Examples;
import backprop.nn.ForwardPass;
import backprop.nn.GradientCheck;
import backprop.nn.History;
import backprop.nn.Network;
import backprop.nn.Table;
import backprop.nn.Trainer;
import backprop.show.Boundary;
import backprop.show.Curves;
import backprop.show.Diagram;
import backprop.show.Plot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every public value type of nn, show and data shows itself in one short line: jshell shows a value by
 * its toString and cuts a long one in the middle (at 80 characters after {@code var v = ...}), so the
 * details belong in a method ({@code table()}, {@code details()}, {@code text()}). Each value here is
 * large (64 neurons wide, many panels, long labels), and every class whose source declares a toString
 * must be among them.
 */
class ToStringTest {
    /** The longest line allowed: jshell's cut after {@code var v = ...}. */
    static final int SHORT = 80;
    static final Pattern DECLARES = Pattern.compile("public String toString\\(\\)");

    static List<Object> values() {
        Network net = Network.of(2, 64, 64, 1).initUniform(0.5, 1);
        Examples xor = Sample.twoClass(Targets.xor(), 100, 2, 1);
        ForwardPass forward = net.forward(0.5, -0.2);
        BackwardPass backward = forward.backward(1.0);
        String label = "a long label of a run, eta = 0.05, r = 0.5, seed 12345";
        History h = Trainer.sgd(0.05, 100).recordEvery(10).label(label).train(net.copy(), xor);
        Boundary boundary = Boundary.of(xor);
        Plot plot = Plot.tanh();
        for (int k = 0; k < 8; k++) {
            boundary = boundary.network(label + " " + k, net);
            plot = plot.network(label + " " + k, Network.of(1, 3, 1).initUniform(0.5, k));
        }
        return List.of(net, xor, forward, backward, forward.x(1), forward.s(2), backward.delta(1),
                net.w(2), net.weights(), backward.gradient(), GradientCheck.of(Network.of(2, 3, 1).initUniform(0.5, 1),
                        new double[] {0.5, -0.2}, 1.0),
                h, Trainer.sgd(0.05, 100_000).random(123_456_789), Table.of(Table.Align.LEFT).row("a").row("b"),
                Curves.of(h, h.withLabel(label + " again"), h.withLabel(label + " once more")), boundary, plot,
                Diagram.backward(backward), Targets.circle());
    }

    @Test
    void eachValueIsOneShortLine() {
        for (Object v : values()) {
            String s = v.toString();
            assertTrue(!s.contains("\n") && s.length() <= SHORT,
                    v.getClass().getSimpleName() + ": " + s.length() + " characters: " + s);
        }
    }

    @Test
    void theDetailsAreInANamedMethod() {
        Network net = Network.of(2, 3, 1).initUniform(0.5, 42);
        ForwardPass pass = net.forward(0.5, -0.2);
        assertEquals("ForwardPass of 2-3-1: g(x) = -0.037383 (table() shows every s and x)", pass.toString());
        assertEquals(14, pass.table().lines().count(), pass.table()); // x(0) 3, s(1) 3, x(1) 4, s(2) 1, x(2) 2, g(x)
        assertTrue(pass.table().endsWith("g(x) = x_1(2) = -0.037383"), pass.table());
        BackwardPass back = pass.backward(1.0);
        assertEquals("BackwardPass of 2-3-1: y = 1, E_n = 1.07616 (table() shows every δ)", back.toString());
        assertEquals("y                    =  1\nE_n = (x_1(2) - y)^2 =  1.07616\nδ_1(2)               = -2.07187\n"
                + "δ_1(1)               =  0.570946\nδ_2(1)               =  0.0144907\nδ_3(1)               = -0.023053",
                back.table());
        assertEquals("w(2): 4 x 1, i = 0..3, j = 1..1 (table() shows it)", net.w(2).toString());
        assertEquals("w of 2-3-1, W = 13 (table() shows w(1), ..., w(L))", net.weights().toString());
        assertEquals(net.w(1).table() + "\n\n" + net.w(2).table(), net.weights().table());
        Network wide = Network.of(2, 64, 1).initUniform(0.5, 1);
        String x1 = wide.forward(0.5, -0.2).x(1).toString();
        assertTrue(x1.startsWith("x(1) = [-1, ") && x1.endsWith(", …] (65 values; table() lists all)"), x1);
        assertEquals(65, wide.forward(0.5, -0.2).x(1).table().lines().count());
        assertEquals("x(0) = [-1, 0.5, -0.2]", pass.x(0).toString());
    }

    @Test
    void everyTypeThatDeclaresAToStringIsChecked() throws IOException {
        Set<String> declaring = new TreeSet<>();
        for (String pkg : List.of("nn", "show", "data")) {
            for (Path f : ArchitectureTest.sources(pkg)) {
                if (DECLARES.matcher(Files.readString(f)).find()) {
                    declaring.add(f.getFileName().toString().replace(".java", ""));
                }
            }
        }
        Set<String> checked = new TreeSet<>();
        for (Object v : values()) {
            checked.add(v.getClass().getSimpleName());
        }
        assertTrue(declaring.size() >= 10, declaring.toString());
        assertTrue(checked.containsAll(declaring), "not checked: " + declaring.stream().filter(c -> !checked.contains(c)).toList());
    }
}
