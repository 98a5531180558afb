/**
 * The built-in transforms: transform.filter (an expression or a vectorised column test),
 * transform.map (columns computed from expressions), transform.select, and the relational
 * ones that work on whole columns (rename, cast, limit, distinct, union); sort, group_by and
 * join, and the helpers they share, are in the sub-packages.
 */
package io.conveyor.engine.internal.stages.transform;
