package io.conveyor.plugin.http.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a request again and how long to wait: exponential backoff from a base delay
 * with "equal jitter" (half the delay fixed, half random, so that many stages failing
 * together do not retry in lock step), unless the server said when with {@code Retry-After}.
 *
 * @param maxRetries retries after the first attempt
 * @param baseDelayMillis the delay before the first retry, doubled for each further one
 */
public record RetryPolicy(int maxRetries, long baseDelayMillis) {
    /** No retry delay grows beyond this, however many retries are configured. */
    static final long MAX_BACKOFF_MILLIS = 60_000;

    /** @param status an HTTP status
     *  @return true for 429 and 5xx, the statuses a later attempt may get past */
    public static boolean isRetryableStatus(int status) {
        return status == 429 || status >= 500;
    }

    /**
     * @param retry 1 for the first retry
     * @return the backoff before that retry, with jitter
     */
    public long backoffMillis(int retry) {
        long full = baseDelayMillis << Math.min(retry - 1, 20);
        full = Math.min(Math.max(full, 0), MAX_BACKOFF_MILLIS);
        long half = full / 2;
        return half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0);
    }

    /**
     * Reads a {@code Retry-After} header: delay seconds or an HTTP date.
     *
     * @param value the header value, or null
     * @param now the current time
     * @return the delay it asks for (never negative), or -1 if absent or unreadable
     */
    public static long retryAfterMillis(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String v = value.trim();
        try {
            return Math.max(0, Long.parseLong(v)) * 1000;
        } catch (NumberFormatException e) {
            // not seconds: try the HTTP-date form
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.max(0, Duration.between(now, at).toMillis());
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
