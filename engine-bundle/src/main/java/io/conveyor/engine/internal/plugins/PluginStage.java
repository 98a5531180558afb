package io.conveyor.engine.internal.plugins;

import io.conveyor.api.StageFactory;
import io.conveyor.api.StageKind;

/**
 * A stage factory a loaded plugin registered: plugin name, kind, module name (the
 * {@code conveyor.stage.name} service property) and the factory object.
 */
public final class PluginStage {
    private final String plugin;
    private final StageKind kind;
    private final String module;
    private final StageFactory factory;

    public PluginStage(String plugin, StageKind kind, String module, StageFactory factory) {
        this.plugin = plugin;
        this.kind = kind;
        this.module = module;
        this.factory = factory;
    }

    public String plugin() {
        return plugin;
    }

    public StageKind kind() {
        return kind;
    }

    public String module() {
        return module;
    }

    public StageFactory factory() {
        return factory;
    }
}
