package io.conveyor.engine.internal.exec;

import io.conveyor.engine.internal.plugins.PluginInfo;
import io.conveyor.engine.internal.plugins.PluginLoader;
import io.conveyor.engine.internal.plugins.PluginStage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A plugin loader that only records which plugins the executor asked to stop, and why. */
public final class RecordingPluginLoader implements PluginLoader {
    public final Map<String, Throwable> stopped = new ConcurrentHashMap<>();

    @Override
    public String load(String name) {
        return null;
    }

    @Override
    public List<PluginStage> stages(String name) {
        return List.of();
    }

    @Override
    public void stopOnError(String name, Throwable failure) {
        stopped.put(name, failure);
    }

    @Override
    public List<PluginInfo> plugins() {
        return List.of();
    }
}
