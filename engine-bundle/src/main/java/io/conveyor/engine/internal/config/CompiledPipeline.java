package io.conveyor.engine.internal.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A pipeline file after every compiler pass: settings resolved, variables interpolated,
 * stages resolved to factories with validated configs, in a topological order (every stage
 * after all of its inputs; ties keep file order). What the executor runs.
 */
public final class CompiledPipeline {
    private final List<String> rewrites;
    private final String name;
    private final String description;
    private final Path file;
    private final GlobalSettings global;
    private final ErrorHandling errorHandling;
    private final List<CompiledStage> stages;
    private final SecretMasker masker;

    public CompiledPipeline(String name, String description, Path file, GlobalSettings global,
                            ErrorHandling errorHandling, List<CompiledStage> stages, SecretMasker masker) {
        this(name, description, file, global, errorHandling, stages, masker, List.of());
    }

    /**
     * @param rewrites the compiler's plan rewrites, one sentence each, in the order made (for {@code --dry-run})
     */
    public CompiledPipeline(String name, String description, Path file, GlobalSettings global,
                            ErrorHandling errorHandling, List<CompiledStage> stages, SecretMasker masker,
                            List<String> rewrites) {
        this.rewrites = List.copyOf(rewrites);
        this.name = name;
        this.description = description;
        this.file = file;
        this.global = global;
        this.errorHandling = errorHandling;
        this.stages = List.copyOf(stages);
        this.masker = masker;
    }

    /** @return what the compiler changed in the plan to make it cheaper (results unchanged), one sentence each */
    public List<String> rewrites() {
        return rewrites;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** @return the pipeline file, or null when compiled from text */
    public Path file() {
        return file;
    }

    public GlobalSettings global() {
        return global;
    }

    public ErrorHandling errorHandling() {
        return errorHandling;
    }

    /** @return stages in topological order */
    public List<CompiledStage> stages() {
        return stages;
    }

    public CompiledStage stage(String id) {
        for (CompiledStage s : stages) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** @return masks every secret that interpolation put into this pipeline */
    public SecretMasker masker() {
        return masker;
    }
}
