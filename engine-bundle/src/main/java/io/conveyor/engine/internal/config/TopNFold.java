package io.conveyor.engine.internal.config;

import io.conveyor.api.ConfigException;
import io.conveyor.engine.internal.stages.transform.LimitFactory;
import io.conveyor.engine.internal.stages.transform.sort.SortFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan rewrite: a {@code transform.sort} whose only consumer is a {@code transform.limit}
 * needs only the first {@code offset + count} rows of its order, so it is given that as its
 * {@code limit} and sorts as a bounded top-N (it holds about that many rows instead of its
 * whole input). Both stages stay in the plan, as written: the limit still skips its
 * {@code offset} and passes {@code count}, and the run summary lists both, the sort emitting
 * only the rows the limit could use. A sort read by any other stage, or by the limit and
 * another, is left alone; so is one whose own {@code limit} is already no larger.
 */
final class TopNFold {
    /** Larger fused limits are left out: a top-N that big gains nothing and must not overflow. */
    static final long MAX_FOLDED = 1L << 30;

    private TopNFold() {
    }

    /**
     * @param stages the compiled stages by id, changed in place: a folded sort gets its new config
     * @param rewrites receives a sentence for each sort folded
     */
    static void apply(Map<String, CompiledStage> stages, List<String> rewrites) {
        Map<String, Integer> readers = new HashMap<>();
        for (CompiledStage s : stages.values()) {
            for (String in : s.inputs()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        for (CompiledStage limit : List.copyOf(stages.values())) {
            if (!(limit.factory() instanceof LimitFactory) || limit.inputs().size() != 1) {
                continue;
            }
            CompiledStage sort = stages.get(limit.inputs().get(0));
            if (sort == null || !(sort.factory() instanceof SortFactory) || readers.get(sort.id()) != 1
                    || !(sort.config() instanceof BoundStageConfig config)) {
                continue;
            }
            try {
                long wanted = limit.config().getLong("count") + limit.config().getLong("offset", 0);
                long own = config.getLong("limit", -1);
                if (wanted < 0 || wanted > MAX_FOLDED || (own >= 0 && own <= wanted)) {
                    continue;
                }
                stages.put(sort.id(), sort.withConfig(config.with("limit", wanted)));
                rewrites.add("'" + sort.id() + "' keeps only the first " + wanted + " rows of its order, all that '"
                        + limit.id() + "' uses (top-N)");
            } catch (ConfigException e) {
                // Checked when the stages were bound; a config that does not read as expected is not folded.
            }
        }
    }
}
