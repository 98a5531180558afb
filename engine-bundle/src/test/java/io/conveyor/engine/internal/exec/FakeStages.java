package io.conveyor.engine.internal.exec;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Small stages for executor and fault-injection tests: numbered sources, collecting sinks, pass-through and concatenating transforms. */
public final class FakeStages {
    private FakeStages() {
    }

    /** A batch with one long column {@code n} holding {@code from .. from+count-1}. */
    public static RecordBatch numbers(long from, int count) {
        ColumnBuilder b = new ColumnBuilder(DataType.LONG, count);
        for (int i = 0; i < count; i++) {
            b.appendLong(from + i);
        }
        return new RecordBatch(Schema.of(new Field("n", DataType.LONG)), List.of(b.build()), count);
    }

    /** Something a source does before producing batch {@code index}; may block or throw. */
    public interface Step {
        void before(int index, StageContext context) throws Exception;
    }

    /** A source of {@code batches} batches of {@code size} numbers, counting how many it produced. */
    public static final class NumberSource implements SourceFactory {
        public final int batches;
        public final int size;
        public final long offset;
        public final Step step;
        public final AtomicInteger produced = new AtomicInteger();
        public final AtomicInteger opened = new AtomicInteger();

        public NumberSource(int batches, int size, long offset, Step step) {
            this.batches = batches;
            this.size = size;
            this.offset = offset;
            this.step = step;
        }

        public NumberSource(int batches, int size) {
            this(batches, size, 0, (i, c) -> { });
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(StageKind.SOURCE, "numbers").build();
        }

        @Override
        public BatchStream open(StageConfig config, StageContext context) {
            opened.incrementAndGet();
            return new BatchStream() {
                int next;

                @Override
                public RecordBatch next() throws Exception {
                    if (next >= batches) {
                        return null;
                    }
                    step.before(next, context);
                    RecordBatch b = numbers(offset + (long) next * size, size);
                    next++;
                    produced.incrementAndGet();
                    return b;
                }
            };
        }
    }

    /** A sink that keeps every value of column {@code n} it receives, in order. */
    public static final class CollectSink implements SinkFactory {
        public final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        public final AtomicInteger commits = new AtomicInteger();
        public final AtomicInteger aborts = new AtomicInteger();
        public final AtomicInteger opens = new AtomicInteger();
        public final Step step;

        public CollectSink(Step step) {
            this.step = step;
        }

        public CollectSink() {
            this((i, c) -> { });
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(StageKind.SINK, "collect").build();
        }

        @Override
        public SinkWriter open(StageConfig config, StageContext context) {
            opens.incrementAndGet();
            return new SinkWriter() {
                int index;

                @Override
                public void write(RecordBatch batch) throws Exception {
                    step.before(index++, context);
                    for (int r = 0; r < batch.rowCount(); r++) {
                        values.add(batch.column("n").getLong(r));
                    }
                }

                @Override
                public void commit() {
                    commits.incrementAndGet();
                }

                @Override
                public void abort() {
                    aborts.incrementAndGet();
                }
            };
        }
    }

    /** A transform that passes batches through, running a step before each. */
    public static final class PassThrough implements TransformFactory {
        public final Step step;

        public PassThrough(Step step) {
            this.step = step;
        }

        public PassThrough() {
            this((i, c) -> { });
        }

        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(StageKind.TRANSFORM, "pass").build();
        }

        @Override
        public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) {
            return new BatchStream() {
                int index;

                @Override
                public RecordBatch next() throws Exception {
                    RecordBatch b = inputs.get(0).next();
                    if (b != null) {
                        step.before(index++, context);
                    }
                    return b;
                }
            };
        }
    }

    /** A transform that emits all of input 0, then all of input 1, ... (like union). */
    public static final class Concat implements TransformFactory {
        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(StageKind.TRANSFORM, "concat").inputs(1, Integer.MAX_VALUE).build();
        }

        @Override
        public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) {
            return new BatchStream() {
                int current;

                @Override
                public RecordBatch next() throws Exception {
                    while (current < inputs.size()) {
                        RecordBatch b = inputs.get(current).next();
                        if (b != null) {
                            return b;
                        }
                        current++;
                    }
                    return null;
                }
            };
        }
    }
}
