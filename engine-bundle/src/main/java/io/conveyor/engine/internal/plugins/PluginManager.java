package io.conveyor.engine.internal.plugins;

import io.conveyor.engine.internal.log.Log;
import java.nio.file.Path;
import java.util.List;
import org.osgi.framework.BundleContext;

/** STUB for parallel work: replaced by the real plugin manager at merge. */
public final class PluginManager implements PluginLoader {
    public PluginManager(BundleContext context, Log log) {
    }

    public void setPluginDirs(List<Path> dirs) {
        throw new UnsupportedOperationException("PluginManager is a stub");
    }

    @Override
    public String load(String name) {
        throw new UnsupportedOperationException("PluginManager is a stub");
    }

    @Override
    public List<PluginStage> stages(String name) {
        throw new UnsupportedOperationException("PluginManager is a stub");
    }

    @Override
    public void stopOnError(String name, Throwable failure) {
        throw new UnsupportedOperationException("PluginManager is a stub");
    }

    @Override
    public List<PluginInfo> plugins() {
        throw new UnsupportedOperationException("PluginManager is a stub");
    }

    public String unload(String name) {
        throw new UnsupportedOperationException("PluginManager is a stub");
    }

    public void close() {
        throw new UnsupportedOperationException("PluginManager is a stub");
    }
}
