package io.conveyor.engine.internal.config;

import io.conveyor.engine.internal.log.LogLevel;
import java.util.List;
import java.util.Map;

/**
 * The pipeline file after the shape check, before interpolation: every known key read with
 * its type checked, defaults applied where the file is silent.
 *
 * @param name {@code [pipeline].name}, or null if missing
 * @param description {@code [pipeline].description}, or null
 * @param logLevel {@code [global].log_level}
 * @param plugins {@code [global].plugins} with their paths, in file order
 * @param maxParallelTasks {@code [global].max_parallel_tasks}
 * @param timeoutSeconds {@code [global].timeout_seconds}, 0 for none
 * @param variables {@code [global.variables]} as text, before interpolation
 * @param strategy {@code [error_handling].strategy}
 * @param maxRetries {@code [error_handling].max_retries}
 * @param retryDelaySeconds {@code [error_handling].retry_delay_seconds}
 * @param deadLetterPath the dead-letter path as written when the queue is enabled, else null
 * @param stages the stage entries, in file order
 */
record PipelineDeclaration(String name, String description, LogLevel logLevel, List<LocatedString> plugins,
                           int maxParallelTasks, long timeoutSeconds, Map<String, String> variables,
                           ErrorHandling.Strategy strategy, int maxRetries, double retryDelaySeconds,
                           String deadLetterPath, List<StageDeclaration> stages) {
}
