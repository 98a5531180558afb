package io.conveyor.engine.internal.stages;

import io.conveyor.api.ConfigException;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import java.util.List;

/**
 * A built-in stage that can tell, while the pipeline is compiled, the schema it will emit.
 * The compiler walks the graph in order and hands each stage the schemas of its inputs, so
 * an expression naming a column that does not exist, or comparing a string with a number,
 * is reported by {@code validate} with the stage id and a position, not half-way through a run.
 * A stage whose output cannot be known before the run (a plugin, an HTTP body) returns null,
 * and stages downstream of it check at their first batch instead.
 */
public interface SchemaAware {
    /**
     * @param config the stage's checked configuration
     * @param inputs the schemas of the stage's inputs in {@code inputs} order; an entry is null
     *               when that input's schema is unknown before the run
     * @return the schema the stage will emit, or null when it cannot be known before the run
     * @throws ConfigException when the configuration does not fit the input schemas (an unknown
     *         column, a type error); the message names the key and, for an expression, the position
     */
    Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException;
}
