package io.conveyor.engine.internal.stages.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.Schema;
import io.conveyor.api.StageFactory;
import io.conveyor.engine.internal.stages.BuiltinStages;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.StageHarness;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every relational stage reports its output schema when its inputs' are known, and null when one is not. */
class SchemaAwareStagesTest {
    private final Schema in = Schema.of(new Field("id", DataType.LONG), new Field("amount", DataType.DOUBLE));
    private final Map<String, Map<String, ?>> configs = Map.of(
            "transform.rename", Map.of("columns", Map.of("id", "key")),
            "transform.cast", Map.of("columns", Map.of("amount", "string")),
            "transform.limit", Map.of("count", 3L),
            "transform.sort", Map.of("by", "amount"),
            "transform.distinct", Map.of(),
            "transform.union", Map.of(),
            "transform.group_by", Map.of("by", "id", "aggregations", List.of(Map.of("operation", "count"))),
            "transform.join", Map.of("on", "id"));
    private final Map<String, List<String>> outputs = Map.of(
            "transform.rename", List.of("key", "amount"),
            "transform.cast", List.of("id", "amount"),
            "transform.limit", List.of("id", "amount"),
            "transform.sort", List.of("id", "amount"),
            "transform.distinct", List.of("id", "amount"),
            "transform.union", List.of("id", "amount"),
            "transform.group_by", List.of("id", "count"),
            "transform.join", List.of("id", "amount", "amount_right"));

    @Test
    void eachStageComputesItsSchemaOrSaysItCannot() throws Exception {
        BuiltinStages builtins = BuiltinStages.standard();
        for (Map.Entry<String, Map<String, ?>> e : configs.entrySet()) {
            StageFactory f = builtins.get(e.getKey());
            SchemaAware aware = (SchemaAware) f;
            var config = new StageHarness(Path.of(".")).config(f, e.getValue());
            int inputs = Math.max(1, f.descriptor().minInputs());
            assertEquals(outputs.get(e.getKey()), aware.outputSchema(config, Collections.nCopies(inputs, in)).names(),
                    e.getKey());
            assertNull(aware.outputSchema(config, Arrays.asList(new Schema[inputs])), e.getKey());
        }
    }
}
