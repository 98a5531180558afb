/**
 * What the relational transforms share about columns: finding a named column (with "did you
 * mean"), converting a column to another type through {@link io.conveyor.api.Values}, merging
 * schemas by name with widening, and gathering rows of columns into new ones.
 */
package io.conveyor.engine.internal.stages.transform.columns;
