package io.conveyor.it.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageStatus;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The http source inside the real runtime: pipelines naming {@code plugins = ["http"]} are
 * compiled and run in this JVM on Felix with the real http bundle, reading from a loopback
 * server into the built-in file sinks. Covers every response format, request headers, query
 * and body, the three pagination styles, timeouts, {@code Retry-After}, refused requests and
 * malformed bodies, each checked through the run result and the files written.
 */
class HttpSourceThroughFelixTest extends ThroughFelixTest {

    /** @return pipeline {@code api_to_file}: the http source with these config lines into {@code out.file} */
    private static String sourceInto(String sinkType, String sourceConfig) {
        return HttpPipelineTexts.sourceInto(sinkType, "out.file", sourceConfig);
    }

    private String out() throws Exception {
        return Files.readString(dir.resolve("out.file"));
    }

    private static void assertSucceeded(RunResult result) {
        assertEquals(RunStatus.SUCCEEDED, result.status(), result::toString);
    }

    private static String failure(RunResult result) {
        assertEquals(RunStatus.FAILED, result.status(), result::toString);
        assertEquals(StageStatus.FAILED, result.stage("api").status(), result::toString);
        return result.stage("api").error();
    }

    @Test
    void jsonAtRecordsPathWithHeadersAndQueryAsConfigured() throws Exception {
        server.on("/users", LoopbackServer.json(200,
                "{\"meta\":{\"n\":2},\"data\":{\"items\":[{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bob\"}]}}"));

        RunResult result = felix.run(dir, sourceInto("sink.json", """
                url = "%s"
                records_path = "data.items"
                [stages.config.headers]
                X-Trace = "t-42"
                [stages.config.query]
                region = "eu west"
                active = "true"
                """.formatted(server.url("/users"))));

        assertSucceeded(result);
        assertEquals("[{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bob\"}]\n", out());
        assertEquals(2, result.stage("api").recordsOut());
        LoopbackServer.Request r = server.requests.get(0);
        assertEquals("GET", r.method());
        assertEquals("/users?region=eu%20west&active=true", r.pathAndQuery());
        assertEquals("t-42", r.header("X-Trace"));
    }

    @Test
    void jsonLinesPostedWithABody() throws Exception {
        server.on("/search", LoopbackServer.answer(200, "application/x-ndjson",
                "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":2}\n"));

        RunResult result = felix.run(dir, sourceInto("sink.csv", """
                url = "%s"
                method = "POST"
                format = "jsonl"
                body = '{"q":"x"}'
                """.formatted(server.url("/search"))));

        assertSucceeded(result);
        assertEquals("id,n\na,1\nb,2\n", out());
        LoopbackServer.Request r = server.requests.get(0);
        assertEquals("POST", r.method());
        assertEquals("{\"q\":\"x\"}", r.body());
        assertEquals("application/json", r.header("Content-Type"));
    }

    @Test
    void csvResponseKeepsQuotingAndNulls() throws Exception {
        server.on("/export", LoopbackServer.answer(200, "text/csv",
                "id,text,note\n1,\"a, \"\"b\"\"\",plain\n2,\"\",\n"));

        RunResult result = felix.run(dir, sourceInto("sink.json", """
                url = "%s"
                format = "csv"
                """.formatted(server.url("/export"))));

        assertSucceeded(result);
        assertEquals("[{\"id\":\"1\",\"text\":\"a, \\\"b\\\"\",\"note\":\"plain\"},"
                + "{\"id\":\"2\",\"text\":\"\",\"note\":null}]\n", out());
    }

    @Test
    void rawResponseIsOneRecordWithABodyColumn() throws Exception {
        server.on("/motd", LoopbackServer.answer(200, "text/plain", "hello\nworld"));

        RunResult result = felix.run(dir, sourceInto("sink.json", """
                url = "%s"
                format = "raw"
                """.formatted(server.url("/motd"))));

        assertSucceeded(result);
        assertEquals("[{\"body\":\"hello\\nworld\"}]\n", out());
    }

    @Test
    void linkHeaderPaginationFollowsRelNext() throws Exception {
        server.on("/p", ex -> {
            String q = ex.getRequestURI().getQuery();
            int page = q == null ? 1 : Integer.parseInt(q.substring("page=".length()));
            if (page < 3) {
                ex.getResponseHeaders().add("Link", "<" + server.url("/p?page=" + (page + 1)) + ">; rel=\"next\"");
            }
            LoopbackServer.respond(ex, 200, "application/json", "[{\"page\":" + page + "}]");
        });

        RunResult result = felix.run(dir, sourceInto("sink.csv", """
                url = "%s"
                pagination = "link_header"
                """.formatted(server.url("/p"))));

        assertSucceeded(result);
        assertEquals("page\n1\n2\n3\n", out());
        assertEquals(List.of("/p", "/p?page=2", "/p?page=3"), paths());
    }

    @Test
    void nextUrlPaginationReadsTheFieldUntilNull() throws Exception {
        server.on("/a", LoopbackServer.json(200, "{\"items\":[{\"v\":1},{\"v\":2}],\"links\":{\"next\":\"/b\"}}"));
        server.on("/b", LoopbackServer.json(200, "{\"items\":[{\"v\":3}],\"links\":{\"next\":null}}"));

        RunResult result = felix.run(dir, sourceInto("sink.csv", """
                url = "%s"
                records_path = "items"
                pagination = "next_url"
                next_url_field = "links.next"
                """.formatted(server.url("/a"))));

        assertSucceeded(result);
        assertEquals("v\n1\n2\n3\n", out());
        assertEquals(List.of("/a", "/b"), paths());
    }

    @Test
    void pagePaginationCountsUpUntilAnEmptyPage() throws Exception {
        server.on("/items", ex -> {
            String q = ex.getRequestURI().getQuery();
            String body = q.startsWith("page=0") ? "[{\"id\":1},{\"id\":2}]" : q.startsWith("page=1") ? "[{\"id\":3}]" : "[]";
            LoopbackServer.respond(ex, 200, "application/json", body);
        });

        RunResult result = felix.run(dir, sourceInto("sink.csv", """
                url = "%s"
                pagination = "page"
                page_start = 0
                page_size = 2
                page_size_param = "per_page"
                """.formatted(server.url("/items"))));

        assertSucceeded(result);
        assertEquals("id\n1\n2\n3\n", out());
        assertEquals(List.of("/items?page=0&per_page=2", "/items?page=1&per_page=2", "/items?page=2&per_page=2"),
                paths());
    }

    @Test
    void aSlowServerTripsTheTimeout() throws Exception {
        server.on("/slow", ex -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LoopbackServer.respond(ex, 200, "application/json", "[]");
        });

        long started = System.nanoTime();
        RunResult result = felix.run(dir, sourceInto("sink.csv", """
                url = "%s"
                timeout = 1
                max_retries = 1
                retry_delay_ms = 10
                """.formatted(server.url("/slow"))));

        assertEquals("No response within 1 s (option 'timeout') from GET " + server.url("/slow") + " (after 2 attempts)",
                failure(result));
        assertEquals(2, server.requests.size(), "a timed-out GET is retried");
        assertTrue((System.nanoTime() - started) / 1_000_000 < 4_500, "the timeout fired, not the server");
        assertTrue(Files.notExists(dir.resolve("out.file")), "a failed run leaves no output file");
    }

