package io.conveyor.engine.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageResult;
import io.conveyor.api.StageStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsJsonTest {
    @Test
    void writesEveryCounterOfEveryStageAndCreatesTheDirectory(@TempDir Path dir) throws Exception {
        RunResult r = new RunResult("sales", RunStatus.FAILED, List.of(
                new StageResult("orders", "source.csv", StageStatus.SUCCEEDED, 0, 30, 1, 2, 2048, 0, 15, null,
                        Map.of("files", 1L)),
                new StageResult("out", "sink.csv", StageStatus.FAILED, 30, 0, 0, 0, 0, 0, 3, "disk full", Map.of())),
                List.of(), "stage 'out' failed", 40);
        Path file = dir.resolve("metrics/run.json");
        MetricsJson.write(r, file);

        JsonNode doc = new ObjectMapper().readTree(Files.readString(file));
        assertEquals("sales", doc.get("pipeline").asText());
        assertEquals("failed", doc.get("status").asText());
        assertEquals(1, doc.get("exit_code").asInt());
        assertEquals(40, doc.get("millis").asLong());
        JsonNode orders = doc.get("stages").get(0);
        assertEquals("orders", orders.get("id").asText());
        assertEquals("source.csv", orders.get("type").asText());
        assertEquals(30, orders.get("records_out").asLong());
        assertEquals(1, orders.get("errors").asLong());
        assertEquals(2, orders.get("dead_lettered").asLong());
        assertEquals(2048, orders.get("bytes_read").asLong());
        assertEquals(1, orders.get("reports").get("files").asLong());
        assertEquals(true, orders.get("error").isNull());
        assertEquals("disk full", doc.get("stages").get(1).get("error").asText());
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }
}
