package io.conveyor.it.http;

import static io.conveyor.it.http.HttpPipelineTexts.ordersToHttp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageStatus;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The http sink and {@code plugin.http.fetch} inside the real runtime (Felix, the real http
 * bundle, the real compiler and executor): a CSV → filter → HTTP sink pipeline sends exactly
 * the filtered records in {@code batch_size} requests in every body format; a refused
 * request's records, and only those, land in the dead-letter queue; fetch enriches records;
 * a token read from the environment reaches the server but never a log line or an error.
 */
class HttpSinkThroughFelixTest extends ThroughFelixTest {
    private static final String TOKEN = "s3cr3t-Tok3n-987";
    /** Five of these seven orders pass {@code amount > 100}. */
    private static final String ORDERS = "id,name,amount\n1,Ann,50\n2,Bea,250\n3,Cid,120\n4,Dan,80\n5,Eve,300\n"
            + "6,Fay,101\n7,Gus,999\n";

    @BeforeEach
    void writeOrders() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), ORDERS);
    }

    private List<String> bodies() {
        return server.requests.stream().map(LoopbackServer.Request::body).toList();
    }

    @Test
    void csvFilterHttpSinkSendsExactlyTheFilteredRecordsInBatches() throws Exception {
        server.on("/orders", LoopbackServer.answer(201, null, ""));

        RunResult result = felix.run(dir, ordersToHttp("""
                url = "%s"
                batch_size = 2
                retry_delay_ms = 10
                [stages.config.headers]
                X-Source = "conveyor-it"
                """.formatted(server.url("/orders")), ""));

        assertEquals(RunStatus.SUCCEEDED, result.status(), result::toString);
        assertEquals(List.of(
                "[{\"id\":2,\"name\":\"Bea\",\"amount\":250},{\"id\":3,\"name\":\"Cid\",\"amount\":120}]",
                "[{\"id\":5,\"name\":\"Eve\",\"amount\":300},{\"id\":6,\"name\":\"Fay\",\"amount\":101}]",
                "[{\"id\":7,\"name\":\"Gus\",\"amount\":999}]"), bodies());
        for (LoopbackServer.Request r : server.requests) {
            assertEquals("POST", r.method());
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals("conveyor-it", r.header("X-Source"));
        }
        assertEquals(5, result.stage("api").recordsIn());
        assertEquals(5, result.stage("api").recordsOut());
    }

    @ParameterizedTest(name = "format = {0}")
    @CsvSource(delimiter = '|', textBlock = """
            jsonl | application/x-ndjson    | '{"id":2,"name":"Bea","amount":250}\\n{"id":3,"name":"Cid","amount":120}\\n{"id":5,"name":"Eve","amount":300}\\n'
            csv   | text/csv; charset=UTF-8 | 'id,name,amount\\n2,Bea,250\\n3,Cid,120\\n5,Eve,300\\n'
            raw   | text/plain; charset=UTF-8 | 'Bea\\nCid\\nEve\\n'
            """)
    void everySinkFormatSendsTheBodyItDefines(String format, String contentType, String firstBody) throws Exception {
        server.on("/in", LoopbackServer.answer(200, null, ""));

        RunResult result = felix.run(dir, ordersToHttp("""
                url = "%s"
                method = "PUT"
                format = "%s"
                batch_size = 3
                raw_column = "%s"
                """.formatted(server.url("/in"), format, format.equals("raw") ? "name" : "body")
                .replace("raw_column = \"body\"\n", ""), ""));

        assertEquals(RunStatus.SUCCEEDED, result.status(), result::toString);
        assertEquals(2, server.requests.size(), "5 records in batches of 3");
        assertEquals(firstBody.replace("\\n", "\n"), server.requests.get(0).body());
        assertEquals("PUT", server.requests.get(0).method());
        assertEquals(contentType, server.requests.get(0).header("Content-Type"));
    }

    @Test
    void aRefusedBatchGoesToTheDeadLetterQueueAndOnlyThatBatch() throws Exception {
        server.on("/orders", ex -> {
            boolean second = server.requests.size() == 2;
            LoopbackServer.respond(ex, second ? 400 : 200, "application/json",
                    second ? "{\"error\":\"amount over limit\"}" : "{}");
        });

        RunResult result = felix.run(dir, ordersToHttp("""
                url = "%s"
                batch_size = 2
                retry_delay_ms = 10
                """.formatted(server.url("/orders")), """
                [error_handling]
                strategy = "continue"
                [error_handling.dead_letter_queue]
                path = "rejected.jsonl"
                """));

        assertEquals(3, server.requests.size(), bodies()::toString);
        assertEquals(2, result.stage("api").deadLettered(), result::toString);
        assertEquals(StageStatus.SUCCEEDED, result.stage("api").status(), result::toString);
        String error = "HTTP 400 Bad Request from POST " + server.url("/orders")
                + ": {\"error\":\"amount over limit\"} (request of 2 records)";
        List<String> dead = Files.readAllLines(dir.resolve("rejected.jsonl"));
        assertEquals(2, dead.size(), dead::toString);
        assertTrue(dead.get(0).startsWith("{\"record\":{\"id\":5,\"name\":\"Eve\",\"amount\":300},\"error\":"
                + quoted(error) + ",\"stage_id\":\"api\",\"timestamp\":\""), dead.get(0));
        assertTrue(dead.get(1).startsWith("{\"record\":{\"id\":6,\"name\":\"Fay\",\"amount\":101},\"error\":"
                + quoted(error) + ",\"stage_id\":\"api\",\"timestamp\":\""), dead.get(1));
        assertEquals(server.requests.get(1).body(), "[{\"id\":5,\"name\":\"Eve\",\"amount\":300},"
                + "{\"id\":6,\"name\":\"Fay\",\"amount\":101}]", "the refused request held exactly those records");
    }

    @Test
    void fetchEnrichesEachRecordAndDeadLettersTheOneTheServerDoesNotKnow() throws Exception {
        server.on("/users/", ex -> {
            String id = ex.getRequestURI().getPath().substring("/users/".length());
            if (id.equals("4")) {
                LoopbackServer.respond(ex, 404, "application/json", "{\"error\":\"no user 4\"}");
            } else {
                LoopbackServer.respond(ex, 200, "application/json", "{\"user\":" + id + ",\"tier\":\"gold\"}");
            }
        });
        Files.writeString(dir.resolve("ids.csv"), "id\n3\n4\n5\n");

        RunResult result = felix.run(dir, """
                [pipeline]
                name = "enrich"

                [global]
                plugins = ["http"]

                [error_handling]
                strategy = "continue"
                [error_handling.dead_letter_queue]
                path = "dead.jsonl"

                [[stages]]
                id = "ids"
                type = "source.csv"
                [stages.config]
                path = "ids.csv"

                [[stages]]
                id = "lookup"
                type = "plugin.http.fetch"
                inputs = ["ids"]
                [stages.config]
                url = "%s"
                result_column = "profile"
                concurrency = 2
                retry_delay_ms = 10

                [[stages]]
                id = "out"
                type = "sink.json"
                inputs = ["lookup"]
                [stages.config]
                path = "out.json"
                """.formatted(server.url("/users/{id}")));

        assertEquals(RunStatus.SUCCEEDED, result.status(), result::toString);
        assertEquals("[{\"id\":3,\"profile\":{\"user\":3,\"tier\":\"gold\"}},{\"id\":4,\"profile\":null},"
                + "{\"id\":5,\"profile\":{\"user\":5,\"tier\":\"gold\"}}]\n", Files.readString(dir.resolve("out.json")));
        assertEquals(1, result.stage("lookup").deadLettered(), result::toString);
        String dead = Files.readString(dir.resolve("dead.jsonl"));
        assertTrue(dead.startsWith("{\"record\":{\"id\":4},\"error\":" + quoted("HTTP 404 Not Found from GET "
                + server.url("/users/4") + ": {\"error\":\"no user 4\"}")), dead);
    }

    @Test
    void theTokenFromTheEnvironmentReachesTheServerButNoLogOrError() throws Exception {
        server.on("/secure", ex -> LoopbackServer.respond(ex, 403, "text/plain",
                "token " + TOKEN + " is revoked"));
        server.on("/accept", LoopbackServer.answer(204, null, ""));
        Map<String, String> env = Map.of("API_TOKEN", TOKEN);

        RunResult refused = felix.run(dir, HttpPipelineTexts.sourceInto("sink.csv", "out.csv", """
                url = "%s"
                [stages.config.headers]
                Authorization = "Bearer ${API_TOKEN}"
                [stages.config.query]
                key = "${API_TOKEN}"
                """.formatted(server.url("/secure"))), env);
        RunResult sent = felix.run(dir, ordersToHttp("""
                url = "%s?key=${API_TOKEN}"
                [stages.config.headers]
                Authorization = "Bearer ${API_TOKEN}"
                """.formatted(server.url("/accept")), ""), env);

        assertEquals(RunStatus.FAILED, refused.status(), refused::toString);
        assertEquals("HTTP 403 Forbidden from GET " + server.url("/secure?key=***") + ": token *** is revoked",
                refused.stage("api").error());
        assertEquals(RunStatus.SUCCEEDED, sent.status(), sent::toString);
        List<LoopbackServer.Request> secure = server.to("/secure");
        assertEquals("Bearer " + TOKEN, secure.get(0).header("Authorization"));
        assertEquals("/secure?key=" + TOKEN, secure.get(0).pathAndQuery());
        assertEquals("Bearer " + TOKEN, server.to("/accept").get(0).header("Authorization"));

        List<String> lines = felix.log().lines();
        assertTrue(lines.stream().anyMatch(l -> l.contains("/secure?key=***")), () -> String.join("\n", lines));
        for (String text : concat(lines, List.of(String.valueOf(refused.error()), refused.toString(), sent.toString()))) {
            assertFalse(text.contains(TOKEN), "the token leaked: " + text);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** @return the text as a JSON string literal (quotes and backslashes escaped) */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
