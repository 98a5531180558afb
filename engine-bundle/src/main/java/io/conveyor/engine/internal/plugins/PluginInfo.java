package io.conveyor.engine.internal.plugins;

import java.util.List;

/** One plugin as {@code conveyor plugins} shows it. */
public final class PluginInfo {
    private final String name;
    private final String version;
    private final String apiRange;
    private final String state;
    private final String location;
    private final List<String> modules;
    private final String description;

    /**
     * @param name plugin name
     * @param version bundle version
     * @param apiRange the {@code io.conveyor.api} import range
     * @param state {@code available}, {@code loaded}, {@code stopped}, {@code failed}, ...
     * @param location where it comes from (a jar path, {@code conveyor.jar!/bundles/plugins/http}, {@code container})
     * @param modules {@code kind:name} of each registered factory (empty unless loaded)
     * @param description bundle description
     */
    public PluginInfo(String name, String version, String apiRange, String state, String location,
                      List<String> modules, String description) {
        this.name = name;
        this.version = version;
        this.apiRange = apiRange;
        this.state = state;
        this.location = location;
        this.modules = List.copyOf(modules);
        this.description = description;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String apiRange() {
        return apiRange;
    }

    public String state() {
        return state;
    }

    public String location() {
        return location;
    }

    public List<String> modules() {
        return modules;
    }

    public String description() {
        return description;
    }
}
