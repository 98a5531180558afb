package io.conveyor.launcher;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * {@code java -jar conveyor.jar shell [--plugin-dir DIR]...}: an interactive Apache Felix
 * Gogo shell (jline terminal; a dumb one without a tty) with the standard commands and the
 * engine's {@code conveyor:} commands.
 *
 * <p>The Gogo bundles are installed before the engine resolves, so the engine's optional
 * import of the Gogo command package is wired. The framework runs until the shell's login
 * session ends ({@code exit}, end of input), when Gogo stops the framework.
 */
final class ShellMode {
    static final String COMMAND = "shell";
    private static final String PLUGIN_DIR = "--plugin-dir";
    private static final String PLUGIN_PATH_PROPERTY = "conveyor.plugin.path";
    private static final int EXIT_OK = 0;
    private static final int EXIT_ERROR = 1;
    private static final int EXIT_USAGE = 2;

    private final BundleSource bundles;
    private final PrintStream err;
    private final Object lifecycle = new Object();
    private Framework framework;
    private Path storage;
    private boolean stopped;
    private volatile ShellExit exitCommand;

    ShellMode(BundleSource bundles, PrintStream err) {
        this.bundles = bundles;
        this.err = err;
    }

    /** @param args the command line
     *  @return true if it asks for the shell */
    static boolean requested(String[] args) {
        return args.length > 0 && COMMAND.equals(args[0]);
    }

    /**
     * Runs the shell until its session ends.
     *
     * @param args {@code shell} and its options
     * @return the exit status
     */
    int run(String[] args) {
        List<String> pluginDirs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (PLUGIN_DIR.equals(args[i]) && i + 1 < args.length) {
                pluginDirs.add(Path.of(args[++i]).toAbsolutePath().toString());
            } else {
                err.println("conveyor: 'shell' takes only " + PLUGIN_DIR + " DIR options, not '" + args[i]
                        + "'; run pipelines inside the shell with conveyor:run FILE");
                return EXIT_USAGE;
            }
        }
        if (System.console() == null) {
            // No tty (input from a pipe or a file): ask jline for its dumb terminal directly,
            // instead of a warning on stderr that it had to fall back to one.
            System.setProperty("org.jline.terminal.dumb", "true");
        }
        Thread hook = new Thread(this::stop, "conveyor-shell-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Framework fw = start(pluginDirs);
            fw.waitForStop(0);
            ShellExit e = exitCommand;
            return e == null ? EXIT_OK : e.status();
        } catch (Exception e) {
            err.println("conveyor: the shell did not start: " + e.getMessage());
            return EXIT_ERROR;
        } finally {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // The hook is running or has run; nothing to remove.
            }
        }
    }

    private Framework start(List<String> pluginDirs) throws Exception {
        Framework fw;
        synchronized (lifecycle) {
            storage = StorageDir.create();
            Map<String, String> props = new HashMap<>();
            props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
            props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            props.put("felix.log.level", "1");
            props.put("felix.shutdown.hook", "false");
            props.put(Main.LAUNCHER_JAR_PROPERTY, bundles.jarPath().toString());
            if (!pluginDirs.isEmpty()) {
                props.put(PLUGIN_PATH_PROPERTY, String.join(File.pathSeparator, pluginDirs));
            }
            fw = ServiceLoader.load(FrameworkFactory.class, ShellMode.class.getClassLoader()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no OSGi framework inside conveyor.jar"))
                    .newFramework(props);
            framework = fw;
            fw.init();
        }
        BundleContext context = fw.getBundleContext();
        // Everything is installed before anything resolves: the engine's optional import of
        // org.apache.felix.service.command is wired only if Gogo is there at that moment.
        List<Bundle> shell = new ArrayList<>();
        List<Bundle> core = new ArrayList<>();
        if (bundles.eachBundleIn(BundleSource.SHELL, (location, in) -> shell.add(context.installBundle(location, in))) == 0) {
            throw new IllegalStateException("no Gogo bundles under " + BundleSource.SHELL + " in " + bundles);
        }
        bundles.eachBundleIn(BundleSource.CORE, (location, in) -> core.add(context.installBundle(location, in)));
        fw.start();
        Dictionary<String, Object> exit = new Hashtable<>();
        exit.put("osgi.command.scope", "shell");
        exit.put("osgi.command.function", new String[] {"exit"});
        exitCommand = new ShellExit(fw);
        context.registerService(ShellExit.class.getName(), exitCommand, exit);
        // The engine first, so its commands exist when the console reads the first line.
        startAll(core);
        startAll(shell);
        return fw;
    }

    private static void startAll(List<Bundle> list) throws BundleException {
        for (Bundle b : list) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    /** Stops the framework and deletes its storage; idempotent (end of session or Ctrl-C). */
    private void stop() {
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (framework != null) {
                try {
                    framework.stop();
                    framework.waitForStop(10_000);
                } catch (BundleException | InterruptedException e) {
                    err.println("conveyor: warning: the framework did not stop cleanly: " + e.getMessage());
                }
            }
            if (storage != null) {
                StorageDir.delete(storage, err);
            }
        }
    }
}
