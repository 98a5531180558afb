package io.conveyor.engine.internal.stages.json;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.RecordBatch;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSinkFactoryTest {
    @TempDir
    Path dir;

    private final JsonSinkFactory factory = new JsonSinkFactory();
    private final List<RecordBatch> input = List.of(
            Batches.of(row("id", 1L, "name", "a\"b", "tags", List.of("x", "y")),
                    row("id", 2L, "name", null, "tags", List.of())),
            Batches.of(row("id", 3L, "name", "c", "tags", Map.of("k", 1L))));

    private String write(Map<String, ?> options) throws Exception {
        new StageHarness(dir).write(factory, options, input);
        return Files.readString(dir.resolve((String) options.get("path")));
    }

    @Test
    void compactRecords() throws Exception {
        assertEquals("[{\"id\":1,\"name\":\"a\\\"b\",\"tags\":[\"x\",\"y\"]},{\"id\":2,\"name\":null,\"tags\":[]},"
                + "{\"id\":3,\"name\":\"c\",\"tags\":{\"k\":1}}]\n", write(Map.of("path", "o.json")));
    }

    @Test
    void prettyRecords() throws Exception {
        assertEquals("[\n"
                + "  {\n    \"id\": 1,\n    \"name\": \"a\\\"b\",\n    \"tags\": [\n      \"x\",\n      \"y\"\n    ]\n  },\n"
                + "  {\n    \"id\": 2,\n    \"name\": null,\n    \"tags\": []\n  },\n"
                + "  {\n    \"id\": 3,\n    \"name\": \"c\",\n    \"tags\": {\n      \"k\": 1\n    }\n  }\n"
                + "]\n", write(Map.of("path", "p.json", "pretty", true)));
    }

    @Test
    void jsonLinesAndEmptyInput() throws Exception {
        assertEquals("{\"id\":1,\"name\":\"a\\\"b\",\"tags\":[\"x\",\"y\"]}\n{\"id\":2,\"name\":null,\"tags\":[]}\n"
                + "{\"id\":3,\"name\":\"c\",\"tags\":{\"k\":1}}\n", write(Map.of("path", "o.jsonl", "format", "jsonl")));
        new StageHarness(dir).write(factory, Map.of("path", "empty.json"), List.of());
        assertEquals("[]\n", Files.readString(dir.resolve("empty.json")));
    }

    @Test
    void timestampsAreIsoStrings() throws Exception {
        new StageHarness(dir).write(factory, Map.of("path", "t.jsonl", "format", "jsonl"),
                List.of(Batches.of(row("at", Instant.parse("2024-05-01T10:15:30.123456Z")))));
        assertEquals("{\"at\":\"2024-05-01T10:15:30.123456Z\"}\n", Files.readString(dir.resolve("t.jsonl")));
    }
    @Test
    void aColumnThatWidensFromLongToDoubleKeepsItsWholeNumbersWhole() throws Exception {
        // A column that starts as doubles keeps them as they are (7.0).
        new StageHarness(dir).write(factory, Map.of("path", "w.json", "pretty", true), List.of(
                Batches.of(row("n", 5L, "x", 7.0)), Batches.of(row("n", 2.0, "x", 7.0), row("n", 7.5, "x", 7.0))));
        assertEquals("[\n  {\n    \"n\": 5,\n    \"x\": 7.0\n  },\n  {\n    \"n\": 2,\n    \"x\": 7.0\n  },\n"
                + "  {\n    \"n\": 7.5,\n    \"x\": 7.0\n  }\n]\n", Files.readString(dir.resolve("w.json")));
    }
}
