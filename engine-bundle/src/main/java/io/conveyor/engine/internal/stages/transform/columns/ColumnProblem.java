package io.conveyor.engine.internal.stages.transform.columns;

import io.conveyor.api.ConfigException;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageException;

/**
 * The configuration does not fit an input schema (an unknown column, a name clash, a type an
 * operation cannot take). Found at compile time it becomes a {@link ConfigException} at the
 * option's key; found at the first batch (when the schema was not known before the run) a
 * {@link StageException} with the same message.
 */
public final class ColumnProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;

    /**
     * @param key the option the problem is about
     * @param message what is wrong and what to do
     */
    public ColumnProblem(String key, String message) {
        super(message, null, false, false);
        this.key = key;
    }

    /** @return the option the problem is about */
    public String key() {
        return key;
    }

    /** @param config the stage's configuration
     *  @return the problem positioned at its key */
    public ConfigException toConfig(StageConfig config) {
        return config.error(key, getMessage());
    }

    /** Computes an output schema from an input schema. */
    public interface SchemaRule {
        /**
         * @param input the input schema
         * @return the output schema
         * @throws ColumnProblem if the configuration does not fit the input
         */
        Schema apply(Schema input) throws ColumnProblem;
    }

    /**
     * The usual body of {@link io.conveyor.engine.internal.stages.SchemaAware#outputSchema} for one input.
     *
     * @param config the stage's configuration, to position a problem
     * @param input the input schema, or null when unknown
     * @param rule computes the output schema
     * @return the output schema, or null when the input's is unknown
     * @throws ConfigException at the key of a problem the rule finds
     */
    public static Schema atCompileTime(StageConfig config, Schema input, SchemaRule rule) throws ConfigException {
        if (input == null) {
            return null;
        }
        try {
            return rule.apply(input);
        } catch (ColumnProblem e) {
            throw e.toConfig(config);
        }
    }

    /** @return the problem as a stage failure */
    public StageException toStage() {
        return new StageException(getMessage());
    }
}
