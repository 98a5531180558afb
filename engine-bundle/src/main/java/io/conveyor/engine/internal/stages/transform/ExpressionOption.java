package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.ConfigException;
import io.conveyor.api.Problem;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.expr.BoundExpression;
import io.conveyor.engine.internal.expr.Expression;
import io.conveyor.engine.internal.expr.ExpressionException;

/**
 * An expression held by one option of a stage ({@code expr}, {@code expression},
 * {@code columns.NAME}): parsed when the config is checked, type-checked against the input
 * schema at compile time when that is known, else at the first batch of each new schema.
 * Either way a mistake reads the same: the stage, the key, the column in the expression.
 *
 * @param key the option (dotted for a table entry)
 * @param expression the parsed expression
 */
record ExpressionOption(String key, Expression expression) {
    /**
     * @param config the stage config
     * @param key the option holding the expression
     * @param text the expression text
     * @return the parsed option
     * @throws ConfigException for a syntax error
     */
    static ExpressionOption parse(StageConfig config, String key, String text) throws ConfigException {
        try {
            return new ExpressionOption(key, Expression.parse(text));
        } catch (ExpressionException e) {
            throw problem(config, key, text, e);
        }
    }

    /**
     * @param config the stage config
     * @param schema the input schema
     * @return the expression checked against it
     * @throws ConfigException for an unknown name or a type error
     */
    BoundExpression bind(StageConfig config, Schema schema) throws ConfigException {
        try {
            return expression.bind(schema);
        } catch (ExpressionException e) {
            throw problem(config, key, expression.text(), e);
        }
    }

    /**
     * @param config the stage config
     * @param schema the input schema
     * @return the expression checked against it as a condition (a bare null is a bool)
     * @throws ConfigException for an unknown name or a type error
     */
    BoundExpression bindCondition(StageConfig config, Schema schema) throws ConfigException {
        try {
            return expression.bindCondition(schema);
        } catch (ExpressionException e) {
            throw problem(config, key, expression.text(), e);
        }
    }

    /**
     * The same check at run time, for a schema only known once batches arrive.
     *
     * @param config the stage config
     * @param schema the schema of the batch at hand
     * @return the expression checked against it
     * @throws StageException with the message the compiler would have given
     */
    BoundExpression bindAtRun(StageConfig config, Schema schema) throws StageException {
        try {
            return bind(config, schema);
        } catch (ConfigException e) {
            throw new StageException(e.problem().toString());
        }
    }

    /**
     * @param config the stage config
     * @param message what is wrong with the whole expression (reported at its start)
     * @return the problem
     */
    ConfigException error(StageConfig config, String message) {
        return problem(config, key, expression.text(), new ExpressionException(0, message));
    }

    private static ConfigException problem(StageConfig config, String key, String text, ExpressionException e) {
        Problem p = config.error(key, e.describe(text)).problem();
        return new ConfigException(new Problem(p.file(), p.line(), p.column(), p.stageId(), p.key(), p.message(),
                e.hint()));
    }
}
