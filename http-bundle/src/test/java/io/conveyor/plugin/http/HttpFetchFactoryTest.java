package io.conveyor.plugin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RowBatcher;
import io.conveyor.api.StageException;
import io.conveyor.testkit.RecordingStageContext;
import io.conveyor.testkit.TestStageConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpFetchFactoryTest {
    private final HttpFetchFactory factory = new HttpFetchFactory();
    private final RecordingStageContext ctx = new RecordingStageContext();
    @RegisterExtension
    final TestServer server = TestServer.start();

    private TestStageConfig config(Object... kv) {
        return TestStageConfig.of(factory.descriptor(), kv);
    }

    private static Map<String, Object> row(Object... kv) {
        return TestServer.map(kv);
    }

    private static BatchStream input(List<Map<String, Object>> rows) {
        Iterator<RecordBatch> it = List.of(RowBatcher.toBatch(rows)).iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    private List<RecordBatch> run(TestStageConfig c, List<Map<String, Object>> rows) throws Exception {
        factory.validate(c);
        List<RecordBatch> out = new ArrayList<>();
        try (BatchStream s = factory.open(c, List.of(input(rows)), ctx)) {
            for (RecordBatch b; (b = s.next()) != null; ) {
                out.add(b);
            }
        }
        return out;
    }

    @Test
    void urlPlaceholdersAreUrlEncodedAndTheResponseLandsInTheResultColumn() throws Exception {
        server.on("/users/", ex -> TestServer.respond(ex, 200, "application/json",
                "{\"path\":\"" + ex.getRequestURI().getRawPath().replace("\"", "") + "\"}"));
        RecordBatch out = run(config("url", server.url("/users/{id}?q={q}")),
                List.of(row("id", "a b/c", "q", "x&y=z?"), row("id", 42L, "q", "ü"))).get(0);
        assertEquals(List.of("/users/42?q=%C3%BC", "/users/a%20b%2Fc?q=x%26y%3Dz%3F"),
                server.requests.stream().map(TestServer.Request::pathAndQuery).sorted().toList());
        assertEquals(DataType.JSON, out.schema().field(2).type());
        assertEquals("response", out.schema().field(2).name());
        assertEquals(row("path", "/users/a%20b%2Fc"), out.column("response").get(0));
        assertEquals("a b/c", out.column("id").get(0));
    }

    @Test
    void bodyPlaceholdersAreJsonEscapedNeverHtmlEscaped() throws Exception {
        server.on("/echo", ex -> TestServer.respond(ex, 200, "text/plain", "ok"));
        RecordBatch out = run(config("url", server.url("/echo"), "method", "POST", "format", "raw",
                        "body", "{\"name\": \"{name}\", \"n\": {n}}", "result_column", "echo"),
                List.of(row("name", "He said \"hi\"\n<b>&amp;</b> \\ done", "n", 3L))).get(0);
        assertEquals("{\"name\": \"He said \\\"hi\\\"\\n<b>&amp;</b> \\\\ done\", \"n\": 3}", server.requests.get(0).body());
        assertEquals("application/json", server.requests.get(0).header("Content-Type"));
        assertEquals(DataType.STRING, out.column("echo").type());
        assertEquals("ok", out.column("echo").get(0));
    }

    @Test
    void concurrencyIsBoundedAndOrderIsKept() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        server.on("/slow/", ex -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            String id = ex.getRequestURI().getPath().substring("/slow/".length());
            TestServer.respond(ex, 200, "application/json", "{\"id\":" + id + "}");
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long i = 0; i < 12; i++) {
            rows.add(row("id", i));
        }
        RecordBatch out = run(config("url", server.url("/slow/{id}"), "concurrency", 3L), rows).get(0);
        assertTrue(maxInFlight.get() <= 3, "max in flight " + maxInFlight.get());
        assertTrue(maxInFlight.get() >= 2, "requests should overlap, max in flight " + maxInFlight.get());
        for (int i = 0; i < 12; i++) {
            assertEquals(row("id", (long) i), out.column("response").get(i));
        }
    }

    @Test
    void missingOrNullFieldSendsTheRecordToTheDeadLetterQueue() throws Exception {
        server.on("/u/", TestServer.json(200, "{\"ok\":1}"));
        Map<String, Object> nullId = row("id", null, "name", "b");
        RecordBatch out = run(config("url", server.url("/u/{id}")),
                List.of(row("id", 1L, "name", "a"), nullId, row("id", 3L, "name", "c"))).get(0);
        assertEquals(2, server.requests.size());
        assertNull(out.column("response").get(1));
        assertEquals(row("ok", 1L), out.column("response").get(2));
        assertEquals(1, ctx.rejected().size());
        assertEquals("placeholder {id}: field 'id' is null in this record", ctx.rejected().get(0).error());

        ctx.clearRejected();
        run(config("url", server.url("/u/{user_id}")), List.of(row("id", 1L, "name", "a")));
        assertEquals("placeholder {user_id}: the record has no field 'user_id' (fields: id, name)",
                ctx.rejected().get(0).error());
    }

    @Test
    void failedRequestIsDeadLetteredOrFailsTheStageAsConfigured() throws Exception {
        server.on("/item/", ex -> {
            if (ex.getRequestURI().getPath().endsWith("/2")) {
                TestServer.respond(ex, 404, "application/json", "{\"error\":\"no such item\"}");
            } else {
                TestServer.respond(ex, 200, "application/json", "[1,2]");
            }
        });
        List<Map<String, Object>> rows = List.of(row("id", 1L), row("id", 2L), row("id", 3L));
        RecordBatch out = run(config("url", server.url("/item/{id}")), rows).get(0);
        assertEquals(List.of(1L, 2L), out.column("response").get(0));
        assertNull(out.column("response").get(1));
        assertEquals(row("id", 2L), ctx.rejected().get(0).record());
        assertEquals("HTTP 404 Not Found from GET " + server.url("/item/2") + ": {\"error\":\"no such item\"}",
                ctx.rejected().get(0).error());

        StageException e = assertThrows(StageException.class,
                () -> run(config("url", server.url("/item/{id}"), "on_record_error", "fail"), rows));
        assertEquals("HTTP 404 Not Found from GET " + server.url("/item/2") + ": {\"error\":\"no such item\"}"
                + " (on_record_error = \"fail\")", e.getMessage());
    }

    @Test
    void secretInUrlIsMaskedInDeadLetterAndLogs() throws Exception {
        String secret = "abcdef123456";
        server.on("/s/", TestServer.json(500, "{\"error\":\"bad key " + secret + "\"}"));
        run(config("url", server.url("/s/{id}?key=" + secret), "max_retries", 1L, "retry_delay_ms", 1L)
                .withSecrets(secret), List.of(row("id", 1L)));
        assertEquals("HTTP 500 Internal Server Error from GET " + server.url("/s/1?key=***")
                + " (after 2 attempts): {\"error\":\"bad key ***\"}", ctx.rejected().get(0).error());
        ctx.logs().forEach(l -> assertTrue(!l.contains(secret), l));
    }

    @Test
    void noContentIsANullResultNotAnError() throws Exception {
        server.on("/del/", ex -> TestServer.respond(ex, 204, null, ""));
        RecordBatch out = run(config("url", server.url("/del/{id}"), "method", "DELETE"), List.of(row("id", 1L))).get(0);
        assertNull(out.column("response").get(0));
        assertEquals("DELETE", server.requests.get(0).method());
        assertTrue(ctx.rejected().isEmpty());
    }

    @Test
    void resultColumnReplacesAnExistingColumn() throws Exception {
        server.on("/r", ex -> TestServer.respond(ex, 200, "text/csv", "a,b\n1,2\n"));
        RecordBatch out = run(config("url", server.url("/r"), "format", "csv", "result_column", "data"),
                List.of(row("data", "old", "k", 1L))).get(0);
        assertEquals(List.of("data", "k"), out.schema().names());
        assertEquals(List.of(row("a", "1", "b", "2")), out.column("data").get(0));
    }

    @Test
    void validateChecksTemplatesAtCompileTime() {
        assertProblem("url", "placeholder '{id' at column 16 is not closed; write {field}", config("url", "http://h/users/{id"));
        assertProblem("url", "'{' at column 16 does not start a placeholder; a placeholder is a field name in braces, such as {id}",
                config("url", "http://h/users/{ id}"));
        assertProblem("url", "'}' at column 16 closes no placeholder", config("url", "http://h/users/}"));
        assertProblem("url", "'mailto:{id}' must start with http:// or https:// (scheme is 'mailto')",
                config("url", "mailto:{id}"));
        assertProblem("body", "placeholder '{name' at column 10 is not closed; write {field}",
                config("url", "http://h/x", "method", "POST", "body", "{\"name\": {name"));
        assertProblem("concurrency", "must be at most 256, got 1000", config("url", "http://h/{id}", "concurrency", 1000L));
    }

    private void assertProblem(String key, String message, TestStageConfig c) {
        ConfigException e = assertThrows(ConfigException.class, () -> factory.validate(c));
        assertEquals(key, e.problem().key());
        assertEquals(message, e.problem().message());
    }
}
