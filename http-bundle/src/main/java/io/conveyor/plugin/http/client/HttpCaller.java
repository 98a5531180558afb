package io.conveyor.plugin.http.client;

import io.conveyor.api.StageLogger;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends a stage's requests through one pooled client, retrying connect errors, 429 and 5xx
 * with backoff (honouring {@code Retry-After}), and turning every failure into a
 * {@link CallFailure} whose message says what, from where and what the server answered,
 * with secrets masked. One instance per stage instance; {@link #close()} closes the pool.
 *
 * <p>An I/O failure after the request may have reached the server (a read timeout, a reset
 * connection) is retried only for idempotent methods: retrying a POST could create a
 * record twice.
 */
public final class HttpCaller implements Closeable {
    /** Characters of a refused response's body quoted in the error message. */
    static final int EXCERPT_CHARS = 200;
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
    private static final long SLEEP_SLICE_MILLIS = 50;
    private static final Pattern CONNECT_FAILED = Pattern.compile("Connect to \\S+ failed: (.+)", Pattern.DOTALL);

    private final CloseableHttpClient client;
    private final RetryPolicy retry;
    private final int timeoutSeconds;
    private final UnaryOperator<String> mask;
    private final StageLogger log;
    private final BooleanSupplier cancelled;

    /**
     * @param timeoutSeconds connect timeout, and the longest wait for any read of a response
     * @param maxConnections the pool size (at least the number of concurrent requests)
     * @param retry the retry policy
     * @param mask masks secrets in any text built here
     * @param log the stage's logger
     * @param cancelled true once the run is being cancelled: retry waits stop early
     */
    public HttpCaller(int timeoutSeconds, int maxConnections, RetryPolicy retry, UnaryOperator<String> mask,
                      StageLogger log, BooleanSupplier cancelled) {
        this.retry = retry;
        this.timeoutSeconds = timeoutSeconds;
        this.mask = mask;
        this.log = log;
        this.cancelled = cancelled;
        Timeout timeout = Timeout.ofSeconds(timeoutSeconds);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout).setResponseTimeout(timeout).build())
                .disableAutomaticRetries()
                .build();
    }

    /**
     * Sends a request until it succeeds or the retries are spent.
     *
     * @param spec the request
     * @return the open 2xx response; the caller reads and closes it
     * @throws CallFailure if it failed for good, with a masked message
     */
    public OpenResponse send(RequestSpec spec) throws CallFailure {
        int attempts = retry.maxRetries() + 1;
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            CloseableHttpResponse response;
            ClassicHttpRequest request;
            try {
                request = build(spec);
            } catch (IllegalArgumentException e) {
                throw new CallFailure(mask.apply("Cannot build the request " + spec.describe() + ": " + e.getMessage()),
                        0, false);
            }
            try {
                response = client.execute(request);
            } catch (IOException e) {
                boolean mayRetry = !(e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException))
                        && (notSent(e) || IDEMPOTENT.contains(spec.method()));
                String what = describeIoFailure(e, spec);
                if (mayRetry && attempt < attempts) {
                    waitBeforeRetry(what, attempt, attempts, retry.backoffMillis(attempt));
                    continue;
                }
                throw new CallFailure(what + afterAttempts(attempt), 0, true);
            }
            int status = response.getCode();
            if (log.isDebugEnabled()) {
                log.debug(mask.apply(spec.describe() + " -> " + status + " ("
                        + (System.nanoTime() - started) / 1_000_000 + " ms)"));
            }
            if (status >= 200 && status < 300) {
                return new OpenResponse(response, spec);
            }
            String refusal = statusLine(status, response.getReasonPhrase()) + " from " + spec.describe();
            String excerpt = excerptAndClose(response);
            boolean retryable = RetryPolicy.isRetryableStatus(status);
            if (retryable && attempt < attempts) {
                long delay = RetryPolicy.retryAfterMillis(headerValue(response, "Retry-After"), Instant.now());
                waitBeforeRetry(refusal, attempt, attempts, delay >= 0 ? delay : retry.backoffMillis(attempt));
                continue;
            }
            String message = refusal + (retryable ? afterAttempts(attempt) : "") + (excerpt.isEmpty() ? "" : ": " + excerpt);
            throw new CallFailure(mask.apply(message), status, retryable);
        }
    }

    private static boolean notSent(IOException e) {
        return e instanceof ConnectException || e instanceof HttpHostConnectException
                || e instanceof ConnectTimeoutException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException;
    }

    private String describeIoFailure(IOException e, RequestSpec spec) {
        String what;
        if (e instanceof ConnectTimeoutException) {
            what = "Cannot connect within " + timeoutSeconds + " s for " + spec.describe();
        } else if (e instanceof SocketTimeoutException) {
            what = "No response within " + timeoutSeconds + " s (option 'timeout') from " + spec.describe();
        } else if (e instanceof UnknownHostException) {
            what = "Unknown host in " + spec.describe();
        } else if (notSent(e)) {
            what = "Cannot connect for " + spec.describe() + ": " + rootMessage(e);
        } else {
            what = "I/O error on " + spec.describe() + ": " + rootMessage(e);
        }
        return mask.apply(what);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        // HttpClient words connect failures "Connect to URL failed: reason"; the URL is already in our message
        Matcher connect = CONNECT_FAILED.matcher(m);
        return connect.matches() ? connect.group(1) : m;
    }

    private static String afterAttempts(int attempt) {
        return attempt > 1 ? " (after " + attempt + " attempts)" : "";
    }

    /** @return e.g. {@code HTTP 404 Not Found}, the reason from the standard when the server sent none */
    static String statusLine(int status, String reason) {
        String r = reason == null || reason.isBlank()
                ? EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ROOT) : reason;
        return "HTTP " + status + (r == null ? "" : " " + r);
    }

    private static String headerValue(CloseableHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    /** Reads the start of a refused response's body for the message, and releases the connection. */
    private static String excerptAndClose(CloseableHttpResponse response) {
        try (response) {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return "";
            }
            byte[] head;
            boolean more;
            try (InputStream in = entity.getContent()) {
                head = in.readNBytes(EXCERPT_CHARS * 4);
                more = in.read() >= 0;
            }
            String text = new String(head, StandardCharsets.UTF_8).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
            if (text.length() > EXCERPT_CHARS) {
                text = text.substring(0, EXCERPT_CHARS);
                more = true;
            }
            return more ? text + "..." : text;
        } catch (IOException e) {
            return "(body unreadable: " + rootMessage(e) + ")";
        }
    }

    private void waitBeforeRetry(String failure, int attempt, int attempts, long delayMillis) throws CallFailure {
        log.warn(mask.apply(failure) + "; retry " + attempt + " of " + (attempts - 1) + " in "
                + String.format(Locale.ROOT, "%.1f", delayMillis / 1000.0) + " s");
        long until = System.nanoTime() + delayMillis * 1_000_000;
        try {
            for (long left = delayMillis; left > 0; left = (until - System.nanoTime()) / 1_000_000) {
                if (cancelled.getAsBoolean()) {
                    throw new CallFailure(mask.apply(failure) + "; run cancelled while waiting to retry", 0, false);
                }
                Thread.sleep(Math.min(left, SLEEP_SLICE_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailure(mask.apply(failure) + "; interrupted while waiting to retry", 0, false);
        }
    }

    private static ClassicHttpRequest build(RequestSpec spec) {
        ClassicRequestBuilder b = ClassicRequestBuilder.create(spec.method()).setUri(spec.url());
        boolean hasContentType = false;
        for (Map.Entry<String, String> h : spec.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Type")) {
                hasContentType = true;
            }
            b.addHeader(h.getKey(), h.getValue());
        }
        if (spec.body() != null) {
            ContentType type = hasContentType || spec.contentType() == null ? null : ContentType.parse(spec.contentType());
            b.setEntity(new ByteArrayEntity(spec.body(), type));
        }
        return b.build();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
