package io.conveyor.plugin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.ConfigException;
import io.conveyor.api.RowBatcher;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.StageException;
import io.conveyor.testkit.RecordingStageContext;
import io.conveyor.testkit.TestStageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpSinkFactoryTest {
    private final HttpSinkFactory factory = new HttpSinkFactory();
    private RecordingStageContext ctx = new RecordingStageContext();
    @RegisterExtension
    final TestServer server = TestServer.start();

    private TestStageConfig config(Object... kv) {
        return TestStageConfig.of(factory.descriptor(), kv);
    }

    private static Map<String, Object> row(Object... kv) {
        return TestServer.map(kv);
    }

    private static List<Map<String, Object>> people(int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(row("id", (long) i, "name", "p" + i));
        }
        return rows;
    }

    /** Writes the rows as two input batches (the sink must batch across them), then commits. */
    private void send(TestStageConfig c, List<Map<String, Object>> rows) throws Exception {
        factory.validate(c);
        try (SinkWriter w = factory.open(c, ctx)) {
            int half = rows.size() / 2;
            w.write(RowBatcher.toBatch(rows.subList(0, half)));
            w.write(RowBatcher.toBatch(rows.subList(half, rows.size())));
            w.commit();
        }
    }

    @Test
    void jsonSendsOneArrayPerRequestOfBatchSize() throws Exception {
        server.on("/in", TestServer.json(201, "{\"ok\":true}"));
        send(config("url", server.url("/in"), "batch_size", 2L, "method", "PUT", "headers", row("X-Key", "k1")), people(5));
        assertEquals(List.of(
                "[{\"id\":1,\"name\":\"p1\"},{\"id\":2,\"name\":\"p2\"}]",
                "[{\"id\":3,\"name\":\"p3\"},{\"id\":4,\"name\":\"p4\"}]",
                "[{\"id\":5,\"name\":\"p5\"}]"), server.requests.stream().map(TestServer.Request::body).toList());
        TestServer.Request first = server.requests.get(0);
        assertEquals("PUT", first.method());
        assertEquals("k1", first.header("X-Key"));
        assertEquals("application/json", first.header("Content-Type"));
        assertTrue(ctx.logs().contains("INFO sent 5 records in 3 request(s) to PUT " + server.url("/in")), ctx.logs().toString());
        assertTrue(ctx.bytesWritten() > 0);
    }

    @Test
    void jsonLinesSendsOneRecordPerLine() throws Exception {
        server.on("/in", TestServer.json(200, ""));
        send(config("url", server.url("/in"), "format", "jsonl"), List.of(row("a", 1L, "n", row("x", List.of(1L))), row("a", 2L)));
        assertEquals("{\"a\":1,\"n\":{\"x\":[1]}}\n{\"a\":2}\n", server.requests.get(0).body());
        assertEquals("application/x-ndjson", server.requests.get(0).header("Content-Type"));
    }

    @Test
    void aColumnThatWidensFromLongToDoubleKeepsSendingWholeNumbersWhole() throws Exception {
        server.on("/in", TestServer.json(200, ""));
        // The first batch's n is long, the second's double (a fraction arrived): 3 stays 3, as a
        // copy of the input would have it; x, doubles from the start, keeps 1.0.
        send(config("url", server.url("/in"), "format", "jsonl"), List.of(row("n", 1L, "x", 1.0), row("n", 2L, "x", 2.0),
                row("n", 3.0, "x", 3.0), row("n", 4.5, "x", 4.5)));
        assertEquals("{\"n\":1,\"x\":1.0}\n{\"n\":2,\"x\":2.0}\n{\"n\":3,\"x\":3.0}\n{\"n\":4.5,\"x\":4.5}\n",
                server.requests.get(0).body());
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndKeepsNullApartFromEmpty() throws Exception {
        server.on("/in", TestServer.json(200, ""));
        Map<String, Object> second = row("id", 2L, "text", "");
        second.put("note", null);
        send(config("url", server.url("/in"), "format", "csv"),
                List.of(row("id", 1L, "text", "a, \"b\"\nc", "note", "plain"), second));
        assertEquals("id,text,note\n1,\"a, \"\"b\"\"\nc\",plain\n2,\"\",\n", server.requests.get(0).body());
        assertEquals("text/csv; charset=UTF-8", server.requests.get(0).header("Content-Type"));
    }

    @Test
    void rawSendsTheRawColumn() throws Exception {
        server.on("/in", TestServer.json(200, ""));
        send(config("url", server.url("/in"), "format", "raw", "raw_column", "line", "batch_size", 1L),
                List.of(row("line", "first"), row("line", "second")));
        assertEquals(List.of("first\n", "second\n"), server.requests.stream().map(TestServer.Request::body).toList());
    }

    @Test
    void rawWithoutItsColumnFailsClearly() throws Exception {
        server.on("/in", TestServer.json(200, ""));
        StageException e = assertThrows(StageException.class,
                () -> send(config("url", server.url("/in"), "format", "raw"), List.of(row("x", 1L), row("x", 2L))));
        assertEquals("format 'raw' sends the column 'body', which the input does not have (columns: x); set raw_column",
                e.getMessage());
    }

    @Test
    void refusedRequestsGoToTheDeadLetterQueueAndTheRestIsSent() throws Exception {
        server.on("/in", ex -> {
            String body = server.requests.get(server.requests.size() - 1).body();
            if (body.contains("\"p3\"")) {
                TestServer.respond(ex, 422, "application/json", "{\"error\":\"p3 is not allowed\"}");
            } else {
                TestServer.respond(ex, 200, "application/json", "{}");
            }
        });
        send(config("url", server.url("/in"), "batch_size", 2L), people(6));
        assertEquals(3, server.requests.size());
        assertEquals(List.of(row("id", 3L, "name", "p3"), row("id", 4L, "name", "p4")),
                ctx.rejected().stream().map(RecordingStageContext.Rejected::record).toList());
        assertEquals("HTTP 422 Unprocessable Content from POST " + server.url("/in")
                + ": {\"error\":\"p3 is not allowed\"} (request of 2 records)", ctx.rejected().get(0).error());
        assertTrue(ctx.logs().contains("INFO sent 4 records in 3 request(s) to POST " + server.url("/in")
                + "; 2 records refused, see the dead-letter queue"), ctx.logs().toString());
    }

    @Test
    void exhaustedRetriesRejectTheRecordsOrFailTransientlyWithoutADeadLetterQueue() throws Exception {
        server.on("/in", ex -> TestServer.respond(ex, 503, "text/plain", "maintenance"));
        send(config("url", server.url("/in"), "max_retries", 1L, "retry_delay_ms", 5L), people(2));
        assertEquals(2, server.requests.size());
        assertEquals(2, ctx.rejected().size());
        assertEquals("HTTP 503 Service Unavailable from POST " + server.url("/in")
                + " (after 2 attempts): maintenance (request of 2 records)", ctx.rejected().get(1).error());

        ctx = RecordingStageContext.withoutDeadLetterQueue();
        StageException e = assertThrows(StageException.class,
                () -> send(config("url", server.url("/in"), "max_retries", 0L), people(2)));
        assertTrue(e.isTransient());
        assertEquals("HTTP 503 Service Unavailable from POST " + server.url("/in") + ": maintenance (request of 2 records);"
                + " the dead-letter queue is disabled, so the stage fails", e.getMessage());
    }

    @Test
    void postIsNotRetriedAfterATimeoutSinceTheServerMayHaveStoredIt() throws Exception {
        server.on("/slow", ex -> {
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestServer.respond(ex, 200, "application/json", "{}");
        });
        send(config("url", server.url("/slow"), "timeout", 1L, "max_retries", 2L, "retry_delay_ms", 1L), people(2));
        assertEquals(1, server.requests.size());
        assertEquals("No response within 1 s (option 'timeout') from POST " + server.url("/slow") + " (request of 2 records)",
                ctx.rejected().get(0).error());
    }

    @Test
    void abortDropsUnsentRecordsAndSendsNothing() throws Exception {
        server.on("/in", TestServer.json(200, ""));
        TestStageConfig c = config("url", server.url("/in"), "batch_size", 10L);
        try (SinkWriter w = factory.open(c, ctx)) {
            w.write(RowBatcher.toBatch(people(3)));
            w.abort();
        }
        assertEquals(0, server.requests.size());
        assertTrue(ctx.logs().contains("WARN 3 records not sent: the run failed before their request was full"));
    }

    @Test
    void secretHeaderNeverLogged() throws Exception {
        String secret = "Key-abc123XYZ";
        server.on("/in", ex -> TestServer.respond(ex, 403, "text/plain", "key " + ex.getRequestHeaders().getFirst("X-Api-Key")
                + " is revoked"));
        send(config("url", server.url("/in"), "headers", row("X-Api-Key", secret), "max_retries", 0L).withSecrets(secret),
                people(1));
        assertEquals("HTTP 403 Forbidden from POST " + server.url("/in") + ": key *** is revoked (request of 1 records)",
                ctx.rejected().get(0).error());
        ctx.logs().forEach(l -> assertFalse(l.contains(secret), l));
    }

    @Test
    void validateRejectsGetAndMisplacedOptions() {
        assertThrows(IllegalArgumentException.class, () -> config("url", "http://h/x", "method", "GET"),
                "GET is not an allowed sink method");
        ConfigException e = assertThrows(ConfigException.class,
                () -> factory.validate(config("url", "http://h/x", "raw_column", "b")));
        assertEquals("raw_column", e.problem().key());
        assertEquals("applies to format = \"raw\" only (format is 'json')", e.problem().message());
        e = assertThrows(ConfigException.class, () -> factory.validate(config("url", "http://h/x", "batch_size", 0L)));
        assertEquals("must be at least 1, got 0", e.problem().message());
        assertEquals("POST", factory.descriptor().option("method").defaultValue());
    }
}
