package io.conveyor.engine.internal.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: no secret — a value read from an environment variable, or the password of a URL
 * — appears on stdout, stderr or in the metrics file, whatever path an error takes: a
 * compile error, a log line of a stage, a rejected record's error, a stage failure with its
 * cause, the summary's reports, a debug stack trace. Dead-letter records are data and are
 * kept as they were; their error text is masked.
 */
class SecretsNeverPrintedTest {
    private static final String TOKEN = "tok-5ecret-77";
    private static final String PASSWORD = "hunter2pass";
    private static final Map<String, String> ENV = Map.of("API_TOKEN", TOKEN);
    @TempDir
    Path dir;

    private void assertNoSecret(String where, String text) {
        assertFalse(text.contains(TOKEN), () -> where + " shows the token:\n" + text);
        assertFalse(text.contains(PASSWORD), () -> where + " shows the URL password:\n" + text);
    }

    private Path pipeline(String name, String extraConfig) throws Exception {
        Path file = dir.resolve(name + ".toml");
        Files.writeString(file, """
                [pipeline]
                name = "%s"
                [global]
                plugins = ["fake"]
                [error_handling.dead_letter_queue]
                path = "errors/%s.jsonl"
                [[stages]]
                id = "read"
                type = "plugin.fake.leaky"
                [stages.config]
                url = "https://reader:%s@127.0.0.1:9/orders?token=${API_TOKEN}"
                %s
                [[stages]]
                id = "save"
                type = "sink.csv"
                inputs = ["read"]
                [stages.config]
                path = "out/%s.csv"
                """.formatted(name, name, PASSWORD, extraConfig, name));
        return file;
    }

    @Test
    void runtimeFailureLogsSummaryMetricsAndTraces() throws Exception {
        for (String level : List.of("info", "debug")) {
            CommandLineBench bench = new CommandLineBench(ENV);
            Path metrics = dir.resolve("metrics-" + level + ".json");
            int status = bench.run("run", pipeline("leak_" + level, "").toString(), "--log-level", level,
                    "--metrics-json", metrics.toString());
            assertEquals(1, status, bench.err());
            // The messages are there, with the secrets masked.
            assertTrue(bench.err().contains("cannot read page 2 of https://reader:***@127.0.0.1:9/orders?token=***"),
                    bench.err());
            assertTrue(bench.err().contains("connecting to https://reader:***@"), bench.err());
            assertNoSecret("stderr at " + level, bench.err());
            assertNoSecret("stdout at " + level, bench.out());
            assertNoSecret("metrics at " + level, Files.readString(metrics));

            JsonNode dead = new ObjectMapper().readTree(
                    Files.readAllLines(dir.resolve("errors/leak_" + level + ".jsonl")).get(0));
            assertNoSecret("the dead-letter error", dead.get("error").asText());
            assertTrue(dead.get("record").get("url").asText().contains(TOKEN), "records are data, kept whole");
        }
    }

    @Test
    void compileErrors() throws Exception {
        CommandLineBench bench = new CommandLineBench(ENV);
        int status = bench.run("run", pipeline("bad", "retries = \"${API_TOKEN}\"").toString());
        assertEquals(2, status, bench.err());
        assertTrue(bench.err().contains("retries"), bench.err());
        assertNoSecret("a compile error", bench.err());

        CommandLineBench validate = new CommandLineBench(ENV);
        assertEquals(2, validate.run("validate", dir.resolve("bad.toml").toString()));
        assertNoSecret("validate", validate.err() + validate.out());

        CommandLineBench dryRun = new CommandLineBench(ENV);
        assertEquals(0, dryRun.run("run", pipeline("dry", "").toString(), "--dry-run"), dryRun.err());
        assertNoSecret("a dry run", dryRun.err() + dryRun.out());
    }
}
