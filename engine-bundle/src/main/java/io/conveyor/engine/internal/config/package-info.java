/**
 * The pipeline compiler: a TOML file in, a {@link io.conveyor.engine.internal.config.CompiledPipeline}
 * out. {@link io.conveyor.engine.internal.config.PipelineCompiler} runs the passes in order, one
 * class each: parsing ({@code TomlDocument}), the shape check ({@code DeclarationReader}),
 * variables ({@code InterpolationPass}, {@code Interpolator}), the graph ({@code GraphCheck}
 * over {@link io.conveyor.engine.internal.graph.PipelineGraph}), stage types
 * ({@code StageResolver}) and stage configs ({@code ConfigBinder},
 * {@link io.conveyor.engine.internal.config.BoundStageConfig}). Every pass reports into one
 * {@code ProblemCollector}, so a file with many mistakes fails once, listing all of them.
 */
package io.conveyor.engine.internal.config;
