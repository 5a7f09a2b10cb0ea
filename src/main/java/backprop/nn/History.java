package backprop.nn;

import java.util.List;

/**
 * The error curves of one training run: E_in (and, when recorded, E_test and the 0/1 errors) after
 * t = 0, k, 2k, ..., T updates. Values not recorded are NaN. Immutable.
 *
 * @param label  a name for the run, shown in legends (e.g. {@code "eta = 0.1"})
 * @param points the recorded points, in increasing t
 */
public record History(String label, List<Point> points) {

    /**
     * One recorded point.
     *
     * @param t          the number of updates done
     * @param eIn        E_in = (1/N) Σ_n (g(x_n) - y_n)^2 on the training examples
     * @param eTest      the same on the test examples, or NaN
     * @param eInZeroOne  the fraction of training examples with sign(g(x_n)) != y_n, or NaN
     * @param eTestZeroOne the same on the test examples, or NaN
     */
    public record Point(long t, double eIn, double eTest, double eInZeroOne, double eTestZeroOne) {
    }

    /** A history with an unmodifiable copy of {@code points}; the label must not be null. */
    public History {
        if (label == null) {
            throw new IllegalArgumentException("label is null, expected a name for the run (may be empty)");
        }
        if (points == null || points.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("the points are " + (points == null ? "null" : "a list with a null")
                    + ", expected a list of points (may be empty)");
        }
        points = List.copyOf(points);
        for (int k = 1; k < points.size(); k++) {
            if (points.get(k).t() <= points.get(k - 1).t()) {
                throw new IllegalArgumentException("history points must have increasing t, got t = "
                        + points.get(k - 1).t() + " then t = " + points.get(k).t());
            }
        }
    }

    /**
     * The point-by-point mean of several runs recorded at the same t (e.g. the same trainer from
     * different seeds): each error of a point is the mean of that error over the runs.
     */
    public static History mean(String label, List<History> runs) {
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("mean of no runs, expected at least one history");
        }
        for (int k = 0; k < runs.size(); k++) {
            if (runs.get(k) == null) {
                throw new IllegalArgumentException("history " + (k + 1) + " of " + runs.size()
                        + " is null, expected a history per run");
            }
        }
        List<Point> first = runs.get(0).points();
        for (History h : runs) {
            if (!h.points().stream().map(Point::t).toList().equals(first.stream().map(Point::t).toList())) {
                throw new IllegalArgumentException("history '" + h.label() + "' was recorded at other t than '"
                        + runs.get(0).label() + "', expected the same t in every run");
            }
        }
        List<Point> mean = new java.util.ArrayList<>();
        int n = runs.size();
        for (int k = 0; k < first.size(); k++) {
            double eIn = 0, eTest = 0, zIn = 0, zTest = 0;
            for (History h : runs) {
                Point p = h.points().get(k);
                eIn += p.eIn();
                eTest += p.eTest();
                zIn += p.eInZeroOne();
                zTest += p.eTestZeroOne();
            }
            mean.add(new Point(first.get(k).t(), eIn / n, eTest / n, zIn / n, zTest / n));
        }
        return new History(label, mean);
    }

    /** This history under another label. */
    public History withLabel(String label) {
        return new History(label, points);
    }

    /** The last point (the state after training), or null when nothing was recorded. */
    public Point last() {
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** The update counts t of the points. */
    public double[] t() {
        return points.stream().mapToDouble(Point::t).toArray();
    }

    /** E_in at each point. */
    public double[] eIn() {
        return points.stream().mapToDouble(Point::eIn).toArray();
    }

    /** E_test at each point (NaN where not recorded). */
    public double[] eTest() {
        return points.stream().mapToDouble(Point::eTest).toArray();
    }

    /** The 0/1 error on the training examples at each point (NaN where not recorded). */
    public double[] eInZeroOne() {
        return points.stream().mapToDouble(Point::eInZeroOne).toArray();
    }

    /** The 0/1 error on the test examples at each point (NaN where not recorded). */
    public double[] eTestZeroOne() {
        return points.stream().mapToDouble(Point::eTestZeroOne).toArray();
    }

    /** Whether any point has an E_test. */
    public boolean hasTest() {
        return points.stream().anyMatch(p -> !Double.isNaN(p.eTest()));
    }

    /** Whether any point has a 0/1 error. */
    public boolean hasZeroOne() {
        return points.stream().anyMatch(p -> !Double.isNaN(p.eInZeroOne()));
    }

    /**
     * One short line: the label (cut with "…" past 40 characters), the number of points and their range of t
     * (see {@link #details}).
     */
    @Override
    public String toString() {
        String shown = label.length() <= 40 ? label : label.substring(0, 39) + "…";
        return "History" + (shown.isEmpty() ? "" : " '" + shown + "'") + " (" + points.size() + " point"
                + (points.size() == 1 ? "" : "s") + (points.isEmpty() ? "" : ", t = " + points.get(0).t() + ".." + last().t())
                + ")";
    }

    /**
     * A few lines: the label, the number of points, and the errors recorded first and last
     * (E_in, and E_test and the 0/1 errors when recorded).
     */
    public String details() {
        StringBuilder b = new StringBuilder(toString());
        if (!points.isEmpty()) {
            b.append('\n').append(describe(points.get(0)));
            if (points.size() > 1) {
                b.append('\n').append(describe(last()));
            }
        }
        return b.toString();
    }

    private static String describe(Point p) {
        StringBuilder b = new StringBuilder("t = ").append(p.t()).append(": E_in = ").append(Format.number(p.eIn()));
        if (!Double.isNaN(p.eTest())) {
            b.append(", E_test = ").append(Format.number(p.eTest()));
        }
        if (!Double.isNaN(p.eInZeroOne())) {
            b.append(", 0/1 E_in = ").append(Format.number(p.eInZeroOne()));
        }
        if (!Double.isNaN(p.eTestZeroOne())) {
            b.append(", 0/1 E_test = ").append(Format.number(p.eTestZeroOne()));
        }
        return b.toString();
    }
}
