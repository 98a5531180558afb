package io.conveyor.engine.internal.stages.json;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.StageHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSourceFactoryTest {
    @TempDir
    Path dir;

    private final JsonSourceFactory factory = new JsonSourceFactory();

    @Test
    void readsAnArrayOfRecordsWithNestedValuesAndWidening() throws Exception {
        Files.writeString(dir.resolve("in.json"), "[\n {\"id\": 1, \"tags\": [\"a\", \"b\"], \"price\": 2},\n"
                + " {\"id\": 2, \"price\": 2.5, \"meta\": {\"k\": true}},\n {\"id\": 3, \"price\": null}\n]\n");
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = h.read(factory, Map.of("path", "in.json", "batch_size", 2L));
        assertEquals(2, batches.size());
        assertEquals(List.of(
                row("id", 1L, "tags", List.of("a", "b"), "price", 2.0, "meta", null),
                row("id", 2L, "tags", null, "price", 2.5, "meta", Map.of("k", true)),
                row("id", 3L, "tags", null, "price", null, "meta", null)), StageHarness.rows(batches));
        assertEquals(DataType.JSON, batches.get(0).schema().field(1).type());
        assertEquals(DataType.DOUBLE, batches.get(1).schema().field(2).type());
        assertEquals(Files.size(dir.resolve("in.json")), h.context.bytesRead());
    }

    @Test
    void readsJsonLinesAndRejectsBadLines() throws Exception {
        Files.writeString(dir.resolve("in.jsonl"), "{\"a\": 1}\n{\"a\": oops}\n\n[1, 2]\n{\"a\": 4}\n");
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = h.read(factory, Map.of("path", "in.jsonl"));
        assertEquals(List.of(row("a", 1L), row("a", 4L)), StageHarness.rows(batches));
        assertEquals(2, h.context.rejected().size());
        assertEquals(row("_raw", "{\"a\": oops}"), h.context.rejected().get(0).record());
        assertTrue(h.context.rejected().get(0).error().startsWith("line 2: Unrecognized token 'oops'"),
                h.context.rejected().get(0).error());
        assertEquals("line 4: expected a JSON object, found an array", h.context.rejected().get(1).error());
    }

    @Test
    void formatOptionOverridesTheExtensionAndNonObjectsAreRejected() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "\uFEFF{\"a\": 1}\n");
        assertEquals(List.of(row("a", 1L)), StageHarness.rows(new StageHarness(dir)
                .read(factory, Map.of("path", "in.txt", "format", "jsonl"))));
        Files.writeString(dir.resolve("arr.json"), "[{\"a\": 1}, 5, {\"a\": 2}]");
        StageHarness h = new StageHarness(dir);
        assertEquals(List.of(row("a", 1L), row("a", 2L)),
                StageHarness.rows(h.read(factory, Map.of("path", "arr.json"))));
        assertEquals("element 2: expected a JSON object, found a number", h.context.rejected().get(0).error());
    }

    @Test
    void recordsFileThatIsNotAnArrayOrIsBrokenFailsWithItsPosition() throws Exception {
        Files.writeString(dir.resolve("obj.json"), "{\"a\": 1}");
        StageException e = assertThrows(StageException.class,
                () -> new StageHarness(dir).read(factory, Map.of("path", "obj.json")));
        assertEquals(dir.resolve("obj.json") + ": expected a JSON array of objects ([{...}, ...]) but the file starts "
                + "with {; use format = \"jsonl\" for one object per line", e.getMessage());
        Files.writeString(dir.resolve("broken.json"), "[{\"a\": 1},\n {\"a\": }]");
        StageException b = assertThrows(StageException.class,
                () -> new StageHarness(dir).read(factory, Map.of("path", "broken.json")));
        assertTrue(b.getMessage().startsWith(dir.resolve("broken.json") + ": line 2, column 8: Unexpected character"),
                b.getMessage());
    }
}
