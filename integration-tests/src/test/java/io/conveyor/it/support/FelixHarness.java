package io.conveyor.it.support;

import io.conveyor.api.ConveyorApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A fresh Apache Felix framework for one test, started in-process with its storage in a
 * temporary directory that {@link #close()} deletes.
 *
 * <p>The system bundle exports {@code io.conveyor.api} at the plugin API version (and
 * {@code io.conveyor.api.output} at its own), from the
 * test's own class path, so bundles installed here wire to the same API classes the test
 * sees and the test can run the engine's {@code PluginManager} on {@link #context()} and
 * cast the services it gets (NOTES gotcha 6). The framework property
 * {@code conveyor.scr.dir} points at {@code target/bundles/scr}, from where the plugin
 * manager installs SCR when a plugin needs it.
 *
 * <pre>{@code
 * try (FelixHarness felix = FelixHarness.start()) {
 *     PluginManager plugins = new PluginManager(felix.context(), log);
 *     ...
 * }
 * }</pre>
 */
public final class FelixHarness implements AutoCloseable {
    private final Framework framework;
    private final Path storage;

    private FelixHarness(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /** @return a started framework with the default configuration */
    public static FelixHarness start() throws Exception {
        return start(Map.of());
    }

    /**
     * @param extra framework properties added to (or replacing) the defaults, e.g.
     *              {@code conveyor.launcher.jar}; a value of {@code ""} removes a default
     * @return a started framework
     */
    public static FelixHarness start(Map<String, String> extra) throws Exception {
        Path storage = ItPaths.newWorkDir("felix");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Both API packages; io.conveyor.api.output is versioned on its own (its package-info).
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                "io.conveyor.api;version=" + ConveyorApi.PLUGIN_API_VERSION + ",io.conveyor.api.output;version=0.1.0");
        config.put("conveyor.scr.dir", ItPaths.scrDir().toString());
        extra.forEach((k, v) -> {
            if (v.isEmpty()) {
                config.remove(k);
            } else {
                config.put(k, v);
            }
        });
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi FrameworkFactory on the test class path"));
        Framework framework = factory.newFramework(config);
        framework.start();
        return new FelixHarness(framework, storage);
    }

    public Framework framework() {
        return framework;
    }

    /** @return the system bundle's context */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** @return the symbolic names of every installed bundle (the system bundle included), sorted */
    public TreeSet<String> bundleNames() {
        TreeSet<String> out = new TreeSet<>();
        for (Bundle b : context().getBundles()) {
            out.add(b.getSymbolicName());
        }
        return out;
    }

    /**
     * @param symbolicName a Bundle-SymbolicName
     * @return the installed bundle with that name, or null
     */
    public Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** @return the number of installed bundles with that symbolic name */
    public long count(String symbolicName) {
        return Stream.of(context().getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).count();
    }

    /** @return true while the framework is ACTIVE */
    public boolean running() {
        return framework.getState() == Bundle.ACTIVE;
    }

    /** Stops the framework, waits for it, deletes its storage. */
    @Override
    public void close() throws BundleException, InterruptedException, IOException {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } finally {
            try (Stream<Path> files = Files.walk(storage)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
