package backprop.nn;

/**
 * A training run stopped because its thread was interrupted (e.g. a notebook's stop button). The run
 * stops between two updates: the network holds the weights after the last completed update, {@link #t()},
 * consistent in every way (its forward pass agrees with its weights). Before this is thrown the thread's
 * interrupt flag is set again, so that callers further up see the interrupt too.
 */
public final class TrainingInterruptedException extends RuntimeException {
    /** The number of updates (or runs) done before the stop. */
    private final long t;
    /** The number of updates (or runs) asked for. */
    private final long total;
    /** The points recorded before the stop (not serialized). */
    private final transient History history;

    TrainingInterruptedException(String message, long t, long total, History history) {
        super(message);
        this.t = t;
        this.total = total;
        this.history = history;
    }

    /** The number of updates done before the stop (for {@link Runs}: the number of runs finished). */
    public long t() {
        return t;
    }

    /** The number of updates (for {@link Runs}: runs) the run was asked for. */
    public long total() {
        return total;
    }

    /** The points recorded before the stop (for {@link Runs}: none). */
    public History history() {
        return history;
    }
}
