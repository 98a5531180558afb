package io.conveyor.engine.internal.faults;

import io.conveyor.api.BatchStream;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageException;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.exec.FakeStages;
import io.conveyor.engine.internal.plugins.PluginInfo;
import io.conveyor.engine.internal.plugins.PluginLoader;
import io.conveyor.engine.internal.plugins.PluginStage;
import java.util.List;
import java.util.Map;

/**
 * A plugin loader offering plugin {@code fake} without a framework, so that command-line
 * tests can write pipeline files: {@code plugin.fake.endless} (numbers until cancelled) and
 * {@code plugin.fake.leaky} (logs, rejects and fails with its {@code url} option in every
 * message, to prove those are masked).
 */
final class FakePlugin implements PluginLoader {
    static final String NAME = "fake";

    @Override
    public String load(String name) {
        return NAME.equals(name) ? null : "Plugin '" + name + "' not found";
    }

    @Override
    public List<PluginStage> stages(String name) {
        if (!NAME.equals(name)) {
            return List.of();
        }
        return List.of(new PluginStage(NAME, StageKind.SOURCE, "endless", new Endless()),
                new PluginStage(NAME, StageKind.SOURCE, "leaky", new Leaky()));
    }

    @Override
    public void stopOnError(String name, Throwable failure) {
    }

    @Override
    public List<PluginInfo> plugins() {
        return List.of(new PluginInfo(NAME, "1.0.0", "[0.3,0.4)", "available", "/p/fake.jar", List.of(), ""));
    }

    /** Batches of 100 numbers, one every millisecond, until the run is cancelled. */
    static final class Endless implements SourceFactory {
        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(StageKind.SOURCE, "endless").build();
        }

        @Override
        public BatchStream open(StageConfig config, StageContext context) {
            return new BatchStream() {
                long next;

                @Override
                public RecordBatch next() throws Exception {
                    Thread.sleep(1);
                    RecordBatch b = FakeStages.numbers(next, 100);
                    next += 100;
                    return b;
                }
            };
        }
    }

    /** Puts its {@code url} into a log line, a rejected record's error and its failure. */
    static final class Leaky implements SourceFactory {
        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(StageKind.SOURCE, "leaky")
                    .option(OptionSpec.string("url").required().describe("where to read")).build();
        }

        @Override
        public BatchStream open(StageConfig config, StageContext context) throws Exception {
            String url = config.getString("url");
            context.log().info("connecting to " + url);
            return new BatchStream() {
                int calls;

                @Override
                public RecordBatch next() throws Exception {
                    if (calls++ == 0) {
                        context.reject(Map.of("url", url), "refused by " + url);
                        context.report("last_url", url);
                        return FakeStages.numbers(0, 10);
                    }
                    throw new StageException("cannot read page 2 of " + url, new IllegalStateException(url));
                }
            };
        }
    }
}
