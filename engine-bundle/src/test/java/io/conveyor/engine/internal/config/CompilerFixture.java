package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.Problem;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Compiles TOML text named {@code p.toml} in {@code /pipelines} with the fake built-ins and a fake loader. */
final class CompilerFixture {
    static final Path BASE = Path.of("/pipelines");
    final FakePluginLoader loader;
    final BuiltinStages builtins;
    final Map<String, String> env;
    Map<String, String> overrides = Map.of();

    CompilerFixture() {
        this(new FakePluginLoader(), Map.of());
    }

    CompilerFixture(FakePluginLoader loader, Map<String, String> env) {
        this.loader = loader;
        this.builtins = FakeStages.builtins();
        this.env = env;
    }

    CompiledPipeline compile(String toml) throws CompileException {
        return new PipelineCompiler(builtins, loader, env).compile(toml, "p.toml", BASE, overrides);
    }

    CompileException failure(String toml) {
        return assertThrows(CompileException.class, () -> compile(toml));
    }

    /** @return every problem's text, in the order reported */
    List<String> problems(String toml) {
        return failure(toml).problems().stream().map(Problem::toString).toList();
    }
}
