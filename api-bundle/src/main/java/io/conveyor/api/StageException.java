package io.conveyor.api;

/**
 * A stage failed. {@link #isTransient()} marks failures worth retrying under the
 * {@code retry} error strategy (a timeout, a 503, a lost connection); anything else fails
 * at once.
 */
public class StageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    /**
     * @param message what failed, where, and what to do
     */
    public StageException(String message) {
        this(message, null, false);
    }

    /**
     * @param message what failed
     * @param cause the cause
     */
    public StageException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param message what failed
     * @param cause the cause, or null
     * @param transientFailure true if trying again may succeed
     */
    public StageException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /**
     * @param message what failed
     * @param cause the cause, or null
     * @return a failure that the {@code retry} strategy retries
     */
    public static StageException transientFailure(String message, Throwable cause) {
        return new StageException(message, cause, true);
    }

    /** @return true if trying again may succeed */
    public boolean isTransient() {
        return transientFailure;
    }
}
