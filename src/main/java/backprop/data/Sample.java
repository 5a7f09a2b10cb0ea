package backprop.data;

import backprop.nn.Examples;

import java.util.SplittableRandom;

/**
 * Data sets drawn from a target: N inputs x_n uniform in [-1, 1]^d and y_n = f(x_n), optionally with
 * noise. Reproducible: the same seed gives the same examples on every JDK and machine
 * ({@link SplittableRandom}, Gaussian noise by Box–Muller with {@link StrictMath}).
 *
 * <p>Draw order, fixed: for n = 1..N, the d components of x_n (each 2u - 1 for a uniform u in [0, 1)),
 * then, for a noisy sample, the noise of y_n.
 */
public final class Sample {
    private Sample() {
    }

    /** N examples (x_n, y_n = f(x_n)), x_n uniform in [-1, 1]^d, from the seed. */
    public static Examples of(Target f, int n, int d, long seed) {
        return noisy(f, n, d, 0, seed);
    }

    /**
     * N examples (x_n, y_n = f(x_n) + ε_n), x_n uniform in [-1, 1]^d, ε_n Gaussian with mean 0 and
     * standard deviation σ (σ = 0: no noise, the same x_n as {@link #of}).
     */
    public static Examples noisy(Target f, int n, int d, double sigma, long seed) {
        check(f, n, d);
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise sigma = " + sigma + ", expected a finite sigma >= 0");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = uniform(random, d);
            y[k] = value(f, x[k], k);
            if (sigma > 0) {
                y[k] += sigma * gaussian(random);
            }
        }
        return Examples.of(x, y);
    }

    /**
     * A two-class problem: N examples with y_n = sign(f(x_n)) ∈ {-1, +1} (sign(0) = +1), x_n uniform in
     * [-1, 1]^d. For a label target such as {@link Targets#circle()} or {@link Targets#xor()} the sign
     * changes nothing.
     */
    public static Examples twoClass(Target f, int n, int d, long seed) {
        return twoClass(f, n, d, 0, seed);
    }

    /**
     * {@link #twoClass(Target, int, int, long)} with label noise: each y_n is flipped with probability p
     * (one uniform draw per example, after its x_n).
     */
    public static Examples twoClass(Target f, int n, int d, double flip, long seed) {
        check(f, n, d);
        if (!(flip >= 0 && flip <= 1)) {
            throw new IllegalArgumentException("flip probability p = " + flip + ", expected 0 <= p <= 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = uniform(random, d);
            y[k] = value(f, x[k], k) >= 0 ? 1 : -1;
            if (flip > 0 && random.nextDouble() < flip) {
                y[k] = -y[k];
            }
        }
        return Examples.of(x, y);
    }

    /** N points uniform in [-1, 1]^d from the seed, row n - 1 holding x_n: the inputs {@link #of} uses. */
    public static double[][] inputs(int n, int d, long seed) {
        check(Target.of("none", x -> 0), n, d);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        for (int k = 0; k < n; k++) {
            x[k] = uniform(random, d);
        }
        return x;
    }

    private static void check(Target f, int n, int d) {
        if (f == null) {
            throw new IllegalArgumentException("the target f is null");
        }
        if (n < 1) {
            throw new IllegalArgumentException("number of examples N = " + n + ", expected N >= 1");
        }
        if (d < 1) {
            throw new IllegalArgumentException("input dimension d = " + d + ", expected d >= 1");
        }
    }

    private static double[] uniform(SplittableRandom random, int d) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = 2 * random.nextDouble() - 1;
        }
        return x;
    }

    private static double value(Target f, double[] x, int k) {
        double y = f.f(x);
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("the target " + f.name() + " gives y_" + (k + 1) + " = " + y
                    + " at x_" + (k + 1) + " = " + java.util.Arrays.toString(x) + ", expected a finite number");
        }
        return y;
    }

    /** A standard normal draw: Box–Muller, z = √(-2 ln u_1) cos(2π u_2), with u_1 in (0, 1]. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }
}
