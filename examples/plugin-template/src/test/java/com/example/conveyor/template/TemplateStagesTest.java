package com.example.conveyor.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.RecordBatch;
import io.conveyor.api.RowBatcher;
import io.conveyor.api.StageException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateStagesTest {
    @Test
    void sourceGeneratesNumberedRows() {
        RecordBatch b = GeneratedRowsSource.rows("item", 1, 3);
        assertEquals(List.of(Map.of("id", 1L, "name", "item-1"), Map.of("id", 2L, "name", "item-2"),
                Map.of("id", 3L, "name", "item-3")), b.rows());
    }

    @Test
    void sourceDeclaresItsOptionsWithDefaults() {
        var d = new GeneratedRowsSource().descriptor();
        assertEquals(10L, d.option("count").defaultValue());
        assertEquals("row", d.option("prefix").defaultValue());
    }

    @Test
    void transformUpperCasesOneColumnAndKeepsNulls() throws StageException {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("name", null);
        withNull.put("city", "oslo");
        RecordBatch in = RowBatcher.toBatch(List.of(Map.of("name", "ada", "city", "paris"), withNull));
        RecordBatch out = UpperCaseTransform.upperCase(in, "name", "up");
        assertEquals("ADA", out.row(0).get("name"));
        assertEquals("paris", out.row(0).get("city"));
        assertEquals(null, out.row(1).get("name"));
        assertEquals("oslo", out.row(1).get("city"));
    }

    @Test
    void transformNamesAMissingColumnAndTheOnesThereAre() {
        RecordBatch in = RowBatcher.toBatch(List.of(Map.of("name", "ada")));
        StageException e = assertThrows(StageException.class, () -> UpperCaseTransform.upperCase(in, "nme", "up"));
        assertEquals("stage 'up': column 'nme' is not in the input (columns: name)", e.getMessage());
    }
}
