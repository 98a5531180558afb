package io.conveyor.plugin.http;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.plugin.http.client.HttpCaller;
import io.conveyor.plugin.http.client.RetryPolicy;
import io.conveyor.plugin.http.format.BodyFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The options the three HTTP stages share (declarations and the checks the declarations
 * cannot express), and what is built from them: headers, the client, masked URLs.
 */
final class HttpOptions {
    static final String URL = "url";
    static final String METHOD = "method";
    static final String FORMAT = "format";
    static final String TIMEOUT = "timeout";
    static final String HEADERS = "headers";
    static final String BODY = "body";
    static final String MAX_RETRIES = "max_retries";
    static final String RETRY_DELAY_MS = "retry_delay_ms";
    static final String BATCH_SIZE = "batch_size";

    static final OptionSpec TIMEOUT_SPEC = OptionSpec.integer(TIMEOUT).defaultValue(30L)
            .describe("Seconds to wait for a connection and for each read of the response");
    static final OptionSpec HEADERS_SPEC = OptionSpec.table(HEADERS)
            .describe("Request headers, name = value (e.g. Authorization = \"Bearer ${API_TOKEN}\")");
    static final OptionSpec MAX_RETRIES_SPEC = OptionSpec.integer(MAX_RETRIES).defaultValue(3L)
            .describe("Retries of a request after a connect error, 429 or 5xx (other 4xx fail at once)");
    static final OptionSpec RETRY_DELAY_SPEC = OptionSpec.integer(RETRY_DELAY_MS).defaultValue(1000L)
            .describe("Delay before the first retry in milliseconds, doubled for each further one, with jitter;"
                    + " a Retry-After header takes precedence");

    private static final int MAX_RETRY_LIMIT = 20;
    /** An RFC 9110 token. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private HttpOptions() {
    }

    /** @param methods the allowed methods, the first being the default
     *  @return the {@code method} option */
    static OptionSpec method(String... methods) {
        return OptionSpec.string(METHOD).defaultValue(methods[0]).allowed(methods)
                .describe("HTTP method");
    }

    /** @param description what the format applies to
     *  @return the {@code format} option, default json */
    static OptionSpec format(String description) {
        return OptionSpec.string(FORMAT).defaultValue("json").allowed(BodyFormat.IDS).describe(description);
    }

    /** Checks timeout, retries, headers and (when not templated) the URL. */
    static void validateCommon(StageConfig c) throws ConfigException {
        atLeast(c, TIMEOUT, 1);
        atLeast(c, RETRY_DELAY_MS, 0);
        atLeast(c, MAX_RETRIES, 0);
        if (c.getLong(MAX_RETRIES) > MAX_RETRY_LIMIT) {
            throw c.error(MAX_RETRIES, "must be at most " + MAX_RETRY_LIMIT + ", got " + c.getLong(MAX_RETRIES));
        }
        headers(c);
    }

    /** @throws ConfigException if the integer option is below {@code min} */
    static void atLeast(StageConfig c, String key, long min) throws ConfigException {
        if (c.get(key) != null && c.getLong(key) < min) {
            throw c.error(key, "must be at least " + min + ", got " + c.getLong(key));
        }
    }

    /**
     * @param c the config
     * @param key the option holding the URL
     * @param url the URL (placeholders already replaced by sample text)
     * @throws ConfigException if it is not an absolute http or https URL with a host
     */
    static void checkUrl(StageConfig c, String key, String url) throws ConfigException {
        checkUrl(c, key, url, url);
    }

    /**
     * @param c the config
     * @param key the option holding the URL
     * @param url the URL to check (a template's placeholders replaced by sample text)
     * @param shown the URL as the user wrote it, for the message
     * @throws ConfigException if it is not an absolute http or https URL with a host
     */
    static void checkUrl(StageConfig c, String key, String url, String shown) throws ConfigException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw c.error(key, c.mask("'" + shown + "' is not a valid URL: " + e.getReason()
                    + (url.equals(shown) ? " at index " + e.getIndex() : "")
                    + "; percent-encode spaces and special characters"));
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw c.error(key, c.mask("'" + shown + "' must start with http:// or https://"
                    + (scheme == null ? "" : " (scheme is '" + scheme + "')")));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw c.error(key, c.mask("'" + shown + "' has no host"));
        }
    }

    /**
     * @return the configured headers as text; numbers and booleans are written as text
     * @throws ConfigException if a header value is a table or an array
     */
    static Map<String, String> headers(StageConfig c) throws ConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : c.getTable(HEADERS).entrySet()) {
            Object v = e.getValue();
            if (!HEADER_NAME.matcher(e.getKey()).matches()) {
                throw c.error(HEADERS + "." + e.getKey(), "is not a valid header name: use letters, digits and"
                        + " - _ . ! # $ % & ' * + ^ ` | ~ only");
            }
            if (v == null || v instanceof Map || v instanceof List) {
                throw c.error(HEADERS + "." + e.getKey(), "a header value must be a string, number or boolean");
            }
            if (v.toString().indexOf('\n') >= 0 || v.toString().indexOf('\r') >= 0) {
                throw c.error(HEADERS + "." + e.getKey(), "a header value cannot contain a line break");
            }
            out.put(e.getKey(), v.toString());
        }
        return out;
    }

    /**
     * @param c the config
     * @param context the stage context
     * @param maxConnections the pool size
     * @return the stage's one client, closed with the stage
     */
    static HttpCaller caller(StageConfig c, StageContext context, int maxConnections) throws ConfigException {
        RetryPolicy retry = new RetryPolicy((int) c.getLong(MAX_RETRIES), c.getLong(RETRY_DELAY_MS));
        return new HttpCaller((int) c.getLong(TIMEOUT), maxConnections, retry, c::mask, context.log(),
                context::isCancelled);
    }

    /**
     * The URL as messages show it: masked, and masked again in decoded form when a secret
     * appears there only percent-encoded (a token passed through {@code query}).
     */
    static String displayUrl(StageConfig c, String url) {
        String masked = c.mask(url);
        try {
            String decoded = URLDecoder.decode(url, StandardCharsets.UTF_8);
            String maskedDecoded = c.mask(decoded);
            return maskedDecoded.equals(decoded) ? masked : maskedDecoded;
        } catch (IllegalArgumentException notDecodable) {
            return masked;
        }
    }

    /** @return the text as UTF-8, or null */
    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the content type to send a configured body with when the headers set none */
    static String guessContentType(String body) {
        String t = body == null ? "" : body.stripLeading();
        return t.startsWith("{") || t.startsWith("[") ? "application/json" : "text/plain; charset=UTF-8";
    }
}
