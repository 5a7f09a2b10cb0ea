package backprop.nn;

/**
 * Training stopped because an update would have made a weight non-finite. The network is as it was
 * before that update (after the {@link #update()} - 1 updates before it).
 */
public final class TrainingDivergedException extends ArithmeticException {
    /** The number of the refused update, 1-based. */
    private final long update;

    TrainingDivergedException(long update, String reason) {
        super("update t = " + update + " diverged: " + reason);
        this.update = update;
    }

    /** The number of the update (1-based) that was refused. */
    public long update() {
        return update;
    }
}
