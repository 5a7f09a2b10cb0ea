package backprop.show;

import backprop.nn.Trainer;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Progress of a long computation as one text line, redrawn in place with a carriage return:
 * {@code t [################........................]  40%  20,000 of 50,000}.
 * The text depends only on the steps done, never on the clock, so a saved notebook or log is the same on
 * every run; the line is redrawn only when it crosses another 5 % (at most 21 times), so a notebook keeps a
 * few short lines. It is plain text on {@code System.out}: jshell's terminal, Jupyter's front ends (which
 * honour the carriage return in a stream) and every Java kernel (IJava, JJava, backprop's) show it the same way.
 * <pre>{@code
 * History h = Progress.of(Trainer.sgd(0.1, 50_000)).train(net, examples);   // a bar over the updates t
 * var bar = Progress.bar("runs", 4);  ...  bar.accept(k + 1);               // any count of steps
 * }</pre>
 */
public final class Progress {
    /** The width of the bar in characters. */
    public static final int WIDTH = 40;
    /** The line is redrawn at every 1/STEPS of the total (every 5 %). */
    static final int STEPS = 20;

    private Progress() {
    }

    /**
     * The text of the bar for {@code done} of {@code total} steps (done is clamped to 0..total).
     *
     * @throws IllegalArgumentException if total is negative
     */
    public static String text(String label, long done, long total) {
        checkTotal(total);
        long d = Math.max(0, Math.min(done, total));
        long percent = total == 0 ? 100 : 100 * d / total;
        int filled = (int) (total == 0 ? WIDTH : WIDTH * d / total);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %,d of %,d", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), percent, d, total);
    }

    /**
     * A bar on {@code System.out}: {@code bar.accept(done)} redraws the line (carriage return, no new line)
     * when {@code done} reached another 5 % of {@code total} since the last drawing; the first call draws,
     * and the call that reaches {@code total} draws and ends the line.
     *
     * @throws IllegalArgumentException if total is negative
     */
    public static LongConsumer bar(String label, long total) {
        return bar(label, total, System.out);
    }

    /**
     * The same bar on {@code out} (see {@link #bar(String, long)}).
     *
     * @throws IllegalArgumentException if total is negative
     */
    public static LongConsumer bar(String label, long total, PrintStream out) {
        checkTotal(total);
        long[] drawn = {-1}; // the step (0..STEPS) last drawn; STEPS + 1 once the line has ended
        return done -> {
            long d = Math.max(0, Math.min(done, total));
            long step = d >= total ? STEPS + 1 : STEPS * d / total;
            if (step <= drawn[0]) return;
            drawn[0] = step;
            out.print("\r" + text(label, d, total) + (d >= total ? "\n" : ""));
            out.flush();
        };
    }

    /**
     * The trainer, drawing a bar labelled {@code t} on {@code System.out} over its updates (at every point it
     * records: {@link Trainer#recordEvery}).
     */
    public static Trainer of(Trainer trainer) {
        LongConsumer bar = bar("t", trainer.updates());
        return trainer.onRecord(p -> bar.accept(p.t()));
    }

    private static void checkTotal(long total) {
        if (total < 0) {
            throw new IllegalArgumentException("total = " + total + ", expected total >= 0");
        }
    }
}
