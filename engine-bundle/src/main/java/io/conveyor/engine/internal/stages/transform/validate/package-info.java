/**
 * transform.validate: column rules (required, not_null, unique, type, allowed, pattern, min, max)
 * checked a column vector at a time; failing rows go to the dead-letter queue or stop the stage.
 */
package io.conveyor.engine.internal.stages.transform.validate;
