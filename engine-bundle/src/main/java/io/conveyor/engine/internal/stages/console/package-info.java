/**
 * The console stages: sink.stdout (rows printed as a table, JSON, JSON lines or CSV) and
 * source.stdin (standard input read as JSON, JSON lines, CSV or raw lines).
 */
package io.conveyor.engine.internal.stages.console;
