package io.conveyor.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * {@code java -jar conveyor.jar ARGS}: starts an embedded OSGi framework, installs the core
 * bundles carried inside this jar, hands the command line to the engine's CLI service and
 * exits with the status it returns.
 *
 * <p>Only {@code java.*} types cross the framework boundary: the CLI is a
 * {@code Function<String[], Integer>} registered with {@code conveyor.cli=main}, so the
 * launcher never loads a class of the API or the engine itself.
 */
public final class Main {
    /** Framework property telling the engine where the running jar is (for its plugin folders). */
    public static final String LAUNCHER_JAR_PROPERTY = "conveyor.launcher.jar";
    /**
     * The TOML parser on the launcher's class path, exported by the system bundle so that the
     * engine (which imports it optionally) uses the copy {@link TomlWarmup} has warmed up. The
     * version is that of the tomlj dependency (checked by a test).
     */
    static final String TOML_PACKAGE = "org.tomlj;version=\"2.2.0\"";
    /** Framework property telling the engine that the launcher warms the TOML parser up itself. */
    static final String TOML_WARMED_PROPERTY = "conveyor.toml.warmup";
    private static final String CLI_FILTER = "(conveyor.cli=main)";
    private static final int EXIT_INTERNAL_ERROR = 1;
    /** Exit status after Ctrl-C (128 + SIGINT), whichever signal stopped the run. */
    private static final int EXIT_INTERRUPTED = 130;

    private final BundleSource bundles;
    private final PrintStream err;
    private final StartupTrace trace;
    private final JdkWarmup warmup;
    /** The remembered system bundle exports, or null when this run has no cache. */
    private final SystemPackages systemPackages;
    private final Object lifecycle = new Object();
    private Framework framework;
    /** Loads the engine's classes beside the launcher's thread, or null. */
    private ClassPreload preload;
    private Path storage;
    private volatile boolean shutDown;
    private volatile boolean commandRunning;
    private volatile Function<String[], Integer> cli;
    private volatile boolean interruptRelayed;
    private volatile long interruptRelayedAt;
    /** Signals closer together than this are one interrupt. */
    private static final long SAME_INTERRUPT_NANOS = 1_000_000_000L;

    Main(BundleSource bundles, PrintStream err) {
        this(bundles, err, JdkWarmup.none());
    }

    /**
     * @param bundles the core bundles to install
     * @param err standard error
     * @param warmup JDK start-up work running beside the framework's start, awaited before the command
     */
    Main(BundleSource bundles, PrintStream err, JdkWarmup warmup) {
        this.bundles = bundles;
        this.err = err;
        this.trace = new StartupTrace(err);
        this.warmup = warmup;
        this.systemPackages = SystemPackages.ofThisJvm().orElse(null);
    }

