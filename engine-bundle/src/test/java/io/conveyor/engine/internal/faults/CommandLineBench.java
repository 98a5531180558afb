package io.conveyor.engine.internal.faults;

import io.conveyor.engine.internal.ConveyorEngine;
import io.conveyor.engine.internal.cli.Cli;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The {@code conveyor} command line over the built-in stages and {@link FakePlugin}, with captured output. */
final class CommandLineBench {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Cli cli;

    /** @param environment what {@code ${NAME}} reads */
    CommandLineBench(Map<String, String> environment) {
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Log log = new Log(errStream, LogLevel.INFO);
        cli = new Cli(new ConveyorEngine(BuiltinStages.standard(), new FakePlugin(), log, environment),
                dirs -> { }, log, "0.3.0", new PrintStream(out, true, StandardCharsets.UTF_8), errStream);
    }

    int run(String... args) {
        return cli.apply(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
