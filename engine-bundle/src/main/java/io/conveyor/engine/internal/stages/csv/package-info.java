/**
 * source.csv and sink.csv: a streaming CSV parser with type inference, and a CSV writer shared with sink.stdout.
 */
package io.conveyor.engine.internal.stages.csv;
