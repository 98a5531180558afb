package io.conveyor.engine.internal.config;

import io.conveyor.api.StageConfig;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageFactory;
import io.conveyor.api.StageKind;
import java.util.List;

/**
 * One stage resolved to its factory: id, type as written, kind, inputs in order, the
 * validated config, and the plugin it comes from (null for built-ins).
 */
public final class CompiledStage {
    private final String id;
    private final String type;
    private final StageFactory factory;
    private final List<String> inputs;
    private final StageConfig config;
    private final String plugin;
    private final ErrorHandling.Strategy onError;
    private final long timeoutSeconds;
    private final List<InputCutoff> inputCutoffs;

    /**
     * A plan rewrite's note on one of a stage's inputs ({@code input}, in {@code inputs} order):
     * rows whose column {@code key} sorts after the cut-off that stage {@code from} publishes
     * while it runs (its top-N) are dropped as they arrive (see {@link TopNCutoffPass}); with
     * {@code atSource}, the CSV source that feeds that input (and nothing else) drops them
     * already as it builds its batches. {@code key} is the sort's first key under the name it
     * has at that input.
     */
    public record InputCutoff(String from, String key, boolean atSource, int input) {
    }

    public CompiledStage(String id, String type, StageFactory factory, List<String> inputs, StageConfig config,
                         String plugin, ErrorHandling.Strategy onError) {
        this(id, type, factory, inputs, config, plugin, onError, 0);
    }

    /**
     * @param timeoutSeconds the stage's own {@code timeout_seconds}; 0 for none
     */
    public CompiledStage(String id, String type, StageFactory factory, List<String> inputs, StageConfig config,
                         String plugin, ErrorHandling.Strategy onError, long timeoutSeconds) {
        this(id, type, factory, inputs, config, plugin, onError, timeoutSeconds, List.of());
    }

    private CompiledStage(String id, String type, StageFactory factory, List<String> inputs, StageConfig config,
                          String plugin, ErrorHandling.Strategy onError, long timeoutSeconds, List<InputCutoff> inputCutoffs) {
        this.id = id;
        this.type = type;
        this.factory = factory;
        this.inputs = List.copyOf(inputs);
        this.config = config;
        this.plugin = plugin;
        this.onError = onError;
        this.timeoutSeconds = timeoutSeconds;
        this.inputCutoffs = List.copyOf(inputCutoffs);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public StageFactory factory() {
        return factory;
    }

    public StageDescriptor descriptor() {
        return factory.descriptor();
    }

    public StageKind kind() {
        return factory.descriptor().kind();
    }

    /** @return ids of upstream stages, in the order of the stage's {@code inputs} */
    public List<String> inputs() {
        return inputs;
    }

    public StageConfig config() {
        return config;
    }

    /** @return the plugin name, or null for a built-in stage */
    public String plugin() {
        return plugin;
    }

    /** @return the stage's own {@code on_error} override, or null to use the pipeline's strategy */
    public ErrorHandling.Strategy onError() {
        return onError;
    }

    /** @return the stage's own {@code timeout_seconds} (wall time from its start), 0 for none */
    public long timeoutSeconds() {
        return timeoutSeconds;
    }

    /** @return the cut-offs the plan applies to this stage's inputs, at most one per input */
    public List<InputCutoff> inputCutoffs() {
        return inputCutoffs;
    }

    /** @return this stage reading {@code newInputs} instead (a plan rewrite) */
    CompiledStage withInputs(List<String> newInputs) {
        return new CompiledStage(id, type, factory, newInputs, config, plugin, onError, timeoutSeconds, inputCutoffs);
    }

    /** @return this stage with {@code newConfig} instead (a plan rewrite) */
    CompiledStage withConfig(StageConfig newConfig) {
        return new CompiledStage(id, type, factory, inputs, newConfig, plugin, onError, timeoutSeconds, inputCutoffs);
    }

    /** @return this stage with one more of its inputs cut, by {@code cutoff} (a plan rewrite) */
    CompiledStage withInputCutoff(InputCutoff cutoff) {
        List<InputCutoff> all = new java.util.ArrayList<>(inputCutoffs);
        all.add(cutoff);
        return new CompiledStage(id, type, factory, inputs, config, plugin, onError, timeoutSeconds, all);
    }
}
