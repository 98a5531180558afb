package io.conveyor.engine.internal;

import io.conveyor.api.ConveyorApi;
import io.conveyor.api.PipelineEngine;
import io.conveyor.engine.internal.cli.Cli;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.plugins.PluginManager;
import io.conveyor.engine.internal.shell.ConveyorCommands;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Function;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

/**
 * Starts the engine: creates the log, the plugin manager and the engine, and registers the
 * {@link PipelineEngine} service and the command-line service ({@code Function<String[], Integer>}
 * with {@code conveyor.cli=main}, which the launcher calls with {@code java.*} types only) and
 * the {@code conveyor:} Gogo commands.
 * An activator rather than DS: the engine must work in a container without SCR, and SCR is
 * installed on demand by the plugin manager only when a plugin needs it.
 */
public final class EngineActivator implements BundleActivator {
    /** Service property marking the command-line service the launcher looks up. */
    public static final String CLI_PROPERTY = "conveyor.cli";
    /** Framework property: {@code launcher} when conveyor.jar's launcher warms the TOML parser up. */
    static final String LAUNCHER_WARMUP_PROPERTY = "conveyor.toml.warmup";

    /** How long stopping waits for a cancelled command to print its summary; short, as a user pressed Ctrl-C. */
    private static final long COMMAND_GRACE_MILLIS = 2_000;

    private PluginManager plugins;
    private ConveyorEngine engine;
    private Cli cli;
    private ParserWarmup warmup;

    @Override
    public void start(BundleContext context) {
        // First: the TOML parser warms up on the second core while the rest of start-up runs here,
        // unless the launcher (which has given the engine its own, warmed copy) does that already.
        if (!"launcher".equals(context.getProperty(LAUNCHER_WARMUP_PROPERTY))) {
            warmup = ParserWarmup.start();
        }
        Log log = new Log(System.err, LogLevel.INFO);
        plugins = new PluginManager(context, log);
        engine = new ConveyorEngine(BuiltinStages.standard(), plugins, log, System.getenv());
        context.registerService(PipelineEngine.class, engine, null);

        Version v = context.getBundle().getVersion();
        String version = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        cli = new Cli(engine, plugins::setPluginDirs, log, version, System.out, System.err);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CLI_PROPERTY, "main");
        props.put("conveyor.api.version", ConveyorApi.PLUGIN_API_VERSION);
        context.registerService(Function.class, cli, props);

        // A plain service: Gogo finds commands by these properties, so the engine needs no
        // Gogo at all in a container without a shell.
        Dictionary<String, Object> commands = new Hashtable<>();
        commands.put("osgi.command.scope", ConveyorCommands.SCOPE);
        commands.put("osgi.command.function", ConveyorCommands.FUNCTIONS);
        context.registerService(ConveyorCommands.class, new ConveyorCommands(engine, plugins), commands);
    }

    @Override
    public void stop(BundleContext context) {
        // Services are unregistered by the framework; runs in progress are cancelled first so
        // no stage calls into a plugin that is being stopped.
        if (engine != null) {
            engine.close();
        }
        if (cli != null) {
            cli.awaitIdle(COMMAND_GRACE_MILLIS);
        }
        if (plugins != null) {
            try {
                plugins.close();
            } catch (RuntimeException e) {
                System.err.println("conveyor: warning: stopping the plugin manager: " + e.getMessage());
            }
        }
        if (warmup != null) {
            // Its classes come from this bundle's jar, which the framework closes once we return.
            warmup.await(COMMAND_GRACE_MILLIS);
        }
    }
}
