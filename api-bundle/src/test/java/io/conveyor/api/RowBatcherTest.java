package io.conveyor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowBatcherTest {

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void infersEveryTypeAndKeepsValuesNullsAndEmptyStrings() {
        Map<String, Object> nested = row("a", 1L, "b", List.of("x", 2.5));
        List<Map<String, Object>> rows = List.of(
                row("b", true, "l", 42L, "d", 1.5, "s", "", "t", Instant.parse("2024-01-02T03:04:05.123456Z"),
                        "day", LocalDate.of(2024, 2, 29), "j", nested),
                row("b", null, "l", null, "d", null, "s", null, "t", null, "day", null, "j", null));
        RecordBatch batch = RowBatcher.toBatch(rows);

        assertEquals(List.of("b: bool", "l: long", "d: double", "s: string", "t: timestamp", "day: date", "j: json"),
                batch.schema().fields().stream().map(Field::toString).toList());
        assertEquals(rows, batch.rows());
        assertEquals("", batch.column("s").getString(0));
        assertTrue(batch.column("s").isNull(1));
    }

    @Test
    void widensAcrossBatchesWithoutLosingValues() {
        RowBatcher b = new RowBatcher(2);
        List<RecordBatch> out = new ArrayList<>();
        Object[] values = {1L, 2L, 3.5, 4L, "five", 6L};
        for (Object v : values) {
            RecordBatch r = b.add(row("v", v));
            if (r != null) {
                out.add(r);
            }
        }
        assertNull(b.finish());
        assertEquals(DataType.LONG, out.get(0).schema().field(0).type());
        assertEquals(DataType.DOUBLE, out.get(1).schema().field(0).type());
        assertEquals(DataType.STRING, out.get(2).schema().field(0).type());
        assertEquals(4.0, out.get(1).column(0).get(1));
        assertEquals("6", out.get(2).column(0).get(1));
    }

    @Test
    void mixedObjectsBecomeJsonAndLateColumnsAreAdded() {
        RecordBatch batch = RowBatcher.toBatch(List.of(row("x", "text"), row("x", Map.of("k", 1L), "y", 7L)));
        assertEquals(DataType.JSON, batch.schema().field(0).type());
        assertEquals("text", batch.column("x").get(0));
        assertEquals(Map.of("k", 1L), batch.column("x").get(1));
        assertNull(batch.column("y").get(0));
        assertEquals(7L, batch.column("y").get(1));
    }
}
