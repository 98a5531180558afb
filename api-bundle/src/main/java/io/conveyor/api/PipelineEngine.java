package io.conveyor.api;

import java.nio.file.Path;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The Conveyor engine as an OSGi service: validate and run pipeline files. Registered by
 * the engine bundle; an application in any OSGi container gets it from the service
 * registry. Plugins a pipeline names are taken from the container when it has them, and
 * installed from the plugin directory otherwise.
 */
@ProviderType
public interface PipelineEngine {
    /**
     * Compiles a pipeline file exactly as {@link #run} would, plugins resolved and every
     * stage's configuration checked, without running it.
     *
     * @param file the pipeline file
     * @return every problem found; empty when the file is valid
     */
    ValidationResult validate(Path file);

    /**
     * Like {@link #validate(Path)} for pipeline text that is not in a file.
     *
     * @param toml the pipeline text
     * @param sourceName the name shown in positions (e.g. {@code pipeline.toml}); relative
     *                   paths in the pipeline resolve against the working directory
     * @return every problem found
     */
    ValidationResult validate(String toml, String sourceName);

    /**
     * Compiles and runs a pipeline file to completion.
     *
     * @param file the pipeline file
     * @param variables values for {@code ${NAME}} that take precedence over
     *                  {@code [global.variables]} and the environment; may be empty
     * @return the outcome with per-stage counters; a file that does not compile gives status
     *         {@link RunStatus#INVALID} with its problems
     */
    RunResult run(Path file, Map<String, String> variables);

    /**
     * Starts a run in the background.
     *
     * @param file the pipeline file
     * @param variables as for {@link #run}
     * @return a handle to wait for or cancel the run
     */
    PipelineRun start(Path file, Map<String, String> variables);
}
