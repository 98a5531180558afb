package io.conveyor.plugin.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * A successful response whose body has not been read yet, so that a large body can be
 * parsed as it arrives. The caller must close it.
 */
public final class OpenResponse implements AutoCloseable {
    private final CloseableHttpResponse response;
    private final RequestSpec request;

    OpenResponse(CloseableHttpResponse response, RequestSpec request) {
        this.response = response;
        this.request = request;
    }

    /** @return the status code */
    public int status() {
        return response.getCode();
    }

    /** @return the request that gave this response */
    public RequestSpec request() {
        return request;
    }

    /** @param name a header name
     *  @return every value of that header, in order */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        for (Header h : response.getHeaders(name)) {
            out.add(h.getValue());
        }
        return out;
    }

    /** @return the body as it arrives (empty when there is none) */
    public InputStream body() throws IOException {
        HttpEntity e = response.getEntity();
        return e == null ? InputStream.nullInputStream() : e.getContent();
    }

    /** @return the charset the response declares, UTF-8 when it declares none */
    public Charset charset() {
        HttpEntity e = response.getEntity();
        if (e == null || e.getContentType() == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            Charset c = ContentType.parse(e.getContentType()).getCharset();
            return c == null ? StandardCharsets.UTF_8 : c;
        } catch (RuntimeException unknownCharset) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public void close() throws IOException {
        response.close();
    }
}
