package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.stages.ColumnNeeds;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.transform.columns.SchemaMerger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code transform.union}: every row of every input, input after input in {@code inputs} order,
 * with columns matched by name.
 */
public final class UnionFactory implements TransformFactory, SchemaAware, ColumnNeeds {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "union")
            .description("Appends its inputs one after the other, in `inputs` order, matching columns by name: "
                    + "the columns are those of the first input, then new ones of later inputs; a column an input "
                    + "lacks is null in its rows; a column with different types takes the wider one (long and "
                    + "double give double, json with anything gives json, other mixes give string). Streams "
                    + "(it reads the first batch of every input first, to know all columns).")
            .inputs(2, Integer.MAX_VALUE)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) {
        for (Schema s : inputs) {
            if (s == null) {
                return null;
            }
        }
        return SchemaMerger.merge(inputs);
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        return new BatchStream() {
            private final RecordBatch[] firsts = new RecordBatch[inputs.size()];
            private final boolean[] ended = new boolean[inputs.size()];
            private Schema schema;
            private int current;

            @Override
            public RecordBatch next() throws Exception {
                if (schema == null) {
                    List<Schema> schemas = new ArrayList<>();
                    for (int i = 0; i < firsts.length; i++) {
                        firsts[i] = inputs.get(i).next();
                        if (firsts[i] != null) {
                            schemas.add(firsts[i].schema());
                        } else {
                            ended[i] = true;
                        }
                    }
                    schema = SchemaMerger.merge(schemas);
                }
                while (current < firsts.length) {
                    RecordBatch b = firsts[current];
                    if (b != null) {
                        firsts[current] = null;
                    } else if (!ended[current]) {
                        b = inputs.get(current).next();
                    }
                    if (b == null) {
                        current++;
                        continue;
                    }
                    schema = SchemaMerger.merge(schema, b.schema());
                    return SchemaMerger.conform(b, schema);
                }
                return null;
            }

            @Override
            public void close() throws Exception {
                Exception first = null;
                for (BatchStream in : inputs) {
                    try {
                        in.close();
                    } catch (Exception e) {
                        first = first == null ? e : first;
                    }
                }
                if (first != null) {
                    throw first;
                }
            }
        };
    }

    /**
     * From each input, the columns used after it that the input has: a column an input lacks is
     * null in its rows either way, and a column's type is widened over the inputs that have it.
     */
    @Override
    public List<Set<String>> inputColumns(StageConfig config, List<Schema> inputs, Set<String> needed) {
        List<Set<String>> out = new ArrayList<>();
        for (Schema in : inputs) {
            Set<String> read = new LinkedHashSet<>(needed);
            read.retainAll(in.names());
            out.add(read);
        }
        return out;
    }
}
