package io.conveyor.engine.internal.stages.transform;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.ConfigException;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectFactoryTest {
    private final SelectFactory factory = new SelectFactory();
    private final List<RecordBatch> input = List.of(Batches.of(row("a", 1L, "b", "x", "c", 2.5)),
            Batches.of(row("a", 2L, "b", "y", "c", 3.5)));

    @Test
    void keepsTheNamedColumnsInTheOrderNamed() throws Exception {
        List<RecordBatch> out = new StageHarness(Path.of(".")).transform(factory,
                Map.of("columns", List.of("c", "a")), input);
        assertEquals(List.of(row("c", 2.5, "a", 1L), row("c", 3.5, "a", 2L)), StageHarness.rows(out));
    }

    @Test
    void unknownColumnNamesTheAvailableOnes() {
        StageException e = assertThrows(StageException.class, () -> new StageHarness(Path.of("."))
                .transform(factory, Map.of("columns", List.of("a", "d")), input));
        assertEquals("column 'd' not found; available columns: a, b, c", e.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> new StageHarness(Path.of("."))
                .transform(factory, Map.of("columns", List.of("a", "a")), input));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': column 'a' is named twice", twice.getMessage());
    }
}
