package io.conveyor.engine.internal.config;

import io.conveyor.api.ConfigException;
import io.conveyor.api.Schema;
import io.conveyor.engine.internal.stages.transform.FilterFactory;
import io.conveyor.engine.internal.stages.transform.join.JoinFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan rewrite: a {@code transform.filter} that reads an inner {@code transform.join} (and is
 * its only reader), and tests only columns the join takes from its right input, is moved onto
 * that right input, before the join. An inner join's row for a left row and a right row holds
 * the right row's values under their own names, so testing them before the join keeps exactly
 * the rows, in the same order, that testing after it keeps; and the join then matches and
 * gathers only the rows that pass instead of all of them (in the benchmark's J4, a fifth).
 *
 * <p>Both stages stay in the plan under their ids, so logs, errors and the run summary still
 * name them; the summary's counts are what each stage did in the plan that ran (the filter
 * counts right rows, the join emits only rows that pass), and {@code --dry-run} shows the
 * filter reading the right input. A filter cannot reject single rows, so the dead-letter queue
 * is unchanged. A column counts as the right input's only when the left input has no column of
 * that name and it is not another right column's renamed name ({@code suffix}); anything else
 * (another join kind, a plugin, an unknown schema, a filter that also reads a left column)
 * stays where it was written.
 *
 * <p>One difference remains, at the edge of the long range: moved, the filter sees the right
 * input's batches with the types each has, where the join would have shown it the right rows
 * with one type per column, widened over all of them. Comparisons and {@code /} treat long and
 * double values alike, so a column that a later batch widens from long to double tests the
 * same; only long arithmetic that overflows (null) where the widened double would not differs.
 */
final class FilterPushdown {
    private FilterPushdown() {
    }

    /**
     * @param order the stages in start order, changed in place: a moved filter starts just before its join
     * @param stages the compiled stages by id, changed in place
     * @param schemas the output schema of each stage (pass 7), changed in place for a moved filter
     * @param rewrites receives a sentence for each filter moved
     */
    static void apply(List<String> order, Map<String, CompiledStage> stages, Map<String, Schema> schemas,
                      List<String> rewrites) {
        for (String id : List.copyOf(order)) {
            CompiledStage filter = stages.get(id);
            if (filter == null || filter.plugin() != null || !(filter.factory() instanceof FilterFactory factory)
                    || filter.inputs().size() != 1) {
                continue;
            }
            CompiledStage join = stages.get(filter.inputs().get(0));
            if (join == null || join.plugin() != null || !(join.factory() instanceof JoinFactory)
                    || join.inputs().size() != 2 || readers(stages, join.id()) != 1) {
                continue;
            }
            String rightId = join.inputs().get(1);
            Schema left = schemas.get(join.inputs().get(0));
            Schema right = schemas.get(rightId);
            Schema joined = schemas.get(join.id());
            try {
                if (left == null || right == null || joined == null
                        || !join.config().getString("how", "inner").equals("inner")) {
                    continue;
                }
                Set<String> tested = factory.inputColumns(filter.config(), List.of(joined), Set.of()).get(0);
                if (tested == null || tested.isEmpty()
                        || !rightOnly(tested, left, right, join.config().getString("suffix", "_right"))) {
                    continue;
                }
            } catch (ConfigException e) {
                // Checked when the stages were bound; a config that does not read as expected stays put.
                continue;
            }
            move(filter, join, rightId, order, stages);
            schemas.put(filter.id(), right);
            rewrites.add("'" + filter.id() + "' filters '" + rightId + "' before the join '" + join.id()
                    + "': it tests only columns of the inner join's right input");
        }
    }

    /** @return whether every tested column is a right column that keeps its name in the join's output */
    private static boolean rightOnly(Set<String> tested, Schema left, Schema right, String suffix) {
        for (String c : tested) {
            if (right.indexOf(c) < 0 || left.indexOf(c) >= 0) {
                return false;
            }
            for (String r : right.names()) {
                if (left.indexOf(r) >= 0 && (r + suffix).equals(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Rewires right input -> filter -> join -> the filter's readers, and starts the filter before the join. */
    private static void move(CompiledStage filter, CompiledStage join, String rightId, List<String> order,
                             Map<String, CompiledStage> stages) {
        for (CompiledStage s : List.copyOf(stages.values())) {
            if (s != filter && s.inputs().contains(filter.id())) {
                List<String> inputs = new ArrayList<>(s.inputs());
                inputs.replaceAll(in -> in.equals(filter.id()) ? join.id() : in);
                stages.put(s.id(), s.withInputs(inputs));
            }
        }
        stages.put(filter.id(), filter.withInputs(List.of(rightId)));
        stages.put(join.id(), join.withInputs(List.of(join.inputs().get(0), filter.id())));
        order.remove(filter.id());
        order.add(order.indexOf(join.id()), filter.id());
    }

    /** @return how many input slots of all stages read stage {@code id} */
    static int readers(Map<String, CompiledStage> stages, String id) {
        int n = 0;
        for (CompiledStage s : stages.values()) {
            for (String in : s.inputs()) {
                if (in.equals(id)) {
                    n++;
                }
            }
        }
        return n;
    }
}
