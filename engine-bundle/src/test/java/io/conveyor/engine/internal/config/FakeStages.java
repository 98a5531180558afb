package io.conveyor.engine.internal.config;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageFactory;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.util.List;

/** Stage factories for compiler tests: a descriptor and an optional validate check, nothing that runs. */
final class FakeStages {
    /** A factory's extra config check. */
    interface Check {
        void validate(StageConfig config) throws ConfigException;
    }

    private FakeStages() {
    }

    static StageFactory of(StageDescriptor d) {
        return of(d, c -> { });
    }

    static StageFactory of(StageDescriptor d, Check check) {
        return switch (d.kind()) {
            case SOURCE -> new Source(d, check);
            case TRANSFORM -> new Transform(d, check);
            case SINK -> new Sink(d, check);
        };
    }

    /** The part every fake shares: a fixed descriptor and a check. */
    private abstract static class Fake implements StageFactory {
        private final StageDescriptor descriptor;
        private final Check check;

        Fake(StageDescriptor descriptor, Check check) {
            this.descriptor = descriptor;
            this.check = check;
        }

        @Override
        public StageDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public void validate(StageConfig config) throws ConfigException {
            check.validate(config);
        }

        static UnsupportedOperationException notRun() {
            return new UnsupportedOperationException("compiler tests do not run stages");
        }
    }

    private static final class Source extends Fake implements SourceFactory {
        Source(StageDescriptor d, Check check) {
            super(d, check);
        }

        @Override
        public BatchStream open(StageConfig config, StageContext context) {
            throw notRun();
        }
    }

    private static final class Transform extends Fake implements TransformFactory {
        Transform(StageDescriptor d, Check check) {
            super(d, check);
        }

        @Override
        public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) {
            throw notRun();
        }
    }

    private static final class Sink extends Fake implements SinkFactory {
        Sink(StageDescriptor d, Check check) {
            super(d, check);
        }

        @Override
        public SinkWriter open(StageConfig config, StageContext context) {
            throw notRun();
        }
    }

    /** source.csv, transform.filter, transform.join, transform.select, sink.csv, sink.stdout with realistic options. */
    static BuiltinStages builtins() {
        return new BuiltinStages()
                .add(of(StageDescriptor.builder(StageKind.SOURCE, "csv")
                        .option(OptionSpec.string("path").required().describe("file to read"),
                                OptionSpec.string("delimiter").defaultValue(","),
                                OptionSpec.bool("headers").defaultValue(true)).build()))
                .add(of(StageDescriptor.builder(StageKind.SOURCE, "json")
                        .option(OptionSpec.string("path").required(),
                                OptionSpec.string("format").allowed("records", "jsonl").defaultValue("records"))
                        .build()))
                .add(of(StageDescriptor.builder(StageKind.TRANSFORM, "filter")
                        .option(OptionSpec.string("column"),
                                OptionSpec.string("operator").allowed("==", "!=", ">", "<"),
                                OptionSpec.of("value", io.conveyor.api.OptionType.ANY),
                                OptionSpec.string("expr")).build(),
                        c -> {
                            if (!c.has("expr") && !c.has("column")) {
                                throw new ConfigException("column", "set either expr or column");
                            }
                        }))
                .add(of(StageDescriptor.builder(StageKind.TRANSFORM, "join").inputs(2, 2)
                        .option(OptionSpec.of("on", io.conveyor.api.OptionType.STRING_OR_ARRAY).required(),
                                OptionSpec.string("how").allowed("inner", "left", "right", "full").defaultValue("inner"))
                        .build()))
                .add(of(StageDescriptor.builder(StageKind.TRANSFORM, "union").inputs(1, Integer.MAX_VALUE).build()))
                .add(of(StageDescriptor.builder(StageKind.TRANSFORM, "sort")
                        .option(OptionSpec.of("by", io.conveyor.api.OptionType.STRING_OR_ARRAY).required(),
                                OptionSpec.of("descending", io.conveyor.api.OptionType.BOOLEAN_OR_ARRAY)
                                        .defaultValue(false)).build()))
                .add(of(StageDescriptor.builder(StageKind.SINK, "csv")
                        .option(OptionSpec.string("path").required()).build()))
                .add(of(StageDescriptor.builder(StageKind.SINK, "stdout")
                        .option(OptionSpec.string("format").allowed("table", "json", "jsonl", "csv").defaultValue("table"),
                                OptionSpec.integer("limit")).build()));
    }
}
