/**
 * The built-in transforms: transform.filter (vectorised column tests), transform.select, and the
 * relational ones that work on whole columns (rename, cast, limit, distinct, union); sort,
 * group_by and join, and the helpers they share, are in the sub-packages.
 */
package io.conveyor.engine.internal.stages.transform;
