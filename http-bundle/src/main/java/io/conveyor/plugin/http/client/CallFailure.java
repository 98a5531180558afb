package io.conveyor.plugin.http.client;

/**
 * A request that did not give a successful response: a refused status, or an I/O failure
 * that outlasted the retries. The message is complete and already masked, ready for a user:
 * {@code HTTP 404 Not Found from GET http://host/users: {"error":...}}.
 */
public final class CallFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final boolean transientCause;

    /**
     * @param message the masked message
     * @param status the HTTP status, 0 when no response arrived
     * @param transientCause true if the cause was one that retrying may cure (429, 5xx, I/O)
     */
    public CallFailure(String message, int status, boolean transientCause) {
        super(message);
        this.status = status;
        this.transientCause = transientCause;
    }

    /** @return the HTTP status, 0 when no response arrived */
    public int status() {
        return status;
    }

    /** @return true if the last failure was transient (the stage may be retried as a whole) */
    public boolean isTransient() {
        return transientCause;
    }
}
