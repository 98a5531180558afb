package io.conveyor.engine.internal.config;

import io.conveyor.api.ConfigException;
import io.conveyor.api.Problem;
import io.conveyor.api.Schema;
import io.conveyor.engine.internal.stages.SchemaAware;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiler pass 7: works out, in graph order, the schema each stage will emit, so stages that
 * depend on their input columns (an expression, a column list) are checked before the run.
 * Built-in stages that implement {@link SchemaAware} take part; any other stage (a plugin, a
 * built-in that cannot tell) has an unknown schema, and so do the stages fed only by it unless
 * they can tell without their input. A stage's complaint is a problem like any config problem.
 */
final class SchemaPass {
    private final ProblemCollector problems;

    SchemaPass(ProblemCollector problems) {
        this.problems = problems;
    }

    /**
     * @param order the stage ids in topological order
     * @param stages the stages whose configs are valid, by id (others are missing)
     * @return the schema each stage emits, null where unknown
     */
    Map<String, Schema> run(List<String> order, Map<String, CompiledStage> stages) {
        Map<String, Schema> schemas = new HashMap<>();
        for (String id : order) {
            CompiledStage stage = stages.get(id);
            Schema out = null;
            if (stage != null && stage.plugin() == null && stage.factory() instanceof SchemaAware aware) {
                List<Schema> inputs = new ArrayList<>();
                for (String in : stage.inputs()) {
                    inputs.add(schemas.get(in));
                }
                try {
                    out = aware.outputSchema(stage.config(), inputs);
                } catch (ConfigException e) {
                    problems.add(positioned(stage, e.problem()));
                } catch (RuntimeException | LinkageError e) {
                    Problem p = stage.config().error(null, "stage type '" + stage.type()
                            + "' failed to work out its output columns: " + ThrowableText.of(e)).problem();
                    problems.add(p);
                }
            }
            schemas.put(id, out);
        }
        return schemas;
    }

    /** Places a problem at its key in the stage's config, keeping its hint, unless it is placed. */
    private static Problem positioned(CompiledStage stage, Problem p) {
        if (p.file() != null && p.line() > 0) {
            return p;
        }
        String key = p.key();
        if (key != null && key.startsWith("config.")) {
            key = key.substring("config.".length());
        }
        Problem at = stage.config().error(key, p.message()).problem();
        return new Problem(at.file(), at.line(), at.column(), at.stageId(), at.key(), at.message(), p.hint());
    }
}
