package io.conveyor.engine.internal.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiler pass 3: expands variables in {@code [global.variables]}, in the dead-letter
 * path and in every string of every stage config (nested tables and arrays too). A value
 * that cannot be expanded is reported at its key; the secrets met on the way make the
 * pipeline's {@link SecretMasker}.
 */
final class InterpolationPass {
    /**
     * A stage config after expansion.
     *
     * @param values the expanded values
     * @param interpolatedKeys the top-level keys whose value held a variable reference
     */
    record ExpandedConfig(Map<String, Object> values, Set<String> interpolatedKeys) {
    }

    private final TomlDocument doc;
    private final ProblemCollector problems;
    private final Interpolator interpolator;
    private final Map<String, String> overrides;

    InterpolationPass(TomlDocument doc, ProblemCollector problems, Map<String, String> overrides,
                      Map<String, String> variables, Map<String, String> environment) {
        this.doc = doc;
        this.problems = problems;
        this.overrides = overrides;
        this.interpolator = new Interpolator(overrides, variables, environment);
    }

    /**
     * @param declared {@code [global.variables]} as written
     * @return the variables expanded, overrides winning and added
     */
    Map<String, String> variables(Map<String, String> declared) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : declared.keySet()) {
            try {
                out.put(name, interpolator.variable(name));
            } catch (Interpolator.Failure f) {
                report(f, "global.variables." + name, null, "global.variables." + name);
            }
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * @param path the dead-letter path as written, or null
     * @return it expanded, or null (when absent or reported)
     */
    String deadLetterPath(String path) {
        if (path == null) {
            return null;
        }
        String key = "error_handling.dead_letter_queue.path";
        try {
            return interpolator.expand(path);
        } catch (Interpolator.Failure f) {
            report(f, key, null, key);
            return null;
        }
    }

    /**
     * @param stage a stage
     * @return its config with every string expanded (values that failed are reported and left as written)
     */
    ExpandedConfig stageConfig(StageDeclaration stage) {
        Set<String> interpolated = new HashSet<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : stage.config().entrySet()) {
            boolean[] found = new boolean[1];
            values.put(e.getKey(), expand(stage, e.getKey(), e.getValue(), found));
            if (found[0]) {
                interpolated.add(e.getKey());
            }
        }
        return new ExpandedConfig(values, interpolated);
    }

    private Object expand(StageDeclaration stage, String key, Object value, boolean[] found) {
        if (value instanceof String s) {
            if (!Interpolator.hasReference(s) && !s.contains("$${")) {
                return s;
            }
            found[0] |= Interpolator.hasReference(s);
            try {
                return interpolator.expand(s);
            } catch (Interpolator.Failure f) {
                report(f, stage.configPath(key), stage.id(), "config." + key);
                return s;
            }
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), expand(stage, key + "." + e.getKey(), e.getValue(), found));
            }
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(expand(stage, key + "[" + i + "]", l.get(i), found));
            }
            return out;
        }
        return value;
    }

    /** @return a masker for every value taken from the environment */
    SecretMasker masker() {
        return SecretMasker.of(interpolator.secrets());
    }

    private void report(Interpolator.Failure f, String path, String stageId, String key) {
        if (!f.alreadyReported()) {
            problems.add(doc.positionOf(path), stageId, key, f.getMessage(), null);
        }
    }
}
