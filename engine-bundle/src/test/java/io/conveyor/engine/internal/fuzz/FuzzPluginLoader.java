package io.conveyor.engine.internal.fuzz;

import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.plugins.PluginInfo;
import io.conveyor.engine.internal.plugins.PluginLoader;
import io.conveyor.engine.internal.plugins.PluginStage;
import io.conveyor.engine.internal.stages.console.StdoutSinkFactory;
import io.conveyor.engine.internal.stages.json.JsonSourceFactory;
import io.conveyor.engine.internal.stages.transform.SelectFactory;
import java.util.List;

/**
 * The plugins fuzzed pipelines may name: {@code demo} (a source, a sink and a transform module
 * {@code upper}, backed by real built-in factories so their validation runs) and
 * {@code broken} (fails to load); any other name is not found.
 */
final class FuzzPluginLoader implements PluginLoader {
    private static final List<PluginStage> DEMO = List.of(
            new PluginStage("demo", StageKind.SOURCE, "demo", new JsonSourceFactory()),
            new PluginStage("demo", StageKind.TRANSFORM, "upper", new SelectFactory()),
            new PluginStage("demo", StageKind.SINK, "demo", new StdoutSinkFactory()));

    @Override
    public String load(String name) {
        return switch (name) {
            case "demo" -> null;
            case "broken" -> "Plugin 'broken' panicked during loading: boom";
            default -> "Plugin '" + name + "' not found in plugins directory (searched: /fuzz/plugins); available: demo, broken";
        };
    }

    @Override
    public List<PluginStage> stages(String name) {
        return name.equals("demo") ? DEMO : List.of();
    }

    @Override
    public void stopOnError(String name, Throwable failure) {
        throw new UnsupportedOperationException("the compiler never runs plugins");
    }

    @Override
    public List<PluginInfo> plugins() {
        return List.of(new PluginInfo("demo", "1.0.0", "[0.3,0.4)", "available", "fuzz", List.of(), ""),
                new PluginInfo("broken", "1.0.0", "[0.3,0.4)", "available", "fuzz", List.of(), ""));
    }
}
