package io.conveyor.engine.internal.stages;

import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageFactory;
import io.conveyor.api.TransformFactory;
import io.conveyor.testkit.RecordingStageContext;
import io.conveyor.testkit.TestStageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Runs one stage directly, without the executor: configs are validated as the compiler would. */
public final class StageHarness {
    public final RecordingStageContext context = new RecordingStageContext("test");
    private final Path dir;
    private final boolean checked;

    public StageHarness(Path dir) {
        this(dir, true);
    }

    private StageHarness(Path dir, boolean checked) {
        this.dir = dir;
        this.checked = checked;
    }

    /** @return a new harness (with its own context) that skips the compiler's option checks, to reach a factory's own validate */
    public StageHarness unchecked() {
        return new StageHarness(dir, false);
    }

    public StageConfig config(StageFactory factory, Map<String, ?> values) throws Exception {
        StageConfig c = (checked ? TestStageConfig.of(factory.descriptor(), values)
                : TestStageConfig.unchecked(factory.descriptor(), values))
                .withStage("test", factory.descriptor().kind().id() + "." + factory.descriptor().name())
                .withBaseDir(dir).withSource("test.toml", 1, 1);
        factory.validate(c);
        return c;
    }

    public List<RecordBatch> read(SourceFactory factory, Map<String, ?> values) throws Exception {
        try (BatchStream s = factory.open(config(factory, values), context)) {
            return drain(s);
        }
    }

    public List<RecordBatch> transform(TransformFactory factory, Map<String, ?> values, List<RecordBatch> input)
            throws Exception {
        try (BatchStream s = factory.open(config(factory, values), List.of(of(input)), context)) {
            return drain(s);
        }
    }

    /** Writes the batches and commits. */
    public void write(SinkFactory factory, Map<String, ?> values, List<RecordBatch> input) throws Exception {
        SinkWriter w = factory.open(config(factory, values), context);
        for (RecordBatch b : input) {
            w.write(b);
        }
        w.commit();
        w.close();
    }

    public static BatchStream of(List<RecordBatch> batches) {
        Iterator<RecordBatch> it = batches.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    public static List<RecordBatch> drain(BatchStream s) throws Exception {
        List<RecordBatch> out = new ArrayList<>();
        RecordBatch b;
        while ((b = s.next()) != null) {
            out.add(b);
        }
        return out;
    }

    /** @return every row of the batches as plain values */
    public static List<Map<String, Object>> rows(List<RecordBatch> batches) {
        List<Map<String, Object>> out = new ArrayList<>();
        batches.forEach(b -> out.addAll(b.rows()));
        return out;
    }
}