    /**
     * @param args the command line, handed unchanged to the engine
     */
    public static void main(String[] args) {
        if (!ShellMode.requested(args)) {
            // Start-up: the command runs in a child JVM with a class-data archive when one can be had.
            OptionalInt status = ArchivedRelaunch.runInChild(args, BundleSource.ofRunningJar());
            if (status.isPresent()) {
                System.exit(status.getAsInt());
            }
        }
        if (ShellMode.requested(args)) {
            // Library logging (java.util.logging) would otherwise print INFO lines and stack traces on stderr.
            LibraryLog.install(System.err);
            System.exit(new ShellMode(BundleSource.ofRunningJar(), System.err).run(args));
        }
        // First, on another core: the first parse of the pipeline file, the slowest step of a short run.
        TomlWarmup.start(args);
        // Library logging is installed by the warm-up, which the command waits for.
        Main main = new Main(BundleSource.ofRunningJar(), System.err, JdkWarmup.start(System.err));
        Thread hook = new Thread(main::shutdown, "conveyor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        SignalRelay.install(main::interrupt);
        int status = main.run(args);
        main.shutdown();
        System.exit(status);
    }

    /**
     * Starts the framework, runs the command and stops the framework again.
     *
     * @param args the command line
     * @return the exit status
     */
    int run(String[] args) {
        try {
            Function<String[], Integer> cli = start();
            warmup.await();
            this.cli = cli;
            commandRunning = true;
            Integer status;
            try {
                status = cli.apply(args);
            } finally {
                commandRunning = false;
            }
            trace.mark("command done");
            return status == null ? EXIT_INTERNAL_ERROR : status;
        } catch (BundleException e) {
            if (!shutDown) {
                err.println("conveyor: internal error: the engine did not start: " + describe(e));
            }
            return EXIT_INTERNAL_ERROR;
        } catch (Throwable e) {
            // The engine catches everything itself; this is the last guard against a stack
            // trace. Failures caused by an interruption during start-up are not news.
            if (!shutDown) {
                err.println("conveyor: internal error: " + describe(e));
            }
            return EXIT_INTERNAL_ERROR;
        } finally {
            shutdown();
        }
    }

    private Function<String[], Integer> start() throws Exception {
        Framework fw;
        synchronized (lifecycle) {
            if (shutDown) {
                throw new IllegalStateException("shutting down");
            }
            storage = StorageDir.create();
            String knownPackages = systemPackages == null ? null : systemPackages.read().orElse(null);
            fw = frameworkFactory().newFramework(frameworkProperties(storage, knownPackages));
            framework = fw;
            trace.mark("launcher started");
            fw.init();
            if (systemPackages != null && knownPackages == null) {
                systemPackages.write(fw.getBundleContext().getProperty(Constants.FRAMEWORK_SYSTEMPACKAGES));
            }
        }
        trace.mark("framework initialised");
        BundleContext context = fw.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        BundleSource.Receiver install = (location, in) -> installed.add(context.installBundle(location, in));
        int count;
        try {
            count = bundles.eachCoreBundle(install);
        } catch (BundleException e) {
            if (!bundles.hasExtractedCore()) {
                throw e;
            }
            // The extracted copies went away under this run (the cache was cleared): use the jar's.
            for (Bundle b : installed) {
                b.uninstall();
            }
            installed.clear();
            count = bundles.eachBundleIn(BundleSource.CORE, install);
        }
        if (count == 0) {
            throw new IllegalStateException("no bundles under " + BundleSource.CORE + " in " + bundles);
        }
        trace.mark(count + " core bundles installed");
        fw.start();
        synchronized (lifecycle) {
            if (!shutDown) {
                preload = ClassPreload.start(fw, installed, System.getProperty(ClassPreload.LIST_PROPERTY));
            }
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        trace.mark("bundles started");
        return cliService(context);
    }

    @SuppressWarnings("unchecked")
    private static Function<String[], Integer> cliService(BundleContext context) throws InvalidSyntaxException {
        // getAllServiceReferences: the system bundle is not wired to the engine's packages
        // (NOTES gotcha 6); Function is a java.* type, so there is no class-space clash.
        ServiceReference<?>[] refs = context.getAllServiceReferences(Function.class.getName(), CLI_FILTER);
        if (refs == null || refs.length == 0) {
            throw new IllegalStateException("the engine registered no command-line service");
        }
        Object service = context.getService(refs[0]);
        if (service == null) {
            throw new IllegalStateException("the engine's command-line service is unavailable");
        }
        return (Function<String[], Integer>) service;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<String, String> frameworkProperties(Path storageDir, String knownPackages) {
        Map<String, Object> props = new HashMap<>();
        if (knownPackages != null) {
            // What Felix computed for this JVM on an earlier run (SystemPackages); set, it is taken as is.
            props.put(Constants.FRAMEWORK_SYSTEMPACKAGES, knownPackages);
        }
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, TOML_PACKAGE);
        props.put(TOML_WARMED_PROPERTY, "launcher");
        props.put(Constants.FRAMEWORK_STORAGE, storageDir.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("felix.log.level", "1");
        // Our shutdown hook stops the framework (and then deletes its storage); a second hook
        // from Felix would race it.
        props.put("felix.shutdown.hook", "false");
        props.put(LAUNCHER_JAR_PROPERTY, bundles.jarPath().toString());
        // Felix prints its own log lines to stdout by default; stdout belongs to sink.stdout.
        // Felix accepts a logger object here, found by its log(int, String, Throwable) method.
        props.put("felix.log.logger", new FrameworkLog(err));
        return (Map) props;
    }

    private static FrameworkFactory frameworkFactory() {
        // Felix's factory by name: a ServiceLoader lookup scans the class path and the JDK's
        // modules for providers, some ten milliseconds of every run for the one framework the jar carries.
        return new org.apache.felix.framework.FrameworkFactory();
    }

    /**
     * A signal arrived. While a command runs, the engine is asked to cancel it (its CLI
     * service also accepts a signal name as a {@code Consumer<String>}, a {@code java.*}
     * type); the command then prints its summary and returns 130. Before that, or at a
     * second signal, the process exits at once with 130 and the shutdown hook cleans up.
     *
     * @param signal e.g. {@code SIGINT}
     */
    @SuppressWarnings("unchecked")
    void interrupt(String signal) {
        Function<String[], Integer> running = cli;
        long now = System.nanoTime();
        if (interruptRelayed && now - interruptRelayedAt < SAME_INTERRUPT_NANOS) {
            // Ctrl-C under the relaunching parent arrives twice (from the terminal and passed on
            // by the parent): one interrupt, not a second "stop now".
            return;
        }
        if (commandRunning && !interruptRelayed && running instanceof java.util.function.Consumer) {
            interruptRelayed = true;
            interruptRelayedAt = now;
            err.println("conveyor: interrupted (" + signal + "); stopping");
            ((java.util.function.Consumer<String>) running).accept(signal);
            return;
        }
        err.println("conveyor: interrupted (" + signal + ")");
        System.exit(EXIT_INTERRUPTED);
    }

    /**
     * Stops the framework and deletes its storage. Idempotent; called at the end of
     * {@link #run} and by the shutdown hook on Ctrl-C, whichever comes first.
     */
    void shutdown() {
        synchronized (lifecycle) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            if (commandRunning) {
                // Reached from the shutdown hook (Ctrl-C, SIGTERM) while the engine still works.
                err.println("conveyor: interrupted; stopping");
            }
            if (preload != null) {
                preload.stop();
            }
            if (framework != null) {
                try {
                    framework.stop();
                    framework.waitForStop(10_000);
                } catch (BundleException | InterruptedException e) {
                    err.println("conveyor: warning: the framework did not stop cleanly: " + describe(e));
                }
            }
            if (storage != null) {
                StorageDir.delete(storage, err);
            }
            trace.mark("framework stopped, storage deleted");
        }
    }

    /** @return the framework storage directory, or null before start (for tests) */
    Path storage() {
        synchronized (lifecycle) {
            return storage;
        }
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage() != null ? e.getMessage() : e.toString()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(": ").append(c.getMessage() != null ? c.getMessage() : c.toString());
        }
        return sb.toString();
    }
}
