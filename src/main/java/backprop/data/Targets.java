package backprop.data;

/**
 * A few named target functions f: R^d → R for notebooks and tests. Every one is defined for any
 * dimension d >= 1 (inputs are meant to lie in [-1, 1]^d) and computed with {@link StrictMath}, so
 * the same x gives the same y on every machine.
 */
public final class Targets {
    private Targets() {
    }

    /** f(x) = tanh(Σ_{i=1}^{d} x_i / √d): what a single tanh neuron with weights 1/√d computes. */
    public static Target tanhOfSum() {
        return Target.of("tanh(Σ x_i / √d)", x -> {
            double s = 0;
            for (double v : x) {
                s += v;
            }
            return StrictMath.tanh(s / StrictMath.sqrt(x.length));
        });
    }

    /** f(x) = sin(π x_1): one full period of a sine over [-1, 1], the other components ignored. */
    public static Target sine() {
        return Target.of("sin(π x_1)", x -> StrictMath.sin(StrictMath.PI * x[0]));
    }

    /** f(x) = (1/d) Σ_i x_i^2 - 1/3: a bowl whose mean over [-1, 1]^d is 0. */
    public static Target bowl() {
        return Target.of("(1/d) Σ x_i^2 - 1/3", x -> {
            double s = 0;
            for (double v : x) {
                s += v * v;
            }
            return s / x.length - 1.0 / 3;
        });
    }

    /**
     * The circle label y = +1 when ‖x‖ &lt; r and -1 otherwise. With r = √(2/π) (see {@link #circle()})
     * half of the square [-1, 1]^2 lies inside.
     */
    public static Target circle(double r) {
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("circle radius r = " + r + ", expected a finite r > 0");
        }
        double r2 = r * r;
        String radius = new java.math.BigDecimal(r).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return Target.of("+1 inside ‖x‖ < " + radius + ", -1 outside", x -> {
            double s = 0;
            for (double v : x) {
                s += v * v;
            }
            return s < r2 ? 1 : -1;
        });
    }

    /** {@link #circle(double)} with r = √(2/π) ≈ 0.7979: two equally likely classes on [-1, 1]^2. */
    public static Target circle() {
        return circle(StrictMath.sqrt(2 / StrictMath.PI));
    }

    /**
     * The XOR label y = sign(x_1 x_2) (sign(0) = +1): +1 in the first and third quadrant, -1 in the
     * others. Needs d >= 2; a classic problem no single neuron can solve.
     */
    public static Target xor() {
        return Target.of("sign(x_1 x_2)", x -> {
            if (x.length < 2) {
                throw new IllegalArgumentException("the XOR target needs d >= 2 components, x has " + x.length);
            }
            return x[0] * x[1] >= 0 ? 1 : -1;
        });
    }
}
