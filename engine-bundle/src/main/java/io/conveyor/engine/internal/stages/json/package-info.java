/**
 * source.json and sink.json: JSON arrays of records and JSON lines, read with Jackson's streaming parser.
 */
package io.conveyor.engine.internal.stages.json;
