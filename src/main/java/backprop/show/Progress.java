package backprop.show;

import backprop.nn.Trainer;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Progress of a training run as a text bar whose text depends only on the updates done, never on the
 * clock, so a saved notebook or log is the same on every run:
 * {@code t [################........................]  40%  20,000 of 50,000}.
 * In a terminal (jshell) {@link #terminal} redraws one line; in Jupyter the kernel's startup script
 * shows the same bar with display/updateDisplay.
 */
public final class Progress {
    /** The width of the bar in characters. */
    public static final int WIDTH = 40;

    private Progress() {
    }

    /** The bar for {@code done} of {@code total} steps (done is clamped to 0..total). */
    public static String bar(String label, long done, long total) {
        if (total < 0) {
            throw new IllegalArgumentException("total = " + total + ", expected total >= 0");
        }
        long d = Math.max(0, Math.min(done, total));
        long percent = total == 0 ? 100 : 100 * d / total;
        int filled = (int) (total == 0 ? WIDTH : WIDTH * d / total);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %,d of %,d", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), percent, d, total);
    }

    /**
     * A bar for a terminal: each call redraws the line on {@code out} (carriage return, no new line)
     * when the text changed; the call that reaches {@code total} ends the line.
     */
    public static LongConsumer terminal(String label, long total, PrintStream out) {
        String[] last = {null};
        return done -> {
            String text = bar(label, done, total);
            if (!text.equals(last[0])) {
                last[0] = text;
                out.print("\r" + text + (done >= total ? "\n" : ""));
                out.flush();
            }
        };
    }

    /** The trainer, drawing a terminal bar on System.out at every recorded point of its run. */
    public static Trainer inTerminal(Trainer trainer) {
        LongConsumer bar = terminal("t", trainer.updates(), System.out);
        return trainer.onRecord(p -> bar.accept(p.t()));
    }
}
