package io.conveyor.plugin.mongodb.client;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.conveyor.api.StageException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Turns what the driver throws into a {@link StageException} a user can act on: it names
 * the hosts (never the credentials), says what was being done, gives the server's message,
 * masks every secret, and marks network trouble as transient so the {@code retry} error
 * strategy applies.
 */
public final class FailureTranslator {
    private final ConnectionTarget target;
    private final SecretMasker masker;
    private final MongoConnection.ServerErrorWatch watch;

    FailureTranslator(ConnectionTarget target, SecretMasker masker, MongoConnection.ServerErrorWatch watch) {
        this.target = target;
        this.masker = masker;
        this.watch = watch;
    }

    /**
     * @param action what was being done, e.g. {@code reading analytics.events}
     * @param t what the driver threw (or the hand-off's cancellation)
     * @return the stage failure to throw
     */
    public StageException translate(String action, Throwable t) {
        if (t instanceof StageException se) {
            return se;
        }
        if (t instanceof HandOffSubscriber.CancelledException) {
            return new StageException("cancelled while " + action);
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new StageException("interrupted while " + action);
        }
        if (t instanceof MongoTimeoutException) {
            return StageException.transientFailure(masker.mask("cannot reach MongoDB at " + target.hosts() + " within "
                    + target.serverSelectionTimeoutMs() + " ms (" + unreachableReason() + "); check connection_string "
                    + "and that the server is running"), null);
        }
        if (t instanceof MongoSecurityException) {
            return new StageException(masker.mask("MongoDB at " + target.hosts() + " refused the credentials while "
                    + action + ": " + rootMessage(t) + "; check the user, password and authSource in connection_string"));
        }
        if (isTransient(t)) {
            return StageException.transientFailure(masker.mask("lost MongoDB at " + target.hosts() + " while " + action
                    + ": " + rootMessage(t)), null);
        }
        if (t instanceof MongoCommandException ce) {
            return new StageException(masker.mask("MongoDB at " + target.hosts() + " refused " + action + ": "
                    + ce.getErrorMessage() + " (code " + ce.getErrorCode() + ")"));
        }
        if (t instanceof MongoException me) {
            return new StageException(masker.mask("MongoDB at " + target.hosts() + " failed " + action + ": "
                    + me.getMessage() + (me.getCode() > 0 ? " (code " + me.getCode() + ")" : "")));
        }
        return new StageException(masker.mask("unexpected failure while " + action + ": " + rootMessage(t)));
    }

    /**
     * @param text a message that may hold a secret
     * @return it, masked
     */
    public String mask(String text) {
        return masker.mask(text);
    }

    private static boolean isTransient(Throwable t) {
        return t instanceof MongoSocketException || t instanceof MongoNotPrimaryException
                || t instanceof MongoNodeIsRecoveringException || t instanceof MongoExecutionTimeoutException
                || (t instanceof MongoException me && (me.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                        || me.hasErrorLabel("RetryableWriteError")));
    }

    /** Why server selection gave up, from the last error a server monitor saw. */
    private String unreachableReason() {
        Throwable last = watch.last();
        if (last == null) {
            return "no server answered";
        }
        for (Throwable c = last; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof UnknownHostException) {
                return "unknown host";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (c instanceof SocketTimeoutException) {
                return "connect timed out";
            }
            if (c instanceof MongoSecurityException) {
                return "authentication failed";
            }
        }
        return rootMessage(last);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }
}
