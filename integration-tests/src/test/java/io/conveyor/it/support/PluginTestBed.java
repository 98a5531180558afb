package io.conveyor.it.support;

import io.conveyor.engine.internal.plugins.PluginManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fresh framework, an empty plugin directory and a {@link PluginManager} searching only
 * that directory (the process environment's {@code CONVEYOR_PLUGIN_PATH} is ignored), for
 * one test.
 */
public final class PluginTestBed implements AutoCloseable {
    private final FelixHarness felix;
    private final Path pluginDir;
    private final CapturingLog log = new CapturingLog();
    private final PluginManager manager;

    private PluginTestBed(FelixHarness felix, Path pluginDir) {
        this.felix = felix;
        this.pluginDir = pluginDir;
        this.manager = new PluginManager(felix.context(), log.log(), variable -> null);
        manager.setPluginDirs(List.of(pluginDir));
    }

    /** @return a test bed on a default {@link FelixHarness} */
    public static PluginTestBed start() throws Exception {
        return start(Map.of());
    }

    /** @param frameworkProperties as {@link FelixHarness#start(Map)} takes them
     *  @return a test bed */
    public static PluginTestBed start(Map<String, String> frameworkProperties) throws Exception {
        FelixHarness felix = FelixHarness.start(frameworkProperties);
        try {
            return new PluginTestBed(felix, ItPaths.newWorkDir("plugins"));
        } catch (Exception e) {
            felix.close();
            throw e;
        }
    }

    public FelixHarness felix() {
        return felix;
    }

    /** @return the plugin directory the manager searches; tests write fixture jars into it */
    public Path pluginDir() {
        return pluginDir;
    }

    public CapturingLog log() {
        return log;
    }

    public PluginManager manager() {
        return manager;
    }

    @Override
    public void close() throws Exception {
        manager.close();
        felix.close();
    }
}
