package io.conveyor.it.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.e2e.ConveyorProcess;
import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import io.conveyor.it.support.ItPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The http plugin as a user meets it: {@code java -jar conveyor.jar} in its own process,
 * finding the real plugin folders through {@code --plugin-dir}, talking to a loopback server
 * started by the test. Checks exit codes, files, what the server received, and that stderr
 * carries clear messages, no stack trace and no secret.
 */
class HttpEndToEndTest {
    private static final String TOKEN = "e2e-Secr3t-Tok3n-4711";

    private LoopbackServer server;
    private Path dir;
    private ConveyorProcess conveyor;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.start();
        dir = ItPaths.newWorkDir("http-e2e");
        conveyor = new ConveyorProcess(dir, dir.resolve("tmp"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Writes {@code pipeline.toml} and runs {@code conveyor [command] pipeline.toml} with the real plugins. */
    private Outcome conveyor(String toml, String... command) throws Exception {
        Files.writeString(dir.resolve("pipeline.toml"), toml);
        List<String> args = new java.util.ArrayList<>(List.of(command));
        args.addAll(List.of("--plugin-dir", ItPaths.realPlugins().toString(), "pipeline.toml"));
        return conveyor.run(args.toArray(String[]::new));
    }

    /** @return pipeline {@code api_to_file}: the http source with these config lines into {@code out.csv} */
    private static String sourceToCsv(String sourceConfig) {
        return HttpPipelineTexts.sourceInto("sink.csv", "out.csv", sourceConfig);
    }

    /** Without debug logging, stderr names no exception class and shows no stack frame. */
    private static void assertNoStackTrace(Outcome o) {
        assertFalse(o.stderr().contains("\tat "), o::toString);
        assertFalse(o.stderr().contains("Exception"), o::toString);
    }

    @Test
    void readsFromTheServerIntoACsvFile() throws Exception {
        server.on("/users", LoopbackServer.json(200, "{\"data\":[{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bob, Jr.\"}]}"));

        Outcome o = conveyor(sourceToCsv("""
                url = "%s"
                records_path = "data"
                [stages.config.query]
                limit = "2"
                """.formatted(server.url("/users"))));

        assertEquals(0, o.exit(), o::toString);
        assertEquals("id,name\n1,Ann\n2,\"Bob, Jr.\"\n", Files.readString(dir.resolve("out.csv")));
        assertEquals("/users?limit=2", server.requests.get(0).pathAndQuery());
        assertTrue(o.stderr().contains("Pipeline 'api_to_file' succeeded in "), o::toString);
    }

    @Test
    void csvFilterHttpSinkDeliversTheFilteredRecords() throws Exception {
        server.on("/orders", LoopbackServer.answer(200, null, ""));
        Files.writeString(dir.resolve("orders.csv"), "id,region,amount\n1,eu,10\n2,us,500\n3,eu,700\n");

        Outcome o = conveyor(HttpPipelineTexts.ordersToHttp("""
                url = "%s"
                format = "jsonl"
                """.formatted(server.url("/orders")), ""));

        assertEquals(0, o.exit(), o::toString);
        assertEquals(1, server.requests.size());
        assertEquals("{\"id\":2,\"region\":\"us\",\"amount\":500}\n{\"id\":3,\"region\":\"eu\",\"amount\":700}\n",
                server.requests.get(0).body());
        assertEquals("POST", server.requests.get(0).method());
    }

    @Test
    void aServerErrorThatOutlastsTheRetriesExitsOneWithAClearMessage() throws Exception {
        server.on("/down", LoopbackServer.answer(500, "text/plain", "database unavailable"));

        Outcome o = conveyor(sourceToCsv("""
                url = "%s"
                max_retries = 2
                retry_delay_ms = 10
                """.formatted(server.url("/down"))));

        assertEquals(1, o.exit(), o::toString);
        assertEquals(3, server.requests.size(), "one request and two retries");
        assertTrue(o.stderr().contains("HTTP 500 Internal Server Error from GET " + server.url("/down")
                + " (after 3 attempts): database unavailable"), o::toString);
        assertNoStackTrace(o);
        assertTrue(Files.notExists(dir.resolve("out.csv")), "a failed run leaves no output");
    }

    @Test
    void theTokenFromTheEnvironmentReachesTheServerButNeverTheTerminal() throws Exception {
        server.on("/secure", LoopbackServer.json(200, "[{\"id\":1}]"));
        server.on("/refuse", ex -> LoopbackServer.respond(ex, 401, "text/plain", "bad token " + TOKEN));
        conveyor.env("API_TOKEN", TOKEN);

        Outcome o = conveyor("""
                [pipeline]
                name = "secret"

                [global]
                plugins = ["http"]

                [[stages]]
                id = "api"
                type = "plugin.http"
                [stages.config]
                url = "%s"
                [stages.config.headers]
                Authorization = "Bearer ${API_TOKEN}"
                [stages.config.query]
                key = "${API_TOKEN}"

                [[stages]]
                id = "back"
                type = "plugin.http"
                inputs = ["api"]
                [stages.config]
                url = "%s"
                [stages.config.headers]
                Authorization = "Bearer ${API_TOKEN}"
                """.formatted(server.url("/secure"), server.url("/refuse")), "--log-level", "debug");

        assertEquals(1, o.exit(), o::toString);
        assertEquals("Bearer " + TOKEN, server.to("/secure").get(0).header("Authorization"));
        assertEquals("/secure?key=" + TOKEN, server.to("/secure").get(0).pathAndQuery());
        assertEquals("Bearer " + TOKEN, server.to("/refuse").get(0).header("Authorization"));
        assertTrue(o.stderr().contains("HTTP 401 Unauthorized from POST " + server.url("/refuse") + ": bad token ***"),
                o::toString);
        assertTrue(o.stderr().contains(server.url("/secure?key=***")), o::toString);
        assertFalse(o.stdout().contains(TOKEN), o::toString);
        // debug logging prints the failed stage's stack trace on purpose; the token is masked there too
        assertFalse(o.stderr().contains(TOKEN), o::toString);
        assertFalse(o.stderr().contains("records not sent"), () -> "the refused record was sent:\n" + o);
    }

    @Test
    void malformedJsonExitsOneSayingWhereItBroke() throws Exception {
        server.on("/bad", LoopbackServer.json(200, "[{\"id\":1},\n{\"id\": oops}]"));

        Outcome o = conveyor(sourceToCsv("url = \"%s\"".formatted(server.url("/bad"))));

        assertEquals(1, o.exit(), o::toString);
        assertTrue(o.stderr().contains("Cannot read the response of GET " + server.url("/bad")
                + " as json: malformed JSON at line 2, column "), o::toString);
        assertNoStackTrace(o);
    }

    @Test
    void validateReportsOptionErrorsWithPositionsBeforeAnyRequest() throws Exception {
        Outcome o = conveyor(sourceToCsv("""
                url = "%s"
                method = "GETT"
                timeout = "soon"
                """.formatted(server.url("/never"))), "validate");

        assertEquals(2, o.exit(), o::toString);
        assertEquals("", o.stdout());
        assertEquals("""
                pipeline.toml:12:1: stage 'api', key 'config.method': value 'GETT' is not allowed; \
                use one of: GET, POST, PUT, PATCH, DELETE (did you mean 'GET'?)
                pipeline.toml:13:1: stage 'api', key 'config.timeout': expected an integer, found a string
                2 problems found in pipeline.toml
                """, o.stderr());
        assertTrue(server.requests.isEmpty(), "validate sends no request");
        assertNoStackTrace(o);
    }
}
