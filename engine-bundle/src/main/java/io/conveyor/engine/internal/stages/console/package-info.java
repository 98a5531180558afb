/**
 * sink.stdout: rows printed on standard output as a table, JSON, JSON lines or CSV.
 */
package io.conveyor.engine.internal.stages.console;
