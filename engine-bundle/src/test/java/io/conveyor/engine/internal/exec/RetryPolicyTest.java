package io.conveyor.engine.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.StageException;
import io.conveyor.engine.internal.config.ErrorHandling.Strategy;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Backoff with jitter, and why a failure is not retried. */
class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(Strategy.RETRY, 3, 2.0);

    @Test
    void delayDoublesEachRetryWithUpToTenPercentJitter() {
        Set<Long> seen = new HashSet<>();
        for (int n = 0; n < 200; n++) {
            for (int retry = 0; retry < 3; retry++) {
                long base = 2000L << retry;
                long d = policy.delayMillis(retry);
                assertTrue(d >= base && d <= base + base / 10, "retry " + retry + ": " + d);
                if (retry == 0) {
                    seen.add(d);
                }
            }
        }
        assertTrue(seen.size() > 10, "jitter spreads the delays: " + seen);
    }

    @Test
    void onlyTransientFailuresWithinMaxRetriesAreRetried() {
        StageException busy = StageException.transientFailure("HTTP 503", null);
        assertNull(policy.refusal(busy, 0));
        assertNull(policy.refusal(busy, 2));
        assertEquals("gave up after 3 retries (max_retries in [error_handling])", policy.refusal(busy, 3));
        assertTrue(policy.refusal(new StageException("no such table"), 0).startsWith("the error is not marked transient"));
        assertTrue(policy.refusal(new IllegalStateException("bug"), 0).startsWith("the error is not marked transient"));
        assertTrue(policy.retries());
        assertTrue(!new RetryPolicy(Strategy.RETRY, 0, 1).retries());
        assertTrue(!new RetryPolicy(Strategy.CONTINUE, 3, 1).retries());
    }
}