    @Test
    void retryAfterDecidesTheWaitBeforeTheRetry() throws Exception {
        server.on("/busy", ex -> {
            if (server.requests.size() == 1) {
                ex.getResponseHeaders().add("Retry-After", "1");
                LoopbackServer.respond(ex, 429, "text/plain", "slow down");
            } else {
                LoopbackServer.respond(ex, 200, "application/json", "[{\"ok\":true}]");
            }
        });

        RunResult result = felix.run(dir, sourceInto("sink.csv", """
                url = "%s"
                max_retries = 2
                retry_delay_ms = 20000
                """.formatted(server.url("/busy"))));

        assertSucceeded(result);
        assertEquals("ok\ntrue\n", out());
        assertEquals(2, server.requests.size());
        long waitedMillis = (server.requests.get(1).atNanos() - server.requests.get(0).atNanos()) / 1_000_000;
        assertTrue(waitedMillis >= 950 && waitedMillis < 5_000,
                "Retry-After: 1 wins over retry_delay_ms = 20000; waited " + waitedMillis + " ms");
        assertTrue(felix.log().messages(io.conveyor.engine.internal.log.LogLevel.WARN).stream().anyMatch(l -> l.contains(
                "HTTP 429 Too Many Requests from GET " + server.url("/busy") + "; retry 1 of 2 in 1.0 s")),
                () -> String.join("\n", felix.log().lines()));
    }

    @Test
    void notFoundFailsTheRunWithStatusUrlAndBodyExcerpt() throws Exception {
        server.on("/missing", LoopbackServer.json(404, "{\"error\":\"no such collection\"}"));

        RunResult result = felix.run(dir, sourceInto("sink.csv", """
                url = "%s"
                retry_delay_ms = 10
                """.formatted(server.url("/missing"))));

        assertEquals("HTTP 404 Not Found from GET " + server.url("/missing") + ": {\"error\":\"no such collection\"}",
                failure(result));
        assertEquals(1, server.requests.size(), "a 404 is not retried");
        assertEquals(StageStatus.SKIPPED, result.stage("out").status(), result::toString);
    }

    @Test
    void serverErrorThatOutlastsTheRetriesSaysHowManyAttempts() throws Exception {
        server.on("/down", LoopbackServer.answer(500, "text/plain", "database unavailable"));

        RunResult result = felix.run(dir, sourceInto("sink.csv", """
                url = "%s"
                max_retries = 2
                retry_delay_ms = 10
                """.formatted(server.url("/down"))));

        assertEquals("HTTP 500 Internal Server Error from GET " + server.url("/down")
                + " (after 3 attempts): database unavailable", failure(result));
        assertEquals(3, server.requests.size());
    }

    @Test
    void malformedJsonSaysWhereItBroke() throws Exception {
        server.on("/bad", LoopbackServer.json(200, "[{\"id\":1},\n{\"id\": oops}]"));

        RunResult result = felix.run(dir, sourceInto("sink.csv", """
                url = "%s"
                """.formatted(server.url("/bad"))));

        String error = failure(result);
        assertTrue(error.startsWith("Cannot read the response of GET " + server.url("/bad")
                + " as json: malformed JSON at line 2, column "), error);
    }

    private List<String> paths() {
        return server.requests.stream().map(LoopbackServer.Request::pathAndQuery).toList();
    }
}
