package io.conveyor.engine.internal.config;

import io.conveyor.api.ConfigException;
import io.conveyor.api.Schema;
import io.conveyor.engine.internal.stages.ColumnNeeds;
import io.conveyor.engine.internal.stages.csv.CsvSourceFactory;
import io.conveyor.engine.internal.stages.json.JsonSourceFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiler pass 9, a plan rewrite: works out, from the sinks back to the sources, which columns
 * each stage's readers use, and tells a {@code source.csv} or {@code source.json} that is read
 * for only some of its columns to convert only those (its {@code columns} option). Splitting a
 * line still sees every field, but the unused ones are never typed or turned into values, which
 * is most of the work. A JSON source's schema is known at compile time only when the whole input
 * fits in the schema sample, so only such inputs are narrowed.
 *
 * <p>Results are unchanged: a stage that does not implement {@link ColumnNeeds} (a plugin, a
 * sink, a stage whose schema is unknown) counts as reading every column; columns the user
 * declared in {@code schema} are always read, since a value that does not convert rejects its
 * row; a source whose user already chose {@code columns} is left alone.
 */
final class ProjectionPass {
    private ProjectionPass() {
    }

    /**
     * @param order the stage ids in topological order
     * @param stages the compiled stages by id, changed in place: a narrowed source gets its new config
     * @param schemas the schema each stage emits, null where unknown (from {@link SchemaPass})
     * @param rewrites receives a sentence for each source narrowed
     */
    static void apply(List<String> order, Map<String, CompiledStage> stages, Map<String, Schema> schemas,
                      List<String> rewrites) {
        Map<String, List<Reader>> readers = new HashMap<>();
        for (String id : order) {
            CompiledStage s = stages.get(id);
            for (int i = 0; s != null && i < s.inputs().size(); i++) {
                readers.computeIfAbsent(s.inputs().get(i), k -> new ArrayList<>()).add(new Reader(id, i));
            }
        }
        // What each stage reads of each of its inputs (null: all), filled from the sinks back.
        Map<String, List<Set<String>>> reads = new HashMap<>();
        Map<String, Set<String>> used = new HashMap<>();
        for (int k = order.size() - 1; k >= 0; k--) {
            String id = order.get(k);
            CompiledStage stage = stages.get(id);
            if (stage == null) {
                continue;
            }
            Set<String> needed = neededOf(id, readers, reads);
            used.put(id, needed);
            reads.put(id, inputColumns(stage, needed, schemas));
        }
        for (String id : order) {
            CompiledStage stage = stages.get(id);
            Set<String> needed = used.get(id);
            Schema schema = schemas.get(id);
            if (stage == null || needed == null || schema == null || stage.plugin() != null
                    || !(stage.factory() instanceof CsvSourceFactory || stage.factory() instanceof JsonSourceFactory)
                    || !(stage.config() instanceof BoundStageConfig config) || config.has("columns")) {
                continue;
            }
            try {
                Set<String> keep = new HashSet<>(needed);
                if (config.has("schema")) {
                    keep.addAll(config.getTable("schema").keySet());
                }
                List<String> columns = new ArrayList<>();
                for (String name : schema.names()) {
                    if (keep.contains(name)) {
                        columns.add(name);
                    }
                }
                if (columns.isEmpty()) {
                    // Only the row count is used (count without a column): one column keeps the rows.
                    columns.add(schema.names().get(0));
                }
                if (columns.size() < schema.size()) {
                    stages.put(id, stage.withConfig(config.with("columns", List.copyOf(columns))));
                    rewrites.add("'" + id + "' converts only " + String.join(", ", columns) + " of its "
                            + schema.size() + " columns: the stages after it use no others");
                }
            } catch (ConfigException e) {
                // Checked when the stage was bound; a config that does not read as expected is not narrowed.
            }
        }
    }

    /** One input slot of a stage that reads another. */
    private record Reader(String stage, int slot) {
    }

    /** @return the columns the readers of {@code id} use, or null if any of them uses every column (or there are none) */
    private static Set<String> neededOf(String id, Map<String, List<Reader>> readers,
                                        Map<String, List<Set<String>>> reads) {
        List<Reader> rs = readers.get(id);
        if (rs == null || rs.isEmpty()) {
            return null;
        }
        Set<String> union = new LinkedHashSet<>();
        for (Reader r : rs) {
            List<Set<String>> of = reads.get(r.stage());
            Set<String> part = of == null ? null : of.get(r.slot());
            if (part == null) {
                return null;
            }
            union.addAll(part);
        }
        return union;
    }

    /** @return per input of {@code stage}, the columns it reads; null entries for all */
    private static List<Set<String>> inputColumns(CompiledStage stage, Set<String> needed, Map<String, Schema> schemas) {
        int n = stage.inputs().size();
        List<Set<String>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(null);
        }
        Schema out = schemas.get(stage.id());
        if (n == 0 || stage.plugin() != null || !(stage.factory() instanceof ColumnNeeds needs) || out == null) {
            return all;
        }
        List<Schema> inputs = new ArrayList<>();
        for (String in : stage.inputs()) {
            Schema s = schemas.get(in);
            if (s == null) {
                return all;
            }
            inputs.add(s);
        }
        try {
            List<Set<String>> got = needs.inputColumns(stage.config(), inputs,
                    needed == null ? new LinkedHashSet<>(out.names()) : needed);
            return got == null || got.size() != n ? all : got;
        } catch (ConfigException | RuntimeException e) {
            return all;
        }
    }
}
