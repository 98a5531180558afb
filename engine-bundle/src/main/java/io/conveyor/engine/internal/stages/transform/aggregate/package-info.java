/**
 * transform.group_by: rows are numbered by group with a
 * {@link io.conveyor.engine.internal.stages.transform.keys.KeyIndex} a batch at a time, and each
 * aggregation accumulates into primitive arrays indexed by group.
 */
package io.conveyor.engine.internal.stages.transform.aggregate;
