package io.conveyor.engine.internal.stages.transform.join;

import io.conveyor.engine.internal.stages.ColumnNeeds;
import java.util.Set;
import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.transform.columns.ColumnProblem;
import java.util.List;

/** {@code transform.join}: joins its two inputs (left, right in {@code inputs} order) on key columns. */
public final class JoinFactory implements TransformFactory, SchemaAware, ColumnNeeds {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "join")
            .description("Joins the left input (first in `inputs`) with the right one on equal keys: inner, left, "
                    + "right, full, semi (left rows with a match) or anti (left rows without). Output: the left "
                    + "columns, then the right ones; with `on` the key columns appear once; a right column whose "
                    + "name is taken gets the `suffix`. Rows keep left order, each left row's matches in right order; "
                    + "right and full joins add the unmatched right rows at the end, in right order. A null key never "
                    + "matches. Blocking on the right input (held in memory as a hash table); streams the left one.")
            .inputs(2, 2)
            .option(OptionSpec.string("how").defaultValue("inner").allowed(JoinSpec.HOWS.toArray(new String[0]))
                            .describe("inner, left, right, full, semi or anti"),
                    OptionSpec.of("on", OptionType.STRING_OR_ARRAY)
                            .describe("Key column(s) with the same name in both inputs; they appear once in the output"),
                    OptionSpec.of("left_on", OptionType.STRING_OR_ARRAY)
                            .describe("Key column(s) of the left input, when the names differ (with right_on)"),
                    OptionSpec.of("right_on", OptionType.STRING_OR_ARRAY)
                            .describe("Key column(s) of the right input, one per left_on column; kept in the output"),
                    OptionSpec.string("suffix").defaultValue("_right")
                            .describe("Appended to a right column's name when the left input has a column of that name"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        JoinSpec.of(config);
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        JoinSpec spec = JoinSpec.of(config);
        Schema left = inputs.get(0);
        Schema right = inputs.get(1);
        if (left == null || (right == null && !spec.leftOnly())) {
            return null;
        }
        try {
            return JoinLayout.of(spec, left, right).output;
        } catch (ColumnProblem e) {
            throw e.toConfig(config);
        }
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        return new HashJoin(JoinSpec.of(config), inputs.get(0), inputs.get(1), context);
    }

    /**
     * Reads its keys and, of each input, the columns its readers use. When a right column
     * shares a name with a left one, leaving out the left one would change the right one's
     * output name (no suffix), so then every column of both inputs is read.
     */
    @Override
    public List<Set<String>> inputColumns(StageConfig config, List<Schema> inputs, Set<String> needed)
            throws ConfigException {
        JoinSpec spec = JoinSpec.of(config);
        Schema left = inputs.get(0);
        Schema right = inputs.get(1);
        Set<String> fromLeft = new java.util.LinkedHashSet<>(spec.leftKeys());
        Set<String> fromRight = new java.util.LinkedHashSet<>(spec.rightKeys());
        for (String name : left.names()) {
            if (needed.contains(name)) {
                fromLeft.add(name);
            }
        }
        if (!spec.leftOnly()) {
            Set<String> rightKeys = spec.sharedKeys() ? new java.util.HashSet<>(spec.rightKeys()) : Set.of();
            for (String name : right.names()) {
                if (rightKeys.contains(name)) {
                    continue;
                }
                if (left.indexOf(name) >= 0) {
                    return java.util.Arrays.asList(null, null);
                }
                if (needed.contains(name)) {
                    fromRight.add(name);
                }
            }
        }
        return List.of(fromLeft, fromRight);
    }
}
