package backprop.data;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A target function f: R^d → R with a name, the unknown the network learns from examples
 * (x_n, y_n = f(x_n)). Make one with {@link #of} or take a named one from {@link Targets}.
 *
 * @param name     how the target is shown, e.g. {@code "tanh(Σ x_i / √d)"}
 * @param function the map x ↦ f(x); it must not change its argument
 */
public record Target(String name, ToDoubleFunction<double[]> function) {

    /** A target; neither the name nor the function may be null. */
    public Target {
        Objects.requireNonNull(name, "the target's name is null");
        Objects.requireNonNull(function, "the target's function f is null");
    }

    /** A target f with the given name. */
    public static Target of(String name, ToDoubleFunction<double[]> f) {
        return new Target(name, f);
    }

    /** f(x), computed on a copy of x (so f cannot change the caller's array). */
    public double f(double... x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("f(x) needs an input x with d >= 1 components, got "
                    + (x == null ? "null" : "none"));
        }
        return function.applyAsDouble(x.clone());
    }

    /** The two-class target sign(f(x)) ∈ {-1, +1}, with sign(0) = +1 (as the 0/1 error counts it). */
    public Target sign() {
        ToDoubleFunction<double[]> g = function;
        return new Target("sign(" + name + ")", x -> g.applyAsDouble(x) >= 0 ? 1 : -1);
    }

    @Override
    public String toString() {
        return "f(x) = " + name;
    }
}
