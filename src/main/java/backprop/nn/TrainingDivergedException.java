package backprop.nn;

/**
 * Training stopped because an update would have made E_n or a weight non-finite. The network holds the
 * weights before that update (after the {@link #update()} - 1 updates before it), and can be used and
 * trained further.
 */
public final class TrainingDivergedException extends ArithmeticException {
    /** The number of the refused update, 1-based. */
    private final long update;
    /** The points recorded before the refused update (not serialized). */
    private final transient History history;

    TrainingDivergedException(long update, String reason, History history) {
        super("update t = " + update + " diverged: " + reason);
        this.update = update;
        this.history = history;
    }

    /** The number of the update (1-based) that was refused. */
    public long update() {
        return update;
    }

    /** The points recorded before the refused update. */
    public History history() {
        return history;
    }
}
