package io.conveyor.plugin.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        assertEquals(2000, RetryPolicy.retryAfterMillis(" 2 ", now));
        assertEquals(90_000, RetryPolicy.retryAfterMillis("Wed, 25 Nov 2026 12:01:30 GMT", now));
        assertEquals(0, RetryPolicy.retryAfterMillis("Wed, 25 Nov 2026 11:00:00 GMT", now));
        assertEquals(-1, RetryPolicy.retryAfterMillis("soon", now));
        assertEquals(-1, RetryPolicy.retryAfterMillis(null, now));
    }

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        RetryPolicy p = new RetryPolicy(5, 100);
        for (int i = 0; i < 50; i++) {
            long first = p.backoffMillis(1);
            long third = p.backoffMillis(3);
            assertTrue(first >= 50 && first <= 100, "first " + first);
            assertTrue(third >= 200 && third <= 400, "third " + third);
            assertTrue(p.backoffMillis(30) <= RetryPolicy.MAX_BACKOFF_MILLIS);
        }
    }

    @Test
    void only429And5xxAreRetryable() {
        assertTrue(RetryPolicy.isRetryableStatus(429));
        assertTrue(RetryPolicy.isRetryableStatus(503));
        assertTrue(!RetryPolicy.isRetryableStatus(404) && !RetryPolicy.isRetryableStatus(400));
    }
}
