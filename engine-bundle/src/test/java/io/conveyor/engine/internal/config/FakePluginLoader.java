package io.conveyor.engine.internal.config;

import io.conveyor.api.StageFactory;
import io.conveyor.engine.internal.plugins.PluginInfo;
import io.conveyor.engine.internal.plugins.PluginLoader;
import io.conveyor.engine.internal.plugins.PluginStage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plugin loader over in-memory plugins; records every load call. */
final class FakePluginLoader implements PluginLoader {
    private final Map<String, List<PluginStage>> available = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Map<String, RuntimeException> throwing = new LinkedHashMap<>();
    private final List<String> loads = new ArrayList<>();
    private final List<String> loaded = new ArrayList<>();

    FakePluginLoader plugin(String name, PluginStage... stages) {
        available.put(name, List.of(stages));
        return this;
    }

    /** Makes {@code load(name)} fail with {@code message}. */
    FakePluginLoader failing(String name, String message) {
        failures.put(name, message);
        return this;
    }

    /** Makes {@code load(name)} break its contract and throw. */
    FakePluginLoader throwing(String name, RuntimeException e) {
        throwing.put(name, e);
        return this;
    }

    static PluginStage module(String plugin, String module, StageFactory factory) {
        return new PluginStage(plugin, factory.descriptor().kind(), module, factory);
    }

    List<String> loads() {
        return loads;
    }

    @Override
    public String load(String name) {
        loads.add(name);
        if (throwing.containsKey(name)) {
            throw throwing.get(name);
        }
        if (failures.containsKey(name)) {
            return failures.get(name);
        }
        if (!available.containsKey(name)) {
            return "Plugin '" + name + "' not found in plugins directory (searched: /opt/conveyor/plugins); "
                    + "available: " + String.join(", ", available.keySet());
        }
        loaded.add(name);
        return null;
    }

    @Override
    public List<PluginStage> stages(String name) {
        return loaded.contains(name) ? available.get(name) : List.of();
    }

    @Override
    public void stopOnError(String name, Throwable failure) {
        throw new UnsupportedOperationException("compiler tests do not run plugins");
    }

    @Override
    public List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (String name : available.keySet()) {
            out.add(new PluginInfo(name, "1.0.0", "[0.3,0.4)", loaded.contains(name) ? "loaded" : "available",
                    "test", List.of(), ""));
        }
        return out;
    }
}
