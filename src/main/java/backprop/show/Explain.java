package backprop.show;

import backprop.nn.BackwardPass;
import backprop.nn.ForwardPass;
import backprop.nn.Format;
import backprop.nn.OutputUnit;
import backprop.nn.Weights;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of the lecture at a time, with the actual numbers substituted into the equation, e.g.
 * <pre>
 * s_2(1) = w_02(1) x_0(0) + w_12(1) x_1(0) + w_22(1) x_2(0) = (0.1)(-1) + (0.3)(0.5) + (-0.2)(1) = -0.15
 * </pre>
 * Numbers are written by {@link Format#number} (six significant digits, as everywhere in the library). A sum of more than {@value #MAX_TERMS}
 * terms shows its first three terms, "…" and its last term; the total is always the value the pass
 * computed. Weights w_ij^(l) with an index of two or more digits are written w_i,j(l).
 */
public final class Explain {
    /** Sums with more terms than this are abbreviated. */
    public static final int MAX_TERMS = 5;

    private Explain() {
    }

    /** s_j^(l) = Σ_{i=0}^{d^(l-1)} w_ij^(l) x_i^(l-1), with the numbers, for l = 1..L, j = 1..d^(l). */
    public static String s(ForwardPass forward, int l, int j) {
        double value = forward.s(l, j);
        Weights w = forward.weights();
        List<String> symbols = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i <= w.d(l - 1); i++) {
            symbols.add("w_" + Num.ij(i, j) + "(" + l + ") x_" + i + "(" + (l - 1) + ")");
            numbers.add(Num.factor(w.w(l, i, j)) + Num.factor(forward.x(l - 1, i)));
        }
        return "s_" + j + "(" + l + ") = " + sum(symbols) + " = " + sum(numbers) + " = " + Format.number(value);
    }

    /**
     * x_j^(l) = tanh(s_j^(l)) with the numbers (x_1^(L) = s_1^(L) at an identity output); for l = 0 the
     * input component, for j = 0 the threshold input x_0.
     */
    public static String x(ForwardPass forward, int l, int j) {
        double value = forward.x(l, j);
        String name = "x_" + j + "(" + l + ")";
        if (j == 0) {
            return name + " = " + Format.number(value) + " (the threshold input)";
        }
        if (l == 0) {
            return name + " = " + Format.number(value) + " (component " + j + " of the input x)";
        }
        String s = "s_" + j + "(" + l + ")";
        if (l == forward.L() && forward.outputUnit() == OutputUnit.IDENTITY) {
            return name + " = " + s + " = " + Format.number(value) + " (identity output)";
        }
        return name + " = tanh(" + s + ") = tanh(" + Format.number(forward.s(l, j)) + ") = " + Format.number(value);
    }

    /** Neuron j of layer l: its signal {@link #s} and its output {@link #x}, on two lines. */
    public static String neuron(ForwardPass forward, int l, int j) {
        return s(forward, l, j) + "\n" + x(forward, l, j);
    }

    /** The whole forward pass, neuron by neuron: s_j^(l) and x_j^(l) for l = 1..L, j = 1..d^(l). */
    public static String forward(ForwardPass forward) {
        StringBuilder b = new StringBuilder();
        for (int l = 1; l <= forward.L(); l++) {
            for (int j = 1; j <= forward.weights().d(l); j++) {
                b.append(b.length() == 0 ? "" : "\n").append(neuron(forward, l, j));
            }
        }
        return b.toString();
    }

    /**
     * δ_j^(l) with the numbers: at the output (l = L, j = 1) δ_1^(L) = 2 (x_1^(L) - y)(1 - x_1^(L)^2)
     * (or 2 (x_1^(L) - y) at an identity output); below it the recursion
     * δ_j^(l) = (1 - x_j^(l)^2) Σ_k w_jk^(l+1) δ_k^(l+1), with the lecture's i, j read as j, k.
     */
    public static String delta(BackwardPass backward, int l, int j) {
        double value = backward.delta(l, j);
        ForwardPass f = backward.forward();
        int L = backward.L();
        String name = "δ_" + j + "(" + l + ")";
        if (l == L) {
            String out = "x_1(" + L + ")";
            String diff = "(" + Format.number(f.output()) + " - " + Format.number(backward.y()) + ")";
            if (f.outputUnit() == OutputUnit.IDENTITY) {
                return name + " = 2 (" + out + " - y) = 2 " + diff + " = " + Format.number(value);
            }
            return name + " = 2 (" + out + " - y)(1 - " + out + "^2) = 2 " + diff + "(1 - "
                    + Num.factor(f.output()) + "^2) = " + Format.number(value);
        }
        Weights w = f.weights();
        List<String> symbols = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int k = 1; k <= w.d(l + 1); k++) {
            symbols.add("w_" + Num.ij(j, k) + "(" + (l + 1) + ") δ_" + k + "(" + (l + 1) + ")");
            numbers.add(Num.factor(w.w(l + 1, j, k)) + Num.factor(backward.delta(l + 1, k)));
        }
        String xj = "x_" + j + "(" + l + ")";
        return name + " = (1 - " + xj + "^2)(" + sum(symbols) + ") = (1 - " + Num.factor(f.x(l, j)) + "^2)("
                + sum(numbers) + ") = " + Format.number(value);
    }

    /** Every delta, from δ^(L) down to δ^(1), one line each. */
    public static String backward(BackwardPass backward) {
        StringBuilder b = new StringBuilder();
        for (int l = backward.L(); l >= 1; l--) {
            for (int j = 1; j <= backward.forward().weights().d(l); j++) {
                b.append(b.length() == 0 ? "" : "\n").append(delta(backward, l, j));
            }
        }
        return b.toString();
    }

    /** ∂E_n/∂w_ij^(l) = x_i^(l-1) δ_j^(l) with the numbers. */
    public static String gradient(BackwardPass backward, int l, int i, int j) {
        double value = backward.gradient(l, i, j);
        double x = backward.forward().x(l - 1, i);
        return "∂E_n/∂w_" + Num.ij(i, j) + "(" + l + ") = x_" + i + "(" + (l - 1) + ") δ_" + j + "(" + l + ") = "
                + Num.factor(x) + Num.factor(backward.delta(l, j)) + " = " + Format.number(value);
    }

    /**
     * One SGD update of one weight with the numbers: w_ij^(l) ← w_ij^(l) - η x_i^(l-1) δ_j^(l), computed
     * as {@link backprop.nn.Network#sgdStep} computes it (so the new value is the one SGD produces).
     */
    public static String update(BackwardPass backward, int l, int i, int j, double eta) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("learning rate eta = " + eta + ", expected a finite eta > 0");
        }
        double w = backward.forward().weights().w(l, i, j);
        double x = backward.forward().x(l - 1, i);
        double delta = backward.delta(l, j);
        double updated = w + (-eta * x) * delta;
        String name = "w_" + Num.ij(i, j) + "(" + l + ")";
        return name + " ← " + name + " - η x_" + i + "(" + (l - 1) + ") δ_" + j + "(" + l + ") = "
                + Format.number(w) + " - " + Num.factor(eta) + Num.factor(x) + Num.factor(delta) + " = "
                + Format.number(updated);
    }

    /** Terms joined with " + ", the middle replaced by "…" when there are more than MAX_TERMS. */
    private static String sum(List<String> terms) {
        if (terms.size() > MAX_TERMS) {
            terms = List.of(terms.get(0), terms.get(1), terms.get(2), "…", terms.get(terms.size() - 1));
        }
        return String.join(" + ", terms);
    }
}
