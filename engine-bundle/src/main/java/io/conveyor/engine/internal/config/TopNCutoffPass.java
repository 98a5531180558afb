package io.conveyor.engine.internal.config;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Schema;
import io.conveyor.engine.internal.stages.csv.CsvSourceFactory;
import io.conveyor.engine.internal.stages.transform.FilterFactory;
import io.conveyor.engine.internal.stages.transform.MapFactory;
import io.conveyor.engine.internal.stages.transform.RenameFactory;
import io.conveyor.engine.internal.stages.transform.SelectFactory;
import io.conveyor.engine.internal.stages.transform.UnionFactory;
import io.conveyor.engine.internal.stages.transform.join.JoinFactory;
import io.conveyor.engine.internal.stages.transform.sort.SortFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan rewrite: a top-N sort (a {@code transform.sort} with a {@code limit}, written or given
 * by {@link TopNFold}) passes its cut-off up the stages that feed it, so that rows which can
 * never enter its first N are dropped before those stages do any work on them. In the
 * benchmark's J4 that is the join: once the sort holds 1000 rows, almost every later order is
 * dropped as it arrives at the join instead of being matched, gathered and filtered.
 *
 * <p>The cut-off is the one the sort applies to its own input ({@code TopNBound}): once it
 * holds its first N rows, a row whose first key sorts strictly after the N-th row's first key
 * cannot enter. It tests numbers, bools, dates and timestamps, so a sort whose first key is
 * text (or of a type not known when the pipeline is compiled) passes nothing up. It goes up
 * through stages whose every output row carries the first key of an input row unchanged and
 * whose other outputs do not depend on which rows they get: a filter, a select, a rename (where
 * the key has its old name), a map that does not compute the key (its expressions read one row
 * at a time), every input of a union, and the left input of an inner, left, semi or anti join
 * when the key is a left column (a right or full join's unmatched right rows depend on every
 * left row). Each of them must feed only the next one on the way, and no plugin is among them.
 * The rows dropped are rows the sort would have dropped itself, later; so the output is the
 * same, row for row. Where a union widens the key's type, an input whose key has another type
 * is not cut (the test applies to the sort's type only).
 *
 * <p>When the input so cut is a {@code source.csv} that feeds nothing else and declares no
 * column types, the source applies the cut-off itself: it converts the key column first and the
 * others only for the rows that pass (a declared column converts every row and may send it to
 * the dead-letter queue, which dropping the row first would change). A sort that reads such a
 * source directly, with nothing on the way, passes its cut-off to that source alone.
 *
 * <p>Every stage stays in the plan as written. The run summary counts what ran: the stage
 * whose input is cut counts every row that arrives, and emits only rows that passed. Before
 * the sort holds N rows nothing is dropped. Rows are dropped after they arrive, so what a stage
 * upstream of the cut does (a source's dead-letter records, a cast's rejections) is unchanged.
 */
final class TopNCutoffPass {
    private static final Set<String> LEFT_ROW_JOINS = Set.of("inner", "left", "semi", "anti");

    private TopNCutoffPass() {
    }

    /**
     * @param stages the compiled stages by id, changed in place: the highest stage on each
     *        top-N sort's way gets its first input cut
     * @param schemas the output schema of each stage
     * @param rewrites receives a sentence for each cut-off passed up
     */
    static void apply(Map<String, CompiledStage> stages, Map<String, Schema> schemas, List<String> rewrites) {
        for (CompiledStage sort : List.copyOf(stages.values())) {
            if (sort.plugin() != null || !(sort.factory() instanceof SortFactory) || sort.inputs().size() != 1) {
                continue;
            }
            String key;
            try {
                if (sort.config().getLong("limit", -1) <= 0) {
                    continue;
                }
                key = sort.config().getStringList("by").get(0);
            } catch (ConfigException | RuntimeException e) {
                // Checked when the stage was bound; a config that does not read as expected passes nothing up.
                continue;
            }
            if (testable(schemas.get(sort.inputs().get(0)), key)) {
                climb(new Way(sort.id(), key, stages, schemas, rewrites), sort.id(), 0, key);
            }
        }
    }

    /** One sort's cut-off on its way up, and where the notes go. */
    private record Way(String sort, String sortKey, Map<String, CompiledStage> stages, Map<String, Schema> schemas,
                       List<String> rewrites) {
    }

    /**
     * Passes the cut-off up from input {@code slot} of stage {@code below} as far as it goes, and
     * notes it where it stops.
     *
     * @param key the sort's first key under the name it has at that input
     */
    private static void climb(Way way, String below, int slot, String key) {
        CompiledStage stage = way.stages().get(below);
        CompiledStage up = way.stages().get(stage.inputs().get(slot));
        boolean alone = up != null && up.plugin() == null && FilterPushdown.readers(way.stages(), up.id()) == 1;
        if (alone) {
            if (up.factory() instanceof UnionFactory) {
                // Every row of a union is a row of one of its inputs, under the same column names.
                for (int i = 0; i < up.inputs().size(); i++) {
                    climb(way, up.id(), i, key);
                }
                return;
            }
            String above = keyAbove(up, key, way.schemas());
            if (above != null) {
                climb(way, up.id(), 0, above);
                return;
            }
        }
        boolean atSource = alone && up.factory() instanceof CsvSourceFactory && declaresNoTypes(up);
        boolean taken = stage.inputCutoffs().stream().anyMatch(c -> c.input() == slot);
        if (taken || (below.equals(way.sort()) && !atSource)) {
            // The sort cuts its own input already; a source it reads directly may apply it sooner.
            return;
        }
        way.stages().put(below, stage.withInputCutoff(new CompiledStage.InputCutoff(way.sort(), key, atSource, slot)));
        String from = stage.inputs().get(slot);
        String renamed = key.equals(way.sortKey()) ? "" : " ('" + way.sortKey() + "' at '" + way.sort() + "')";
        String dropped = "rows whose '" + key + "'" + renamed + " sorts after it are dropped "
                + (atSource ? "as '" + from + "' reads them, before it converts their other columns" : "there");
        way.rewrites().add(below.equals(way.sort())
                ? "'" + way.sort() + "' passes its top-N cut-off to '" + from + "': " + dropped
                : "'" + way.sort() + "' passes its top-N cut-off up to the input of '" + below + "' (from '" + from
                        + "'): " + dropped);
    }

    /**
     * @return whether the sort's first key is known to have a type its cut-off tests (a number,
     *         bool, date or timestamp; not a string or json, see {@code TopNBound})
     */
    private static boolean testable(Schema input, String key) {
        int at = input == null ? -1 : input.indexOf(key);
        if (at < 0) {
            return false;
        }
        DataType type = input.field(at).type();
        return type != DataType.STRING && type != DataType.JSON;
    }

    /**
     * @return whether a CSV source declares no column types: a declared column is converted
     *         first and may send its row to the dead-letter queue, which dropping the row before
     *         would change
     */
    private static boolean declaresNoTypes(CompiledStage source) {
        try {
            return source.config().getTable("schema").isEmpty();
        } catch (ConfigException | RuntimeException e) {
            return false;
        }
    }

    /**
     * @return the name, in the first input of {@code stage}, of the column that carries {@code key}
     *         into its output, when each row it emits carries the key of a row of that input
     *         unchanged and dropping some of those input rows only drops the output rows made
     *         from them; null otherwise
     */
    private static String keyAbove(CompiledStage stage, String key, Map<String, Schema> schemas) {
        try {
            if (stage.factory() instanceof FilterFactory || stage.factory() instanceof SelectFactory) {
                return stage.inputs().size() == 1 ? key : null;
            }
            if (stage.factory() instanceof RenameFactory) {
                return RenameFactory.inputName(stage.config(), key);
            }
            if (stage.factory() instanceof MapFactory) {
                // A map computes columns from each row alone and drops none; the key must not be one it computes.
                return MapFactory.computedColumns(stage.config()).contains(key) ? null : key;
            }
            if (!(stage.factory() instanceof JoinFactory) || stage.inputs().size() != 2
                    || !LEFT_ROW_JOINS.contains(stage.config().getString("how", "inner"))) {
                return null;
            }
        } catch (ConfigException | RuntimeException e) {
            // Checked when the stage was bound; a config that does not read as expected passes nothing up.
            return null;
        }
        // The join's output starts with the left columns, under their own names.
        Schema left = schemas.get(stage.inputs().get(0));
        Schema joined = schemas.get(stage.id());
        int at = left == null ? -1 : left.indexOf(key);
        return at >= 0 && joined != null && joined.indexOf(key) == at ? key : null;
    }
}
