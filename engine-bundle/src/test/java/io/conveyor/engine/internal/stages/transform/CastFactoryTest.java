package io.conveyor.engine.internal.stages.transform;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunStatus;
import io.conveyor.api.Schema;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.testkit.RecordingStageContext.Rejected;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CastFactoryTest {
    private final CastFactory factory = new CastFactory();
    @TempDir
    Path dir;

    private static Map<String, Object> columns(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void convertsToEveryTypeKeepingNulls() throws Exception {
        RecordBatch in = Batches.of(
                row("n", "42", "x", "2.5", "flag", "TRUE", "at", "2024-03-01T10:00:00Z", "day", "2024-03-01",
                        "id", 7L, "obj", "{\"a\": [1, \"x\"]}"),
                row("n", null, "x", "-1", "flag", "false", "at", "2024-03-01 10:00:00", "day", null, "id", null,
                        "obj", null));
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> out = h.transform(factory, Map.of("columns", columns("n", "long", "x", "double",
                "flag", "bool", "at", "timestamp", "day", "date", "id", "string", "obj", "json")), List.of(in));
        assertEquals(Schema.of(new Field("n", DataType.LONG), new Field("x", DataType.DOUBLE),
                new Field("flag", DataType.BOOL), new Field("at", DataType.TIMESTAMP), new Field("day", DataType.DATE),
                new Field("id", DataType.STRING), new Field("obj", DataType.JSON)), out.get(0).schema());
        Instant at = Instant.parse("2024-03-01T10:00:00Z");
        assertEquals(List.of(
                row("n", 42L, "x", 2.5, "flag", true, "at", at, "day", LocalDate.of(2024, 3, 1), "id", "7", "obj", Map.of("a", List.of(1L, "x"))),
                row("n", null, "x", -1.0, "flag", false, "at", at, "day", null, "id", null, "obj", null)),
                StageHarness.rows(out));
        assertEquals(List.of(), h.context.rejected());
    }

    @Test
    void textThatIsNotJsonIsRejectedWhenCastToJson() throws Exception {
        RecordBatch in = Batches.of(row("obj", "[1, 2]"), row("obj", "not json"));
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> out = h.transform(factory, Map.of("columns", columns("obj", "json")), List.of(in));
        assertEquals(List.of(row("obj", List.of(1L, 2L))), StageHarness.rows(out));
        assertEquals(1, h.context.rejected().size());
        assertTrue(h.context.rejected().get(0).error().startsWith("row 2, column 'obj': cannot convert string "
                + "'not json' to json: "), h.context.rejected().get(0).error());
    }

    @Test
    void numbersConvertBothWaysWhenExact() throws Exception {
        RecordBatch in = Batches.of(row("a", 3.0, "b", 5L), row("a", 4.5, "b", 6L));
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> out = h.transform(factory, Map.of("columns", columns("a", "long", "b", "double")),
                List.of(in));
        assertEquals(List.of(row("a", 3L, "b", 5.0)), StageHarness.rows(out));
        assertEquals(List.of(new Rejected(row("a", 4.5, "b", 6L), "row 2, column 'a': cannot convert double '4.5' to long")),
                h.context.rejected());
    }

    @Test
    void rowsThatDoNotConvertGoToTheDeadLetterQueueByDefaultNumberedAcrossBatches() throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> out = h.transform(factory, Map.of("columns", columns("n", "long", "d", "date")), List.of(
                Batches.of(row("n", "1", "d", "2024-01-01"), row("n", "two", "d", "2024-01-02")),
                Batches.of(row("n", "3", "d", "soon"), row("n", "x", "d", "never"), row("n", "5", "d", null))));
        assertEquals(List.of(row("n", 1L, "d", LocalDate.of(2024, 1, 1)), row("n", 5L, "d", null)),
                StageHarness.rows(out));
        assertEquals(List.of(
                new Rejected(row("n", "two", "d", "2024-01-02"), "row 2, column 'n': cannot convert string 'two' to long"),
                new Rejected(row("n", "3", "d", "soon"), "row 3, column 'd': cannot convert string 'soon' to date"),
                new Rejected(row("n", "x", "d", "never"), "row 4, column 'n': cannot convert string 'x' to long")),
                h.context.rejected());
    }

    @Test
    void onInvalidFailStopsNamingTheRowAndValue() {
        StageException e = assertThrows(StageException.class, () -> new StageHarness(dir).transform(factory,
                Map.of("columns", columns("n", "long"), "on_invalid", "fail"),
                List.of(Batches.of(row("n", "1"), row("n", "1e3x")))));
        assertEquals("row 2, column 'n': cannot convert string '1e3x' to long (set on_invalid = \"dead_letter\" to "
                + "send such rows to the dead-letter queue instead)", e.getMessage());
    }

    @Test
    void configErrorsNameTheKey() throws Exception {
        StageHarness h = new StageHarness(dir);
        ConfigException type = assertThrows(ConfigException.class,
                () -> h.config(factory, Map.of("columns", columns("n", "lnog"))));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': column 'n' has unknown type 'lnog'; use one of bool, "
                + "long, double, string, timestamp, date, json (did you mean 'long'?)", type.getMessage());
        ConfigException notText = assertThrows(ConfigException.class,
                () -> h.config(factory, Map.of("columns", columns("n", 3L))));
        assertTrue(notText.getMessage().contains("column 'n' has unknown type '3'"), notText.getMessage());
        Exception onInvalid = assertThrows(Exception.class,
                () -> h.config(factory, Map.of("columns", columns("n", "long"), "on_invalid", "skip")));
        assertTrue(onInvalid.getMessage().endsWith("key 'on_invalid': value 'skip' is not allowed; use one of: "
                + "dead_letter, fail"), onInvalid.getMessage());
        ConfigException column = assertThrows(ConfigException.class, () -> factory.outputSchema(
                h.config(factory, Map.of("columns", columns("amount", "long"))),
                List.of(Schema.of(new Field("amount_text", DataType.STRING)))));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': column 'amount' not found; available columns: "
                + "amount_text", column.getMessage());
        assertEquals(Schema.of(new Field("a", DataType.DOUBLE), new Field("b", DataType.STRING)), factory.outputSchema(
                h.config(factory, Map.of("columns", columns("a", "float"))),
                List.of(Schema.of(new Field("a", DataType.STRING), new Field("b", DataType.STRING)))));
    }

    @Test
    void runsInAPipelineWritingBadRowsToTheDeadLetterFile() throws Exception {
        CsvPipeline.Outcome o = new CsvPipeline(dir).withDeadLetters().run(factory,
                Map.of("columns", columns("when", "date")), "id,when\n1,2024-02-29\n2,2023-02-29\n3,2024-12-31\n");
        assertEquals(RunStatus.SUCCEEDED, o.result().status(), o.log());
        assertEquals("id,when\n1,2024-02-29\n3,2024-12-31\n", o.output());
        assertTrue(o.deadLetters().startsWith("{\"record\":{\"id\":2,\"when\":\"2023-02-29\"},\"error\":\"row 2, column "
                + "'when': cannot convert string '2023-02-29' to date\",\"stage_id\":\"t\""), o.deadLetters());
        assertEquals(1, o.result().stage("t").deadLettered());
    }
}
