package io.conveyor.plugin.http;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RowBatcher;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.plugin.http.client.CallFailure;
import io.conveyor.plugin.http.client.HttpCaller;
import io.conveyor.plugin.http.client.OpenResponse;
import io.conveyor.plugin.http.client.RequestSpec;
import io.conveyor.plugin.http.format.BodyFormat;
import io.conveyor.plugin.http.format.BodyFormatException;
import io.conveyor.plugin.http.format.FieldPath;
import io.conveyor.plugin.http.format.RecordReader;
import io.conveyor.plugin.http.paging.Pager;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.core5.net.URIBuilder;

/**
 * The running HTTP source: requests one page at a time and parses it as it arrives, handing
 * out batches of {@code batch_size} records. At most one page's connection is open, and at
 * most one batch of records is held.
 */
final class HttpSource implements BatchStream {
    private final StageConfig config;
    private final StageContext context;
    private final HttpCaller caller;
    private final Pager pager;
    private final BodyFormat format;
    private final FieldPath recordsPath;
    private final FieldPath nextUrlPath;
    private final String method;
    private final Map<String, String> headers;
    private final String body;
    private final RowBatcher batcher;
    private final String url;
    private final long timeoutSeconds;

    private String pageUrl;
    private OpenResponse response;
    private RecordReader reader;
    private long pageRecords;
    private long total;
    private boolean finished;

    HttpSource(StageConfig c, StageContext context) throws ConfigException {
        this.config = c;
        this.context = context;
        this.format = BodyFormat.of(c.getString(HttpOptions.FORMAT));
        this.recordsPath = HttpSourceFactory.path(c, HttpSourceFactory.RECORDS_PATH);
        this.nextUrlPath = c.has(HttpSourceFactory.NEXT_URL_FIELD)
                ? HttpSourceFactory.path(c, HttpSourceFactory.NEXT_URL_FIELD) : null;
        this.method = c.getString(HttpOptions.METHOD);
        this.headers = HttpOptions.headers(c);
        this.body = c.getString(HttpOptions.BODY, null);
        this.batcher = new RowBatcher((int) c.getLong(HttpOptions.BATCH_SIZE));
        this.url = c.getString(HttpOptions.URL);
        this.timeoutSeconds = c.getLong(HttpOptions.TIMEOUT);
        Pager.Style style = Pager.Style.of(c.getString(HttpSourceFactory.PAGINATION));
        boolean offset = style == Pager.Style.OFFSET;
        this.pager = new Pager(style, baseUrl(c),
                c.getString(offset ? HttpSourceFactory.OFFSET_PARAM : HttpSourceFactory.PAGE_PARAM),
                c.getLong(offset ? HttpSourceFactory.OFFSET_START : HttpSourceFactory.PAGE_START),
                c.getLong(HttpSourceFactory.MAX_PAGES, 0),
                c.has(HttpSourceFactory.PAGE_SIZE) ? c.getString(HttpSourceFactory.PAGE_SIZE_PARAM) : null,
                c.getLong(HttpSourceFactory.PAGE_SIZE, 0));
        this.caller = HttpOptions.caller(c, context, 2);
    }

    private static String baseUrl(StageConfig c) throws ConfigException {
        Map<String, Object> query = c.getTable(HttpSourceFactory.QUERY);
        String url = c.getString(HttpOptions.URL);
        if (query.isEmpty()) {
            return url;
        }
        try {
            URIBuilder b = new URIBuilder(url);
            query.forEach((k, v) -> b.addParameter(k, String.valueOf(v)));
            return b.build().toString();
        } catch (URISyntaxException e) {
            throw c.error(HttpOptions.URL, c.mask("'" + url + "' is not a valid URL: " + e.getReason()));
        }
    }

