package io.conveyor.plugin.http;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.plugin.http.client.CallFailure;
import io.conveyor.plugin.http.client.HttpCaller;
import io.conveyor.plugin.http.client.OpenResponse;
import io.conveyor.plugin.http.client.RequestSpec;
import io.conveyor.plugin.http.format.BodyFormat;
import io.conveyor.plugin.http.format.BodyFormatException;
import io.conveyor.plugin.http.template.Template;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running fetch transform: for each input batch, sends one request per record on a pool
 * of {@code concurrency} threads (so never more requests in flight), waits for all of them,
 * and returns the batch with the parsed responses in {@code result_column}, rows in input order.
 */
final class FetchStream implements BatchStream {
    private final BatchStream input;
    private final StageConfig config;
    private final StageContext context;
    private final HttpCaller caller;
    private final ExecutorService pool;
    private final Template url;
    private final Template body;
    private final String method;
    private final Map<String, String> headers;
    private final BodyFormat format;
    private final String resultColumn;
    private final boolean failOnError;

    /** What one record's request gave: a value, or an error (with whether it was transient). */
    private record Outcome(Object value, String error, boolean transientError) {
    }

    FetchStream(BatchStream input, StageConfig c, StageContext context) throws ConfigException {
        this.input = input;
        this.config = c;
        this.context = context;
        this.url = HttpFetchFactory.template(c, HttpOptions.URL, Template.Escaping.URL);
        this.body = HttpFetchFactory.template(c, HttpOptions.BODY, Template.Escaping.JSON);
        this.method = c.getString(HttpOptions.METHOD);
        this.headers = HttpOptions.headers(c);
        this.format = BodyFormat.of(c.getString(HttpOptions.FORMAT));
        this.resultColumn = c.getString(HttpFetchFactory.RESULT_COLUMN);
        this.failOnError = HttpFetchFactory.FAIL.equals(c.getString(HttpFetchFactory.ON_RECORD_ERROR));
        int concurrency = (int) c.getLong(HttpFetchFactory.CONCURRENCY);
        this.caller = HttpOptions.caller(c, context, concurrency);
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "conveyor-http-fetch-" + context.stageId() + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public RecordBatch next() throws Exception {
        RecordBatch in = input.next();
        if (in == null) {
            return null;
        }
        List<Map<String, Object>> rows = in.rows();
        List<Future<Outcome>> futures = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            futures.add(pool.submit(() -> fetch(row)));
        }
        Object[] results = new Object[rows.size()];
        try {
            for (int i = 0; i < rows.size(); i++) {
                Outcome o = await(futures.get(i));
                if (o.error() == null) {
                    results[i] = o.value();
                } else if (failOnError) {
                    throw new StageException(o.error() + " (on_record_error = \"fail\")", null, o.transientError());
                } else {
                    context.reject(rows.get(i), o.error());
                }
            }
        } finally {
            for (Future<Outcome> f : futures) {
                f.cancel(true);
            }
        }
        return withResults(in, results);
    }

    private Outcome await(Future<Outcome> f) throws StageException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            // fetch() turns every expected failure into an Outcome; this is a bug, reported without its stack
            throw new StageException(config.mask("fetch failed unexpectedly: " + e.getCause()), null, false);
        }
    }

    private Outcome fetch(Map<String, Object> row) {
        String target;
        String payload;
        try {
            target = url.render(row);
            payload = body == null ? null : body.render(row);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, config.mask(e.getMessage()), false);
        }
        RequestSpec spec = new RequestSpec(method, target, HttpOptions.displayUrl(config, target), headers,
                HttpOptions.utf8(payload), HttpOptions.guessContentType(payload));
        try (OpenResponse response = caller.send(spec)) {
            Object value = format.readWhole(new BufferedReader(new InputStreamReader(response.body(), response.charset())));
            return new Outcome(value, null, false);
        } catch (CallFailure f) {
            return new Outcome(null, f.getMessage(), f.isTransient());
        } catch (BodyFormatException e) {
            return new Outcome(null, config.mask("Cannot read the response of " + spec.describe() + ": " + e.getMessage()), false);
        } catch (IOException e) {
            return new Outcome(null, config.mask("Reading the response of " + spec.describe() + " failed: " + e.getMessage()), true);
        }
    }

    private RecordBatch withResults(RecordBatch in, Object[] results) {
        DataType type = format == BodyFormat.RAW ? DataType.STRING : DataType.JSON;
        ColumnBuilder cb = new ColumnBuilder(type, results.length);
        for (Object r : results) {
            cb.append(r);
        }
        List<Field> fields = new ArrayList<>(in.schema().fields());
        List<Column> columns = new ArrayList<>(in.columns());
        int existing = in.schema().indexOf(resultColumn);
        Field field = new Field(resultColumn, type);
        if (existing >= 0) {
            fields.set(existing, field);
            columns.set(existing, cb.build());
        } else {
            fields.add(field);
            columns.add(cb.build());
        }
        return new RecordBatch(new Schema(fields), columns, in.rowCount());
    }

    @Override
    public void close() throws Exception {
        pool.shutdownNow();
        try {
            caller.close();
        } finally {
            input.close();
        }
    }
}
