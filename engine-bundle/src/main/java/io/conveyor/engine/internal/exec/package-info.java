/**
 * Runs a compiled pipeline: {@link io.conveyor.engine.internal.exec.PipelineExecutor} streams
 * batches through the stage graph on one thread per stage, over bounded queues, under the
 * pipeline's error strategy; {@link io.conveyor.engine.internal.exec.RunControl} lets the
 * caller cancel a run and follow its counters.
 */
package io.conveyor.engine.internal.exec;
