package io.conveyor.engine.internal.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Makes sure a Declarative Services runtime (SCR) runs before a plugin that uses DS is
 * started. SCR is installed on demand only, so that a run without plugins starts fast:
 * from the launcher jar ({@code bundles/scr/*.jar}) or, for tests and embedding, from the
 * directory named by the framework property {@value #SCR_DIR_PROPERTY}.
 */
final class ScrProvisioner {
    /** Framework property: a directory holding the SCR bundles. */
    static final String SCR_DIR_PROPERTY = "conveyor.scr.dir";
    private static final String EXTENDER = "osgi.extender";
    private static final String COMPONENT_EXTENDER = "osgi.component";
    private static final String USER = "scr";

    private final BundleContext context;
    private final BundleInstaller installer;
    private final Path launcherJar;

    ScrProvisioner(BundleContext context, BundleInstaller installer, Path launcherJar) {
        this.context = context;
        this.installer = installer;
        this.launcherJar = launcherJar;
    }

    /** @return true if a bundle providing the {@code osgi.component} extender is installed */
    boolean present() {
        return provider() != null;
    }

    /**
     * Starts the installed SCR, or installs and starts it.
     *
     * @param plugin the plugin that needs it, for messages
     * @throws LoadFailure if SCR is not available or does not start
     */
    void ensure(String plugin) throws LoadFailure {
        Bundle existing = provider();
        if (existing != null) {
            if (existing.getState() != Bundle.ACTIVE) {
                start(plugin, List.of(existing));
            }
            return;
        }
        List<BundleArchive> archives = archives(plugin);
        List<Bundle> bundles = new ArrayList<>();
        try {
            for (BundleArchive a : archives) {
                bundles.add(installer.install(a, USER));
            }
        } catch (Exception e) {
            installer.release(bundles, USER);
            throw new LoadFailure("Plugin '" + plugin + "' uses Declarative Services, but installing SCR failed: "
                    + LoadFailure.describe(LoadFailure.unwrap(e)));
        }
        context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(bundles);
        start(plugin, bundles);
    }

    private void start(String plugin, List<Bundle> bundles) throws LoadFailure {
        for (Bundle b : bundles) {
            if (b.getHeaders("").get("Fragment-Host") != null || b.getState() == Bundle.ACTIVE) {
                continue;
            }
            try {
                b.start();
            } catch (Throwable t) {
                throw new LoadFailure("Plugin '" + plugin + "' uses Declarative Services, but SCR bundle "
                        + b.getSymbolicName() + " does not start: " + LoadFailure.describe(LoadFailure.unwrap(t)));
            }
        }
    }

    private List<BundleArchive> archives(String plugin) throws LoadFailure {
        String dir = context.getProperty(SCR_DIR_PROPERTY);
        try {
            if (dir != null && !dir.isBlank() && Files.isDirectory(Path.of(dir))) {
                List<BundleArchive> out = new ArrayList<>();
                try (Stream<Path> files = Files.list(Path.of(dir))) {
                    for (Path p : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                        out.add(BundleArchive.onDisk(p));
                    }
                }
                if (!out.isEmpty()) {
                    return out;
                }
            }
            if (launcherJar != null && Files.isRegularFile(launcherJar)) {
                try (JarFile jf = new JarFile(launcherJar.toFile())) {
                    List<BundleArchive> out = PluginCatalog.launcherJars(launcherJar, jf, "bundles/scr/");
                    if (!out.isEmpty()) {
                        return out;
                    }
                }
            }
        } catch (IOException e) {
            throw new LoadFailure("Plugin '" + plugin + "' uses Declarative Services, but the SCR bundles cannot be read: "
                    + LoadFailure.describe(e));
        }
        List<String> looked = new ArrayList<>();
        if (launcherJar != null) {
            looked.add(launcherJar + "!/bundles/scr");
        }
        looked.add(dir == null || dir.isBlank() ? "framework property " + SCR_DIR_PROPERTY + " is not set"
                                                : dir + " (" + SCR_DIR_PROPERTY + ")");
        throw new LoadFailure("Plugin '" + plugin + "' uses Declarative Services, but no SCR bundle is installed or found ("
                + String.join("; ", looked) + "); install org.apache.felix.scr in the container");
    }

    private Bundle provider() {
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            BundleRevision rev = b.adapt(BundleRevision.class);
            if (rev == null) {
                continue;
            }
            for (BundleCapability cap : rev.getDeclaredCapabilities(EXTENDER)) {
                if (COMPONENT_EXTENDER.equals(cap.getAttributes().get(EXTENDER))) {
                    return b;
                }
            }
        }
        return null;
    }
}
