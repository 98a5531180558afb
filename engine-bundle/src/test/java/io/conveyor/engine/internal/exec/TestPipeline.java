package io.conveyor.engine.internal.exec;

import io.conveyor.api.StageFactory;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.config.CompiledStage;
import io.conveyor.engine.internal.config.ErrorHandling;
import io.conveyor.engine.internal.config.GlobalSettings;
import io.conveyor.engine.internal.config.SecretMasker;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.testkit.TestStageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a {@link CompiledPipeline} directly, as the compiler would, for executor and stage tests. */
public final class TestPipeline {
    private final List<CompiledStage> stages = new ArrayList<>();
    private ErrorHandling.Strategy strategy = ErrorHandling.Strategy.STOP;
    private int maxRetries = 3;
    private double retryDelay;
    private Path deadLetters;
    private int maxParallel = 4;
    private long timeoutSeconds;
    private SecretMasker masker = SecretMasker.none();

    public TestPipeline stage(String id, StageFactory factory, String... inputs) {
        return stage(id, factory, null, Map.of(), inputs);
    }

    public TestPipeline pluginStage(String id, String plugin, StageFactory factory, String... inputs) {
        return stage(id, factory, plugin, Map.of(), inputs);
    }

    public TestPipeline stage(String id, StageFactory factory, String plugin, Map<String, ?> config, String... inputs) {
        String type = factory.descriptor().kind().id() + "." + factory.descriptor().name();
        stages.add(new CompiledStage(id, type, factory, List.of(inputs),
                TestStageConfig.of(factory.descriptor(), config).withStage(id, type)
                        .withBaseDir(Path.of(".")).withSource("test.toml", 1, 1),
                plugin, null));
        return this;
    }

    /**
     * Gives the stage added last its own {@code on_error} and {@code timeout_seconds}.
     *
     * @param onError the override, or null
     * @param timeoutSeconds 0 for none
     */
    public TestPipeline with(ErrorHandling.Strategy onError, long timeoutSeconds) {
        CompiledStage s = stages.remove(stages.size() - 1);
        stages.add(new CompiledStage(s.id(), s.type(), s.factory(), s.inputs(), s.config(), s.plugin(), onError,
                timeoutSeconds));
        return this;
    }

    public TestPipeline retryDelaySeconds(double seconds) {
        this.retryDelay = seconds;
        return this;
    }

    public TestPipeline strategy(ErrorHandling.Strategy s, int retries) {
        this.strategy = s;
        this.maxRetries = retries;
        return this;
    }

    public TestPipeline deadLetters(Path p) {
        this.deadLetters = p;
        return this;
    }

    public TestPipeline maxParallel(int n) {
        this.maxParallel = n;
        return this;
    }

    public TestPipeline timeoutSeconds(long s) {
        this.timeoutSeconds = s;
        return this;
    }

    public TestPipeline masker(SecretMasker m) {
        this.masker = m;
        return this;
    }

    public CompiledPipeline build() {
        return new CompiledPipeline("test", "", null,
                new GlobalSettings(LogLevel.INFO, List.of(), maxParallel, timeoutSeconds, Map.of()),
                new ErrorHandling(strategy, maxRetries, retryDelay, deadLetters), stages, masker);
    }
}
