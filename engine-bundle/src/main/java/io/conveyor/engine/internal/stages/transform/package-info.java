/**
 * The built-in row transforms: transform.filter (an expression or a vectorised column test),
 * transform.map (columns computed from expressions) and transform.select.
 */
package io.conveyor.engine.internal.stages.transform;
