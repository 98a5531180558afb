package io.conveyor.plugin.http;

import io.conveyor.api.ConfigException;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.api.output.WholeNumbers;
import io.conveyor.plugin.http.client.CallFailure;
import io.conveyor.plugin.http.client.HttpCaller;
import io.conveyor.plugin.http.client.OpenResponse;
import io.conveyor.plugin.http.client.RequestSpec;
import io.conveyor.plugin.http.format.BodyFormat;
import io.conveyor.plugin.http.format.BodyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The running HTTP sink: collects {@code batch_size} records, sends them as one request, and
 * puts the records of a request that failed for good into the dead-letter queue. Requests
 * are sent as the records arrive; {@link #commit()} sends the last, partial one. A request
 * that was sent cannot be taken back, so {@link #abort()} only drops records not yet sent.
 */
final class HttpSink implements SinkWriter {
    private final StageConfig config;
    private final StageContext context;
    private final HttpCaller caller;
    private final BodyWriter writer;
    private final String method;
    private final String url;
    private final String displayUrl;
    private final Map<String, String> headers;
    private final int batchSize;
    private final List<Map<String, Object>> pending = new ArrayList<>();
    /** A column that widened from long to double goes on sending whole numbers as such (5, not 5.0). */
    private final WholeNumbers wholeNumbers = new WholeNumbers();
    private long requests;
    private long sent;
    private long rejected;

    HttpSink(StageConfig c, StageContext context) throws ConfigException {
        this.config = c;
        this.context = context;
        BodyFormat format = BodyFormat.of(c.getString(HttpOptions.FORMAT));
        this.writer = new BodyWriter(format, c.getString(HttpSinkFactory.RAW_COLUMN));
        this.method = c.getString(HttpOptions.METHOD);
        this.url = c.getString(HttpOptions.URL);
        this.displayUrl = HttpOptions.displayUrl(c, url);
        this.headers = HttpOptions.headers(c);
        this.batchSize = (int) c.getLong(HttpOptions.BATCH_SIZE);
        this.caller = HttpOptions.caller(c, context, 2);
    }

    @Override
    public void write(RecordBatch batch) throws Exception {
        boolean[] whole = wholeNumbers.wholeDoubles(batch);
        for (int i = 0; i < batch.rowCount(); i++) {
            pending.add(WholeNumbers.row(batch, i, whole));
            if (pending.size() >= batchSize) {
                flush();
            }
        }
    }

    private void flush() throws StageException {
        if (pending.isEmpty()) {
            return;
        }
        byte[] body;
        try {
            body = writer.encode(pending);
        } catch (IllegalArgumentException e) {
            throw new StageException(config.mask(e.getMessage()));
        }
        RequestSpec spec = new RequestSpec(method, url, displayUrl, headers, body, writer.format().contentType());
        requests++;
        try (OpenResponse response = caller.send(spec)) {
            context.addBytesWritten(body.length);
            sent += pending.size();
            drain(response);
        } catch (CallFailure f) {
            rejectPending(f);
        } catch (IOException e) {
            context.log().debug(config.mask("closing the response of " + spec.describe() + ": " + e.getMessage()));
        } finally {
            // Sent or refused, these records are settled, even when refusing them fails the stage:
            // abort() must not report them as "not sent".
            pending.clear();
        }
    }

    /** Reads the (ignored) response body so the pooled connection can be reused. */
    private static void drain(OpenResponse response) throws IOException {
        try (InputStream in = response.body()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private void rejectPending(CallFailure f) throws StageException {
        String error = f.getMessage() + " (request of " + pending.size() + " records)";
        for (Map<String, Object> rec : pending) {
            try {
                context.reject(rec, error);
            } catch (StageException dlqDisabled) {
                throw new StageException(error + "; the dead-letter queue is disabled, so the stage fails", null,
                        f.isTransient());
            }
            rejected++;
        }
    }

    @Override
    public void commit() throws Exception {
        flush();
        context.log().info(config.mask("sent " + sent + " records in " + requests + " request(s) to " + method + " "
                + displayUrl + (rejected > 0 ? "; " + rejected + " records refused, see the dead-letter queue" : "")));
    }

    @Override
    public void abort() {
        if (!pending.isEmpty()) {
            context.log().warn(pending.size() + " records not sent: the run failed before their request was full");
        }
        pending.clear();
    }

    @Override
    public void close() throws Exception {
        caller.close();
    }
}
