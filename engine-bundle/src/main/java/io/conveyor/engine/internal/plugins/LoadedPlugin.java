package io.conveyor.engine.internal.plugins;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A plugin the manager has loaded: its bundle, the libraries installed for it, the stage
 * factories it registered (with the service usages held for them), and whether it was
 * stopped after a run-time failure.
 */
final class LoadedPlugin {
    private final String name;
    private final Bundle bundle;
    private final boolean owned;
    private final List<Bundle> libraries;
    private final String where;
    private final List<PluginStage> stages;
    private final List<ServiceReference<?>> usages;
    private String failure;

    /**
     * @param name the plugin name
     * @param bundle the plugin bundle, null for a plugin that is only services of the container
     * @param owned true if the manager installed it (and so may uninstall it)
     * @param libraries library bundles claimed for it
     * @param where where it came from, for {@code conveyor plugins}
     * @param stages its stage factories
     * @param usages the service references gotten for {@code stages}
     */
    LoadedPlugin(String name, Bundle bundle, boolean owned, List<Bundle> libraries, String where,
                 List<PluginStage> stages, List<ServiceReference<?>> usages) {
        this.name = name;
        this.bundle = bundle;
        this.owned = owned;
        this.libraries = List.copyOf(libraries);
        this.where = where;
        this.stages = List.copyOf(stages);
        this.usages = new ArrayList<>(usages);
    }

    String name() {
        return name;
    }

    Bundle bundle() {
        return bundle;
    }

    boolean owned() {
        return owned;
    }

    List<Bundle> libraries() {
        return libraries;
    }

    String where() {
        return where;
    }

    /** @return the factories, or none once stopped */
    List<PluginStage> stages() {
        return failure == null ? stages : List.of();
    }

    /** @return the first failure it was stopped for, or null while it runs */
    String failure() {
        return failure;
    }

    /** @param why the failure it is stopped for; later failures keep the first */
    void markStopped(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    /** Gives back every service usage held for the stage factories. */
    void releaseServices(BundleContext context) {
        for (ServiceReference<?> ref : usages) {
            try {
                context.ungetService(ref);
            } catch (RuntimeException ignored) {
                // The service is already gone with its bundle.
            }
        }
        usages.clear();
    }
}
