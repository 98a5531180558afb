/**
 * transform.sort: a stable index sort over the key columns' primitive arrays, with an optional
 * bounded top-N.
 */
package io.conveyor.engine.internal.stages.transform.sort;
