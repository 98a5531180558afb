/**
 * The simple built-in transforms: transform.filter (vectorised column tests) and transform.select.
 */
package io.conveyor.engine.internal.stages.transform;
