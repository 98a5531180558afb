package io.conveyor.plugin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageException;
import io.conveyor.testkit.RecordingStageContext;
import io.conveyor.testkit.TestStageConfig;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpSourceFactoryTest {
    private final HttpSourceFactory factory = new HttpSourceFactory();
    private final RecordingStageContext ctx = new RecordingStageContext();
    @RegisterExtension
    final TestServer server = TestServer.start();

    private TestStageConfig config(Object... kv) {
        return TestStageConfig.of(factory.descriptor(), kv);
    }

    private List<RecordBatch> readAll(TestStageConfig c) throws Exception {
        factory.validate(c);
        List<RecordBatch> out = new ArrayList<>();
        try (BatchStream s = factory.open(c, ctx)) {
            for (RecordBatch b; (b = s.next()) != null; ) {
                out.add(b);
            }
        }
        return out;
    }

    private List<Map<String, Object>> rows(TestStageConfig c) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RecordBatch b : readAll(c)) {
            out.addAll(b.rows());
        }
        return out;
    }

    private static Map<String, Object> map(Object... kv) {
        return TestServer.map(kv);
    }

    @Test
    void jsonArrayGivesOneRecordPerElementAndSendsHeadersAndQuery() throws Exception {
        server.on("/users", TestServer.json(200, "[{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bob\",\"tags\":[\"x\"]}]"));
        List<Map<String, Object>> rows = rows(config("url", server.url("/users?fixed=1"),
                "headers", map("Accept", "application/json", "X-Trace", "t-1"),
                "query", map("q", "a b&c", "n", 5L)));
        assertEquals(2, rows.size());
        assertEquals(1L, rows.get(0).get("id"));
        assertEquals("Bob", rows.get(1).get("name"));
        assertEquals(List.of("x"), rows.get(1).get("tags"));
        assertNull(rows.get(0).get("tags"));
        TestServer.Request r = server.requests.get(0);
        assertEquals("GET", r.method());
        assertEquals("t-1", r.header("X-Trace"));
        assertEquals("application/json", r.header("Accept"));
        String query = URLDecoder.decode(r.pathAndQuery().substring(r.pathAndQuery().indexOf('?') + 1), StandardCharsets.UTF_8);
        assertTrue(query.contains("fixed=1") && query.contains("q=a b&c") && query.contains("n=5"), query);
        assertTrue(ctx.bytesRead() > 40);
    }

    @Test
    void jsonObjectGivesOneRecord() throws Exception {
        server.on("/one", TestServer.json(200, "{\"id\":7,\"nested\":{\"a\":1}}"));
        List<Map<String, Object>> rows = rows(config("url", server.url("/one")));
        assertEquals(List.of(map("id", 7L, "nested", map("a", 1L))), rows);
    }

    @Test
    void recordsPathPicksTheNestedArrayWhereverItIs() throws Exception {
        server.on("/wrapped", TestServer.json(200,
                "{\"meta\":{\"skip\":[1,2,{\"a\":3}]},\"data\":{\"count\":2,\"items\":[{\"id\":1},{\"id\":2}],\"more\":false}}"));
        List<Map<String, Object>> rows = rows(config("url", server.url("/wrapped"), "records_path", "data.items"));
        assertEquals(List.of(map("id", 1L), map("id", 2L)), rows);
    }

    @Test
    void missingRecordsPathIsAnError() throws Exception {
        server.on("/wrapped", TestServer.json(200, "{\"data\":{\"rows\":[]}}"));
        StageException e = assertThrows(StageException.class,
                () -> readAll(config("url", server.url("/wrapped"), "records_path", "data.items")));
        assertEquals("Cannot read the response of GET " + server.url("/wrapped")
                + " as json: records_path 'data.items' is not in the body", e.getMessage());
    }

    @Test
    void jsonLinesRejectsOnlyTheBadLine() throws Exception {
        server.on("/lines", ex -> TestServer.respond(ex, 200, "application/x-ndjson",
                "{\"id\":1}\n\n{\"id\": oops}\n{\"id\":3}\n"));
        List<Map<String, Object>> rows = rows(config("url", server.url("/lines"), "format", "jsonl"));
        assertEquals(List.of(map("id", 1L), map("id", 3L)), rows);
        assertEquals(1, ctx.rejected().size());
        assertEquals("{\"id\": oops}", ctx.rejected().get(0).record().get("raw"));
        assertTrue(ctx.rejected().get(0).error().startsWith("malformed JSON on line 3, column "), ctx.rejected().get(0).error());
    }

    @Test
    void csvHandlesQuotesDoubledQuotesAndEmbeddedNewlines() throws Exception {
        server.on("/csv", ex -> TestServer.respond(ex, 200, "text/csv",
                "id,name,note\r\n1,\"Smith, Ann\",\"said \"\"hi\"\"\nthen left\"\r\n2,,\"\"\n"));
        List<Map<String, Object>> rows = rows(config("url", server.url("/csv"), "format", "csv"));
        assertEquals(2, rows.size());
        assertEquals(map("id", "1", "name", "Smith, Ann", "note", "said \"hi\"\nthen left"), rows.get(0));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("id", "2");
        second.put("name", null);
        second.put("note", "");
        assertEquals(second, rows.get(1));
    }

    @Test
    void csvRowWithWrongFieldCountGoesToTheDeadLetterQueue() throws Exception {
        server.on("/csv", ex -> TestServer.respond(ex, 200, "text/csv", "a,b\n1,2\n3\n4,5\n"));
        List<Map<String, Object>> rows = rows(config("url", server.url("/csv"), "format", "csv"));
        assertEquals(2, rows.size());
        assertEquals("malformed CSV: line 3 has 1 fields, the header has 2 (response of GET " + server.url("/csv") + ")",
                ctx.rejected().get(0).error());
        assertEquals("3", ctx.rejected().get(0).record().get("raw"));
    }

    @Test
    void rawGivesOneRecordWithTheBodyAndPostSendsTheBody() throws Exception {
        server.on("/echo", ex -> TestServer.respond(ex, 200, "text/plain", "hello\nworld"));
        List<Map<String, Object>> rows = rows(config("url", server.url("/echo"), "format", "raw", "method", "POST",
                "body", "{\"q\":\"x\"}"));
        assertEquals(List.of(map("body", "hello\nworld")), rows);
        assertEquals("POST", server.requests.get(0).method());
        assertEquals("{\"q\":\"x\"}", server.requests.get(0).body());
        assertEquals("application/json", server.requests.get(0).header("Content-Type"));
    }

    @Test
    void followsTheLinkHeader() throws Exception {
        server.on("/p", ex -> {
            String q = ex.getRequestURI().getQuery();
            int page = q == null ? 1 : Integer.parseInt(q.substring(q.indexOf('=') + 1));
            if (page < 3) {
                ex.getResponseHeaders().add("Link", "</p?page=" + (page + 1) + ">; rel=\"next\", </p?page=3>; rel=\"last\"");
            }
            TestServer.respond(ex, 200, "application/json", "[{\"page\":" + page + "}]");
        });
        List<Map<String, Object>> rows = rows(config("url", server.url("/p"), "pagination", "link_header"));
        assertEquals(List.of(map("page", 1L), map("page", 2L), map("page", 3L)), rows);
        assertEquals(3, server.requests.size());
        assertEquals(3L, ctx.reports().get("pages"));
    }

    @Test
    void followsTheNextUrlFieldAndStopsAtMaxPages() throws Exception {
        AtomicInteger served = new AtomicInteger();
        server.on("/n", ex -> {
            int page = served.incrementAndGet();
            // the next link comes after the records: the reader must remember it while streaming
            TestServer.respond(ex, 200, "application/json", "{\"items\":[{\"i\":" + page + "}],\"links\":{\"next\":"
                    + (page < 5 ? "\"/n?after=" + page + "\"" : "null") + "}}");
        });
        TestStageConfig all = config("url", server.url("/n"), "pagination", "next_url", "next_url_field", "links.next",
                "records_path", "items");
        assertEquals(5, rows(all).size());
        assertEquals("/n?after=4", server.requests.get(4).pathAndQuery());

        served.set(0);
        server.requests.clear();
        TestStageConfig capped = config("url", server.url("/n"), "pagination", "next_url", "next_url_field", "links.next",
                "records_path", "items", "max_pages", 2L);
        assertEquals(List.of(map("i", 1L), map("i", 2L)), rows(capped));
        assertEquals(2, server.requests.size());
        assertTrue(ctx.logs().contains("WARN stopped at max_pages = 2 although the server has more pages"), ctx.logs().toString());
    }

    @Test
    void pageNumbersCountUpUntilAnEmptyPage() throws Exception {
        server.on("/pages", ex -> {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            int page = Integer.parseInt(q.get("p"));
            TestServer.respond(ex, 200, "application/json", page <= 3 ? "[{\"p\":" + page + "},{\"p\":" + page + "}]" : "[]");
        });
        List<Map<String, Object>> rows = rows(config("url", server.url("/pages"), "pagination", "page",
                "page_param", "p", "page_size", 2L, "page_size_param", "per_page"));
        assertEquals(6, rows.size());
        assertEquals(4, server.requests.size());
        assertEquals("/pages?p=1&per_page=2", server.requests.get(0).pathAndQuery());
        assertEquals("/pages?p=4&per_page=2", server.requests.get(3).pathAndQuery());
    }

    @Test
    void offsetAdvancesByTheRecordsReadAndHonoursMaxPages() throws Exception {
        server.on("/off", ex -> {
            int offset = Integer.parseInt(query(ex.getRequestURI().getRawQuery()).get("offset"));
            StringBuilder sb = new StringBuilder("[");
            for (int i = offset; i < Math.min(offset + 3, 7); i++) {
                sb.append(sb.length() > 1 ? "," : "").append("{\"n\":").append(i).append('}');
            }
            TestServer.respond(ex, 200, "application/json", sb.append(']').toString());
        });
        List<Map<String, Object>> rows = rows(config("url", server.url("/off"), "pagination", "offset"));
        assertEquals(7, rows.size());
        assertEquals(6L, rows.get(6).get("n"));
        assertEquals(List.of("/off?offset=0", "/off?offset=3", "/off?offset=6", "/off?offset=7"),
                server.requests.stream().map(TestServer.Request::pathAndQuery).toList());

        server.requests.clear();
        assertEquals(3, rows(config("url", server.url("/off"), "pagination", "offset", "max_pages", 1L)).size());
        assertEquals(1, server.requests.size());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : raw.split("&")) {
            m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return m;
    }

    @Test
    void timeoutFiresWhenTheServerIsSlowerThanTheTimeout() throws Exception {
        server.on("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestServer.respond(ex, 200, "application/json", "[]");
        });
        long start = System.nanoTime();
        StageException e = assertThrows(StageException.class,
                () -> readAll(config("url", server.url("/slow"), "timeout", 1L, "max_retries", 0L)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("No response within 1 s (option 'timeout') from GET " + server.url("/slow"), e.getMessage());
        assertTrue(e.isTransient());
        assertTrue(millis >= 900 && millis < 2900, "took " + millis + " ms");
    }

    @Test
    void connectionRefusedIsRetriedThenReported() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/x";
        StageException e = assertThrows(StageException.class,
                () -> readAll(config("url", url, "max_retries", 1L, "retry_delay_ms", 1L)));
        assertEquals("Cannot connect for GET " + url + ": Connection refused (after 2 attempts)", e.getMessage());
        assertTrue(e.isTransient());
        assertTrue(ctx.logs().stream().anyMatch(l -> l.startsWith("WARN Cannot connect for GET " + url
                + ": Connection refused; retry 1 of 1 in ")), ctx.logs().toString());
    }

    @Test
    void aBodyThatStallsLongerThanTheTimeoutFailsTransiently() throws Exception {
        server.on("/stall", ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("[{\"id\":1},".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        StageException e = assertThrows(StageException.class,
                () -> readAll(config("url", server.url("/stall"), "timeout", 1L)));
        assertEquals("The response of GET " + server.url("/stall") + " stalled for more than 1 s (option 'timeout')"
                + " after 1 records", e.getMessage());
        assertTrue(e.isTransient());
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.on("/limited", ex -> {
            if (calls.incrementAndGet() == 1) {
                ex.getResponseHeaders().add("Retry-After", "1");
                TestServer.respond(ex, 429, "text/plain", "slow down");
            } else {
                TestServer.respond(ex, 200, "application/json", "[{\"ok\":true}]");
            }
        });
        List<Map<String, Object>> rows = rows(config("url", server.url("/limited"), "retry_delay_ms", 10L));
        assertEquals(List.of(map("ok", true)), rows);
        assertEquals(2, server.requests.size());
        long waited = (server.requests.get(1).atNanos() - server.requests.get(0).atNanos()) / 1_000_000;
        assertTrue(waited >= 950, "waited only " + waited + " ms");
        assertTrue(ctx.logs().contains("WARN HTTP 429 Too Many Requests from GET " + server.url("/limited")
                + "; retry 1 of 3 in 1.0 s"), ctx.logs().toString());
    }

    @Test
    void notFoundFailsAtOnceWithStatusAndBody() throws Exception {
        server.on("/users", TestServer.json(404, "{\"error\":\"no such user\"}"));
        StageException e = assertThrows(StageException.class, () -> readAll(config("url", server.url("/users"))));
        assertEquals("HTTP 404 Not Found from GET " + server.url("/users") + ": {\"error\":\"no such user\"}", e.getMessage());
        assertFalse(e.isTransient());
        assertEquals(1, server.requests.size());
    }

    @Test
    void serverErrorIsRetriedThenReportedAsTransient() throws Exception {
        server.on("/broken", ex -> TestServer.respond(ex, 500, "text/plain", "database down\n" + "x".repeat(300)));
        StageException e = assertThrows(StageException.class,
                () -> readAll(config("url", server.url("/broken"), "max_retries", 2L, "retry_delay_ms", 10L)));
        assertEquals("HTTP 500 Internal Server Error from GET " + server.url("/broken") + " (after 3 attempts): database down "
                + "x".repeat(186) + "...", e.getMessage());
        assertTrue(e.isTransient());
        assertEquals(3, server.requests.size());
    }

    @Test
    void malformedJsonSaysWhereItBroke() throws Exception {
        server.on("/bad", TestServer.json(200, "[{\"id\":1},\n{\"id\":2,,}]"));
        StageException e = assertThrows(StageException.class, () -> readAll(config("url", server.url("/bad"))));
        assertTrue(e.getMessage().startsWith("Cannot read the response of GET " + server.url("/bad")
                + " as json: malformed JSON at line 2, column 9: Unexpected character (','"), e.getMessage());
    }

    @Test
    void secretsNeverAppearInLogsOrErrors() throws Exception {
        String secret = "tok-S3CR3T-value";
        server.on("/private", ex -> TestServer.respond(ex, 401, "text/plain",
                "bad credentials: " + ex.getRequestHeaders().getFirst("Authorization")));
        TestStageConfig c = config("url", server.url("/private?token=" + secret), "headers",
                map("Authorization", "Bearer " + secret), "query", map("key", secret)).withSecrets(secret);
        StageException e = assertThrows(StageException.class, () -> readAll(c));
        assertEquals("HTTP 401 Unauthorized from GET " + server.url("/private?token=***&key=***")
                + ": bad credentials: Bearer ***", e.getMessage());
        assertTrue(server.requests.get(0).pathAndQuery().contains(secret), "the server did get the token");
        assertFalse(ctx.logs().isEmpty());
        for (String line : ctx.logs()) {
            assertFalse(line.contains(secret), line);
        }
    }

    @Test
    void largeArrayStreamsInBatchesBeforeTheServerHasFinished() throws Exception {
        int total = 100_000;
        CountDownLatch firstBatchSeen = new CountDownLatch(1);
        AtomicBoolean serverFinished = new AtomicBoolean();
        server.on("/big", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write('[');
                for (int i = 0; i < total; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write(("{\"id\":" + i + ",\"name\":\"record number " + i + "\"}").getBytes(StandardCharsets.UTF_8));
                    if (i == 5000) {
                        out.flush();
                        // hold the rest back until the client has produced a batch
                        firstBatchSeen.await(20, TimeUnit.SECONDS);
                    }
                }
                out.write(']');
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            serverFinished.set(true);
        });
        TestStageConfig c = config("url", server.url("/big"));
        factory.validate(c);
        int batches = 0;
        long rows = 0;
        long lastId = -1;
        try (BatchStream s = factory.open(c, ctx)) {
            for (RecordBatch b; (b = s.next()) != null; ) {
                if (batches == 0) {
                    assertFalse(serverFinished.get(), "the first batch must arrive while the server is still writing");
                    firstBatchSeen.countDown();
                }
                batches++;
                rows += b.rowCount();
                assertEquals(1000, b.rowCount());
                lastId = (Long) b.column("id").get(b.rowCount() - 1);
            }
        }
        assertEquals(100, batches);
        assertEquals(total, rows);
        assertEquals(total - 1, lastId);
    }

    @Test
    void validateReportsBadOptionsByKey() {
        assertProblem("url", "'ftp://example.com/x' must start with http:// or https:// (scheme is 'ftp')",
                config("url", "ftp://example.com/x"));
        assertProblem("url", "'http://exa mple.com' is not a valid URL: Illegal character in authority at index 7;"
                + " percent-encode spaces and special characters", config("url", "http://exa mple.com"));
        assertProblem("records_path", "'data..items' has an empty field name at segment 2; write field names separated"
                + " by single dots, e.g. 'data.items'", config("url", "http://h/x", "records_path", "data..items"));
        assertProblem("pagination", "pagination = \"next_url\" needs next_url_field, the dotted path of the next page's"
                + " URL in the response (e.g. 'links.next')", config("url", "http://h/x", "pagination", "next_url"));
        assertProblem("pagination", "pagination = \"next_url\" needs records_path too: a body holding a next URL is an"
                + " object, and records_path says where its records are (e.g. 'data')",
                config("url", "http://h/x", "pagination", "next_url", "next_url_field", "next"));
        assertProblem("page_param", "applies to pagination = \"page\" only (pagination is 'offset')",
                config("url", "http://h/x", "pagination", "offset", "page_param", "p"));
        assertProblem("max_pages", "has no effect without pagination; set pagination or remove max_pages",
                config("url", "http://h/x", "max_pages", 3L));
        assertProblem("records_path", "applies to format = \"json\" only (format is 'csv')",
                config("url", "http://h/x", "format", "csv", "records_path", "a"));
        assertProblem("body", "a GET request sends no body; set method = \"POST\" (or PUT, PATCH)",
                config("url", "http://h/x", "body", "{}"));
        assertProblem("timeout", "must be at least 1, got 0", config("url", "http://h/x", "timeout", 0L));
        assertProblem("headers.X", "a header value must be a string, number or boolean",
                config("url", "http://h/x", "headers", map("X", List.of("a"))));
        assertProblem("headers.X Key", "is not a valid header name: use letters, digits and - _ . ! # $ % & ' * + ^ ` | ~ only",
                config("url", "http://h/x", "headers", map("X Key", "v")));
        assertProblem("headers.X", "a header value cannot contain a line break",
                config("url", "http://h/x", "headers", map("X", "a\r\nInjected: yes")));
    }

    private void assertProblem(String key, String message, TestStageConfig c) {
        ConfigException e = assertThrows(ConfigException.class, () -> factory.validate(c));
        assertEquals(key, e.problem().key());
        assertEquals(message, e.problem().message());
    }

    @Test
    void descriptorDeclaresEveryOptionWithADescription() {
        var d = factory.descriptor();
        assertEquals("http", d.name());
        assertTrue(d.option("url").isRequired());
        assertEquals(30L, d.option("timeout").defaultValue());
        assertEquals(1000L, d.option("batch_size").defaultValue());
        assertEquals(List.of("GET", "POST", "PUT", "PATCH", "DELETE"), d.option("method").allowedValues());
        assertEquals(List.of("json", "jsonl", "csv", "raw"), d.option("format").allowedValues());
        d.options().forEach(o -> assertFalse(o.description().isBlank(), o.name()));
    }
}
