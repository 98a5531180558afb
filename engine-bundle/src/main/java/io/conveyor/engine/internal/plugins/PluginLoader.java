package io.conveyor.engine.internal.plugins;

import java.util.List;

/**
 * What the compiler and executor need from the plugin manager. The real implementation
 * ({@link PluginManager}) works on the OSGi framework; tests of the compiler and executor
 * may use their own.
 */
public interface PluginLoader {
    /**
     * Makes sure plugin {@code name} is installed, started, and has registered at least one
     * stage factory. Never throws: every failure, including a {@link Throwable} raised by the
     * plugin's own code, is returned as the message the user sees
     * ({@code Plugin 'NAME' not found in plugins directory (searched: ...)},
     * {@code Plugin API version mismatch: plugin=0.2.0, host=0.3.0},
     * {@code Plugin 'NAME' panicked during loading: ...}, {@code Plugin 'NAME' provides no modules},
     * ...).
     *
     * @param name the plugin name from {@code [global].plugins}
     * @return null when the plugin is ready, else the error message
     */
    String load(String name);

    /**
     * @param name a plugin name
     * @return the stage factories that plugin has registered (empty if not loaded)
     */
    List<PluginStage> stages(String name);

    /**
     * Called by the executor when code of plugin {@code name} threw something unexpected
     * while running: the plugin's bundle is stopped so nothing else calls into it.
     *
     * @param name the plugin
     * @param failure what it threw
     */
    void stopOnError(String name, Throwable failure);

    /** @return every plugin known: available on the plugin path and loaded ones */
    List<PluginInfo> plugins();
}