    @Override
    public RecordBatch next() throws Exception {
        if (finished) {
            return null;
        }
        while (true) {
            if (context.isCancelled()) {
                throw new StageException("run cancelled while reading " + describe());
            }
            if (pageUrl == null) {
                openPage(pager.first());
            }
            Map<String, Object> rec;
            try {
                rec = reader.next();
            } catch (BodyFormatException e) {
                if (!e.isRecoverable()) {
                    throw new StageException(config.mask("Cannot read the response of " + describe() + " as "
                            + format.name().toLowerCase(Locale.ROOT) + ": " + e.getMessage()));
                }
                Map<String, Object> bad = new LinkedHashMap<>();
                bad.put("raw", e.rawText());
                context.reject(bad, config.mask(e.getMessage() + " (response of " + describe() + ")"));
                continue;
            } catch (SocketTimeoutException e) {
                throw StageException.transientFailure(config.mask("The response of " + describe() + " stalled for more than "
                        + timeoutSeconds + " s (option 'timeout') after " + pageRecords + " records"), null);
            } catch (IOException e) {
                throw StageException.transientFailure(config.mask("Reading the response of " + describe() + " failed after "
                        + pageRecords + " records: " + e.getMessage()), null);
            }
            if (rec == null) {
                String next = nextPageUrl();
                if (next == null) {
                    return finish();
                }
                openPage(next);
                continue;
            }
            pageRecords++;
            total++;
            RecordBatch b = batcher.add(rec);
            if (b != null) {
                return b;
            }
        }
    }

    /** Ends the current page and asks the pager for the next one. */
    private String nextPageUrl() throws StageException {
        String current = pageUrl;
        List<String> links = response.headers("Link");
        String bodyNext = reader.nextUrl();
        closePage();
        try {
            return pager.next(current, pageRecords, links, bodyNext);
        } catch (IllegalStateException e) {
            throw new StageException(config.mask("Pagination of " + method + " " + HttpOptions.displayUrl(config, current)
                    + " failed: " + e.getMessage()));
        }
    }

    private RecordBatch finish() {
        finished = true;
        context.log().info(config.mask("read " + total + " records in " + pager.pages() + " page(s) from "
                + method + " " + HttpOptions.displayUrl(config, url)));
        if (pager.cappedByMaxPages()) {
            context.log().warn("stopped at max_pages = " + pager.pages() + " although the server has more pages");
            context.report("pages_left_unread", true);
        }
        context.report("pages", pager.pages());
        return batcher.finish();
    }

    private void openPage(String target) throws StageException, IOException {
        pageUrl = target;
        pageRecords = 0;
        RequestSpec spec = new RequestSpec(method, target, HttpOptions.displayUrl(config, target), headers,
                HttpOptions.utf8(body), HttpOptions.guessContentType(body));
        try {
            response = caller.send(spec);
        } catch (CallFailure f) {
            throw new StageException(f.getMessage(), null, f.isTransient());
        }
        InputStream counted = new CountingStream(response.body(), context);
        reader = format.reader(new BufferedReader(new InputStreamReader(counted, response.charset()), 64 * 1024),
                recordsPath, nextUrlPath);
    }

    private String describe() {
        return method + " " + HttpOptions.displayUrl(config, pageUrl == null ? url : pageUrl);
    }

    private void closePage() {
        try {
            // the response first: closing the reader first would drain what is left of the body
            if (response != null) {
                response.close();
            }
            if (reader != null) {
                reader.close();
            }
        } catch (IOException e) {
            context.log().debug(config.mask("closing the response of " + describe() + ": " + e.getMessage()));
        }
        reader = null;
        response = null;
    }

    @Override
    public void close() throws Exception {
        closePage();
        caller.close();
    }

    /** Counts the bytes of a body into the stage's counters as they are read. */
    private static final class CountingStream extends FilterInputStream {
        private final StageContext context;

        CountingStream(InputStream in, StageContext context) {
            super(in);
            this.context = context;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                context.addBytesRead(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                context.addBytesRead(n);
            }
            return n;
        }
    }
}
