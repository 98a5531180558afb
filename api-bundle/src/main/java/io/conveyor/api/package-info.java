/**
 * The Conveyor plugin API: the package a plugin compiles against (with
 * {@code io.conveyor.api.output}, helpers for sinks, versioned on its own).
 *
 * <p>It holds the stage SPI ({@link io.conveyor.api.SourceFactory},
 * {@link io.conveyor.api.TransformFactory}, {@link io.conveyor.api.SinkFactory}), the
 * columnar data model ({@link io.conveyor.api.RecordBatch}), typed configuration access
 * with positioned errors ({@link io.conveyor.api.StageConfig}), the error types and the
 * {@link io.conveyor.api.PipelineEngine} service. The package version is the plugin API
 * version, {@link io.conveyor.api.ConveyorApi#PLUGIN_API_VERSION}; while it is 0.x a minor
 * bump is a breaking change, so plugins import it with the range {@code [0.3,0.4)}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package io.conveyor.api;
