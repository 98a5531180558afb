package io.conveyor.engine.internal.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.conveyor.api.OptionSpec;
import io.conveyor.api.StageFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinStagesTest {
    @Test
    void standardCatalogueHoldsEveryBuiltinWithDocumentedOptions() {
        BuiltinStages b = BuiltinStages.standard();
        assertEquals(List.of("sink.csv", "sink.json", "sink.stdout", "source.csv", "source.json", "source.stdin",
                "transform.cast", "transform.decrypt", "transform.distinct", "transform.encrypt", "transform.filter",
                "transform.flatten", "transform.group_by", "transform.join", "transform.json_extract",
                "transform.limit", "transform.map", "transform.rename", "transform.select", "transform.sort",
                "transform.union", "transform.validate"), List.copyOf(b.all().keySet()));
        for (StageFactory f : b.all().values()) {
            assertFalse(f.descriptor().description().isEmpty(), f.descriptor().name());
            for (OptionSpec o : f.descriptor().options()) {
                assertFalse(o.description().isEmpty(), f.descriptor().name() + "." + o.name());
            }
        }
        assertEquals(8192L, b.get("source.csv").descriptor().option("batch_size").defaultValue());
        assertEquals("records", b.get("sink.json").descriptor().option("format").defaultValue());
        assertEquals(List.of("table", "json", "jsonl", "csv"),
                b.get("sink.stdout").descriptor().option("format").allowedValues());
    }
}
