package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageException;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.stages.ColumnNeeds;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.transform.columns.ColumnNames;
import io.conveyor.engine.internal.stages.transform.columns.ColumnProblem;
import io.conveyor.engine.internal.stages.transform.keys.KeyIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code transform.distinct}: drops rows whose key was seen before, keeping first occurrences in order. */
public final class DistinctFactory implements TransformFactory, SchemaAware, ColumnNeeds {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "distinct")
            .description("Keeps the first row of each distinct key (all columns, or the `columns` given) and drops "
                    + "later repeats; rows keep their order and every column. Nulls are equal to each other here. "
                    + "Streams its rows, but holds every distinct key seen in memory.")
            .option(OptionSpec.array("columns")
                    .describe("The columns that make a row's key; all columns when absent"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        List<String> columns = config.getStringList("columns");
        if (config.has("columns") && columns.isEmpty()) {
            throw config.error("columns", "name at least one column, or leave `columns` out to compare whole rows");
        }
        ColumnNames.requireUnique(config, "columns", columns);
    }

    private static int[] keys(Schema schema, List<String> columns) throws ColumnProblem {
        if (columns.isEmpty()) {
            int[] all = new int[schema.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] idx = new int[columns.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = ColumnNames.require(schema, columns.get(i), "columns", "");
        }
        return idx;
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        List<String> columns = config.getStringList("columns");
        return ColumnProblem.atCompileTime(config, inputs.get(0), in -> {
            keys(in, columns);
            return in;
        });
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        List<String> columns = config.getStringList("columns");
        return new BatchMapping<int[]>(inputs.get(0)) {
            private KeyIndex index;
            private List<String> keyNames;
            private int[] groups = new int[0];
            private int[] keep = new int[0];

            @Override
            int[] plan(Schema schema) throws ColumnProblem {
                int[] idx = keys(schema, columns);
                List<String> names = new ArrayList<>();
                for (int i : idx) {
                    names.add(schema.field(i).name());
                }
                if (keyNames != null && !names.subList(0, Math.min(names.size(), keyNames.size())).equals(keyNames)) {
                    throw new ColumnProblem("columns", "the input's columns changed from " + keyNames + " to " + names
                            + " between batches; name the key columns with `columns`");
                }
                if (keyNames != null && index != null) {
                    // A source added columns in a later batch: earlier rows had null there.
                    for (int i = keyNames.size(); i < names.size(); i++) {
                        index.addColumn(schema.field(idx[i]).type());
                    }
                }
                keyNames = names;
                return idx;
            }

            @Override
            RecordBatch apply(int[] idx, RecordBatch batch) throws StageException {
                int n = batch.rowCount();
                List<Column> keyCols = new ArrayList<>(idx.length);
                List<DataType> types = new ArrayList<>(idx.length);
                for (int i : idx) {
                    keyCols.add(batch.column(i));
                    types.add(batch.column(i).type());
                }
                if (index == null) {
                    index = new KeyIndex(types);
                }
                if (groups.length < n) {
                    groups = new int[n];
                    keep = new int[n];
                }
                int next = index.size();
                index.groups(keyCols, n, true, groups);
                int kept = 0;
                for (int r = 0; r < n; r++) {
                    if (groups[r] == next) {
                        keep[kept++] = r;
                        next++;
                    }
                }
                return kept == n ? batch : batch.take(keep, kept);
            }
        };
    }

    /** The key columns and those used after it; every column when the key is the whole row. */
    @Override
    public List<Set<String>> inputColumns(StageConfig config, List<Schema> inputs, Set<String> needed)
            throws ConfigException {
        if (!config.has("columns")) {
            return Collections.singletonList(null);
        }
        Set<String> read = new LinkedHashSet<>(config.getStringList("columns"));
        read.addAll(needed);
        return List.of(read);
    }
}
