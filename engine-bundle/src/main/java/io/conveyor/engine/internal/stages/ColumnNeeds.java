package io.conveyor.engine.internal.stages;

import io.conveyor.api.ConfigException;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import java.util.List;
import java.util.Set;

/**
 * A built-in stage that can say which input columns it reads, given which of its output
 * columns the stages after it use. The compiler's projection pass asks every stage from the
 * sinks back to the sources, and a source that can skip columns (source.csv) is told to read
 * only those. A stage that does not implement this reads every column of its inputs.
 */
public interface ColumnNeeds {
    /**
     * @param config the stage's config, valid
     * @param inputs the schemas of its inputs, all known, in {@code inputs} order
     * @param needed the output columns its readers use (a subset of its output schema)
     * @return per input, the names of the columns it reads from it; a null entry for all of them
     * @throws ConfigException if the config does not read as expected (the pass then keeps every column)
     */
    List<Set<String>> inputColumns(StageConfig config, List<Schema> inputs, Set<String> needed) throws ConfigException;
}
