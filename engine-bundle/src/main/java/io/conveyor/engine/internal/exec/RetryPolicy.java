package io.conveyor.engine.internal.exec;

import io.conveyor.api.StageException;
import io.conveyor.engine.internal.config.ErrorHandling;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides whether a failed stage attempt is tried again under the {@code retry} strategy,
 * and after how long: {@code retry_delay_seconds} doubled at each retry, plus up to 10%
 * random jitter so that the retries of several stages spread out. Only failures a stage
 * marks transient ({@link StageException#isTransient()}) are retried.
 */
final class RetryPolicy {
    private final ErrorHandling.Strategy strategy;
    private final int maxRetries;
    private final double delaySeconds;

    RetryPolicy(ErrorHandling.Strategy strategy, int maxRetries, double delaySeconds) {
        this.strategy = strategy;
        this.maxRetries = maxRetries;
        this.delaySeconds = delaySeconds;
    }

    /** @return true if the strategy retries at all (so inputs are worth keeping for a replay) */
    boolean retries() {
        return strategy == ErrorHandling.Strategy.RETRY && maxRetries > 0;
    }

    int maxRetries() {
        return maxRetries;
    }

    /**
     * @param failure what the attempt threw
     * @param retriesDone retries already made
     * @return null to retry; otherwise why not, for the log
     */
    String refusal(Exception failure, int retriesDone) {
        if (!(failure instanceof StageException se) || !se.isTransient()) {
            return "the error is not marked transient (only transient failures, such as a timeout, "
                    + "an HTTP 503 or a lost connection, are retried)";
        }
        if (retriesDone >= maxRetries) {
            return "gave up after " + maxRetries + (maxRetries == 1 ? " retry" : " retries")
                    + " (max_retries in [error_handling])";
        }
        return null;
    }

    /**
     * @param retriesDone retries already made (0 before the first)
     * @return the wait before the next attempt
     */
    long delayMillis(int retriesDone) {
        double base = delaySeconds * 1000.0 * Math.pow(2, retriesDone);
        return (long) (base + ThreadLocalRandom.current().nextDouble() * base * 0.1);
    }
}
