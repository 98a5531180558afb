package io.conveyor.engine.internal.config;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.Problem;
import io.conveyor.api.StageDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiler pass 6: checks a stage's config against the options its type declares (unknown
 * keys, types, allowed values, required keys), then lets the factory check the rest
 * ({@code validate}), so a pipeline that compiles does not fail at start-up for a config
 * reason.
 *
 * <p>A string made by interpolation may stand for a number or boolean
 * ({@code batch_size = "${BATCH:-500}"}): for an integer, number or boolean option it is
 * converted when its text is one.
 */
final class ConfigBinder {
    private final TomlDocument doc;
    private final ProblemCollector problems;
    private final Path baseDir;
    private final SecretMasker masker;

    ConfigBinder(TomlDocument doc, ProblemCollector problems, Path baseDir, SecretMasker masker) {
        this.doc = doc;
        this.problems = problems;
        this.baseDir = baseDir;
        this.masker = masker;
    }

    /**
     * @param stage the stage as written
     * @param resolved its factory and descriptor
     * @param values the interpolated config
     * @param interpolated the config keys whose strings contained a variable reference
     * @return the bound config, or null when it has problems (reported)
     */
    BoundStageConfig bind(StageDeclaration stage, ResolvedStage resolved, Map<String, Object> values,
                          Set<String> interpolated) {
        int before = problems.size();
        StageDescriptor d = resolved.descriptor();
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String key = e.getKey();
            OptionSpec spec = d.option(key);
            if (spec == null) {
                unknownKey(stage, d, key);
                continue;
            }
            Object v = coerce(spec.type(), e.getValue(), interpolated.contains(key));
            if (checkValue(stage, spec, v)) {
                checked.put(key, v);
            }
        }
        for (OptionSpec spec : d.options()) {
            if (spec.isRequired() && !values.containsKey(spec.name())) {
                report(stage, spec.name(), "missing required key '" + spec.name() + "'",
                        spec.description().isEmpty() ? null : spec.name() + ": " + spec.description());
            }
        }
        if (problems.size() > before) {
            return null;
        }
        BoundStageConfig config = new BoundStageConfig(problems.file(), stage.id(), stage.type(), d, checked, baseDir,
                masker, key -> positionOf(stage, key));
        try {
            resolved.factory().validate(config);
        } catch (ConfigException e) {
            problems.add(positioned(stage, e.problem()));
            return null;
        } catch (RuntimeException | LinkageError e) {
            report(stage, null, "stage type '" + stage.type() + "' failed to validate its config: "
                    + ThrowableText.of(e), null);
            return null;
        }
        return config;
    }

    private void unknownKey(StageDeclaration stage, StageDescriptor d, String key) {
        List<String> names = d.options().stream().map(OptionSpec::name).toList();
        String hint = Suggestions.hint(key, names);
        if (hint == null) {
            hint = names.isEmpty() ? "stage type '" + stage.type() + "' takes no options"
                    : "its options are: " + String.join(", ", names);
        }
        report(stage, key, "unknown key '" + key + "' for stage type '" + stage.type() + "'", hint);
    }

    private static Object coerce(OptionType type, Object v, boolean interpolated) {
        if (!interpolated || !(v instanceof String s)) {
            return v;
        }
        String t = s.trim();
        try {
            switch (type) {
                case INTEGER:
                    return Long.parseLong(t);
                case FLOAT:
                    return Double.parseDouble(t);
                case BOOLEAN:
                case BOOLEAN_OR_ARRAY:
                    String lower = t.toLowerCase(Locale.ROOT);
                    return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : v;
                default:
                    return v;
            }
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** @return true if the value fits the option (else the problem is reported) */
    private boolean checkValue(StageDeclaration stage, OptionSpec spec, Object v) {
        String key = spec.name();
        if (!ValueKinds.fits(spec.type(), v)) {
            report(stage, key, ValueKinds.mismatch(ValueKinds.describe(spec.type()), v), null);
            return false;
        }
        boolean ok = true;
        if (v instanceof List<?> list && spec.type() == OptionType.STRING_OR_ARRAY) {
            for (int i = 0; i < list.size(); i++) {
                String elementKey = key + "[" + i + "]";
                if (!(list.get(i) instanceof String s)) {
                    report(stage, elementKey, ValueKinds.mismatch("a string", list.get(i)), null);
                    ok = false;
                } else {
                    ok &= checkAllowed(stage, spec, elementKey, s);
                }
            }
        } else if (v instanceof String s) {
            ok = checkAllowed(stage, spec, key, s);
        }
        return ok;
    }

    private boolean checkAllowed(StageDeclaration stage, OptionSpec spec, String key, String value) {
        List<String> allowed = spec.allowedValues();
        if (allowed.isEmpty() || allowed.contains(value)) {
            return true;
        }
        report(stage, key, "value '" + value + "' is not allowed; use one of: " + String.join(", ", allowed),
                Suggestions.hint(value, allowed));
        return false;
    }

    /** Places a factory's problem at its key, unless the factory used {@code config.error} and it is placed. */
    private Problem positioned(StageDeclaration stage, Problem p) {
        if (p.file() != null && p.line() > 0) {
            return p;
        }
        String key = p.key();
        if (key != null && key.startsWith("config.")) {
            key = key.substring("config.".length());
        }
        SourcePosition at = positionOf(stage, key);
        return new Problem(problems.file(), at.line(), at.column(), stage.id(), key == null ? null : "config." + key,
                p.message(), p.hint());
    }

    /** @return {@code a.b} for {@code a.b.c} and {@code a.b[2]}, null at the top */
    private static String parentOf(String key) {
        int cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
        return cut <= 0 ? null : key.substring(0, cut);
    }

    private void report(StageDeclaration stage, String key, String message, String hint) {
        problems.add(positionOf(stage, key), stage.id(), key == null ? null : "config." + key, message, hint);
    }

    /**
     * The key's place; for an absent key the place of the nearest enclosing table or array
     * that is in the file, else {@code [stages.config]}, else the stage.
     */
    private SourcePosition positionOf(StageDeclaration stage, String key) {
        List<String> paths = new ArrayList<>();
        for (String k = key; k != null && !k.isEmpty(); k = parentOf(k)) {
            paths.add(stage.configPath(k));
        }
        paths.add(stage.configPath(""));
        paths.add(stage.path());
        return doc.firstKnown(paths.toArray(String[]::new));
    }
}
