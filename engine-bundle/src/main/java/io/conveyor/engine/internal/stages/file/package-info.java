/**
 * What the file stages share: glob expansion, byte counting, and output written to a temporary file renamed into place on success.
 */
package io.conveyor.engine.internal.stages.file;
