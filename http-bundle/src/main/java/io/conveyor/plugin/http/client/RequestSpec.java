package io.conveyor.plugin.http.client;

import java.util.Map;

/**
 * One HTTP request as the stages describe it, before any retry.
 *
 * @param method the HTTP method, upper case
 * @param url the absolute URL, query included
 * @param displayUrl the URL as it may appear in logs and errors (secrets masked)
 * @param headers header name to value, in the order to send them
 * @param body the body, or null for none
 * @param contentType the body's content type when the headers do not set one, or null
 */
public record RequestSpec(String method, String url, String displayUrl, Map<String, String> headers, byte[] body,
                          String contentType) {

    /** @return {@code METHOD displayUrl}, the way every message names a request */
    public String describe() {
        return method + " " + displayUrl;
    }
}
