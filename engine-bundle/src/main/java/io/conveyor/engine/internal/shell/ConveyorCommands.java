package io.conveyor.engine.internal.shell;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.engine.internal.ConveyorEngine;
import io.conveyor.engine.internal.cli.StageListing;
import io.conveyor.engine.internal.plugins.PluginManager;
import io.conveyor.engine.internal.plugins.PluginStage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;

/**
 * The {@code conveyor:} commands of the Apache Felix Gogo shell. Each returns an object
 * that Gogo prints, so the commands are testable without a console. Nothing a plugin or a
 * pipeline does escapes a command as an exception: the shell stays alive and the returned
 * object says what happened.
 *
 * <p>Registered as a plain service (no Gogo types in its signature), so the engine works
 * in a container without Gogo; {@link Descriptor} is only read when Gogo is there.
 */
public final class ConveyorCommands {
    /** The command scope ({@code osgi.command.scope}). */
    public static final String SCOPE = "conveyor";
    /** The command names ({@code osgi.command.function}). */
    public static final String[] FUNCTIONS = {"plugins", "stages", "load", "unload", "validate", "run"};

    private final ConveyorEngine engine;
    private final PluginManager plugins;

    /**
     * @param engine the engine that validates and runs
     * @param plugins the plugin manager the engine loads plugins with
     */
    public ConveyorCommands(ConveyorEngine engine, PluginManager plugins) {
        this.engine = engine;
        this.plugins = plugins;
    }

    /** @return available and loaded plugins */
    @Descriptor("list available and loaded plugins: name, version, API range, state, location, modules")
    public PluginTable plugins() {
        return new PluginTable(plugins.plugins());
    }

    /** @return every stage type with its options */
    @Descriptor("list every stage type (built-in and from the plugins) with its options; loads each plugin")
    public StageTable stages() {
        return new StageTable(StageListing.of(engine.builtins(), plugins));
    }

    /**
     * @param name a plugin name
     * @return what was loaded, or why not
     */
    @Descriptor("load a plugin: the container's copy if it has one, else from the plugin directories")
    public CommandOutcome load(@Descriptor("plugin name, as in [global].plugins (e.g. http)") String name) {
        String error = plugins.load(name);
        if (error != null) {
            return CommandOutcome.failed(error);
        }
        List<String> modules = plugins.stages(name).stream().map(ConveyorCommands::moduleName).toList();
        return CommandOutcome.ok("plugin '" + name + "' loaded: " + String.join(", ", modules));
    }

    /**
     * @param name a plugin name
     * @return done, or why not
     */
    @Descriptor("unload a plugin: uninstalls it if the engine installed it, else only forgets it")
    public CommandOutcome unload(@Descriptor("plugin name") String name) {
        String error = plugins.unload(name);
        return error == null ? CommandOutcome.ok("plugin '" + name + "' unloaded") : CommandOutcome.failed(error);
    }

    /**
     * @param file a pipeline file
     * @return every problem found
     */
    @Descriptor("compile a pipeline file, plugins resolved and stage options checked, without running it")
    public ValidationReport validate(@Descriptor("pipeline file (relative to the working directory)") String file) {
        return ValidationReport.of(file, engine.validate(Path.of(file)));
    }

    /**
     * @param file a pipeline file
     * @return the outcome with per-stage counters
     */
    @Descriptor("run a pipeline file to completion and show its per-stage counters")
    public RunReport run(@Descriptor("pipeline file (relative to the working directory)") String file) {
        RunResult result;
        try {
            result = engine.run(Path.of(file), Map.of());
        } catch (RuntimeException | LinkageError e) {
            // The executor turns stage failures into a FAILED result; anything reaching here
            // is an engine fault, reported without taking the shell down.
            result = new RunResult(null, RunStatus.FAILED, List.of(), List.of(),
                    "internal error: " + e, 0);
        }
        return new RunReport(file, result);
    }

    private static String moduleName(PluginStage s) {
        return s.kind().id() + ":" + s.module();
    }
}
