package io.conveyor.engine.internal.config;

import java.nio.file.Path;

/** The {@code [error_handling]} table after compilation. */
public final class ErrorHandling {
    /** What the executor does when a stage fails. */
    public enum Strategy { STOP, CONTINUE, RETRY }

    private final Strategy strategy;
    private final int maxRetries;
    private final double retryDelaySeconds;
    private final Path deadLetterPath;

    /**
     * @param strategy the strategy
     * @param maxRetries retries for {@code retry}
     * @param retryDelaySeconds base delay between retries
     * @param deadLetterPath where rejected records go, or null when the queue is disabled
     */
    public ErrorHandling(Strategy strategy, int maxRetries, double retryDelaySeconds, Path deadLetterPath) {
        this.strategy = strategy;
        this.maxRetries = maxRetries;
        this.retryDelaySeconds = retryDelaySeconds;
        this.deadLetterPath = deadLetterPath;
    }

    /** @return the defaults: stop, 3 retries, 5 s, no dead-letter queue */
    public static ErrorHandling defaults() {
        return new ErrorHandling(Strategy.STOP, 3, 5, null);
    }

    public Strategy strategy() {
        return strategy;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public double retryDelaySeconds() {
        return retryDelaySeconds;
    }

    /** @return the dead-letter file, or null when disabled */
    public Path deadLetterPath() {
        return deadLetterPath;
    }
}
