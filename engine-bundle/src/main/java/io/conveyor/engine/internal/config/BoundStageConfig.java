package io.conveyor.engine.internal.config;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.Problem;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A stage's {@code [stages.config]} after interpolation, bound to the options its type
 * declares. Getters apply the declared defaults; every error they raise, like every error
 * made with {@link #error(String, String)}, carries the file, line and column of the key,
 * the stage id and the key ({@code config.headers.Accept}). Number options hold
 * {@code Double}s and integer options {@code Long}s, also for their defaults. Immutable and
 * thread-safe.
 */
public final class BoundStageConfig implements StageConfig {
    private final String file;
    private final String stageId;
    private final String stageType;
    private final StageDescriptor descriptor;
    private final Map<String, Object> values;
    private final Path baseDir;
    private final SecretMasker masker;
    private final Function<String, SourcePosition> positions;

    /**
     * @param file the pipeline file as the user gave it, for problem positions
     * @param stageId the stage id
     * @param stageType the type as written
     * @param descriptor the options the type declares
     * @param values the interpolated config values (copied, deeply, into unmodifiable collections)
     * @param baseDir the directory relative paths resolve against, or null for the working directory
     * @param masker the pipeline's secret masker
     * @param positions where a config key (dotted, without {@code config.}) is in the file; for an
     *                  absent key, the best place to add it
     */
    public BoundStageConfig(String file, String stageId, String stageType, StageDescriptor descriptor,
                            Map<String, Object> values, Path baseDir, SecretMasker masker,
                            Function<String, SourcePosition> positions) {
        this.file = file;
        this.stageId = stageId;
        this.stageType = stageType;
        this.descriptor = descriptor;
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((k, v) -> typed.put(k, typed(k, v)));
        this.values = frozenTable(typed);
        this.baseDir = baseDir;
        this.masker = masker;
        this.positions = positions;
    }

    /**
     * Gives values the Java type their option promises: a number option holds a Double even
     * when written as an integer, an integer option (or default) a Long.
     */
    private Object typed(String key, Object v) {
        OptionSpec spec = descriptor.option(key);
        if (spec == null || !(v instanceof Number n)) {
            return v;
        }
        boolean integral = v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
        if (spec.type() == OptionType.FLOAT && integral) {
            return n.doubleValue();
        }
        return integral ? n.longValue() : v;
    }

    private static Map<String, Object> frozenTable(Map<?, ?> table) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : table.entrySet()) {
            out.put(String.valueOf(e.getKey()), frozen(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object frozen(Object v) {
        if (v instanceof Map<?, ?> m) {
            return frozenTable(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object e : l) {
                out.add(frozen(e));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    @Override
    public String stageId() {
        return stageId;
    }

    @Override
    public String stageType() {
        return stageType;
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(key);
    }

    @Override
    public Object get(String key) {
        if (values.containsKey(key)) {
            return values.get(key);
        }
        OptionSpec spec = descriptor.option(key);
        return spec == null || spec.defaultValue() == null ? null : frozen(typed(key, spec.defaultValue()));
    }

    private Object require(String key) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            throw error(key, "missing required key '" + key + "'");
        }
        return v;
    }

    @Override
    public String getString(String key) throws ConfigException {
        return string(key, require(key));
    }

    @Override
    public String getString(String key, String fallback) throws ConfigException {
        Object v = get(key);
        return v == null ? fallback : string(key, v);
    }

    private String string(String key, Object v) throws ConfigException {
        if (v instanceof String s) {
            return s;
        }
        throw mismatch(key, "a string", v);
    }

    @Override
    public long getLong(String key) throws ConfigException {
        return integer(key, require(key));
    }

    @Override
    public long getLong(String key, long fallback) throws ConfigException {
        Object v = get(key);
        return v == null ? fallback : integer(key, v);
    }

    private long integer(String key, Object v) throws ConfigException {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw mismatch(key, "an integer", v);
    }

    @Override
    public double getDouble(String key, double fallback) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw mismatch(key, "a number", v);
    }

    @Override
    public boolean getBool(String key, boolean fallback) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw mismatch(key, "a boolean", v);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> getList(String key) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List) {
            return (List<Object>) v;
        }
        throw mismatch(key, "an array", v);
    }

    @Override
    public List<String> getStringList(String key) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (!(v instanceof List<?> list)) {
            throw mismatch(key, "a string or an array of strings", v);
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw error(key + "[" + i + "]", ValueKinds.mismatch("a string", list.get(i)));
            }
            out.add(s);
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> getTable(String key) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw mismatch(key, "a table", v);
    }

    @Override
    public Path getPath(String key) throws ConfigException {
        String text = getString(key);
        if (text.isBlank()) {
            throw error(key, "the path is empty");
        }
        try {
            Path p = Path.of(text);
            return baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw error(key, "invalid path: " + e.getReason());
        }
    }

    /**
     * @param key an option of the stage type
     * @param value its value
     * @return this config with {@code key} set to {@code value} (for a plan rewrite; errors still point at this stage)
     */
    public BoundStageConfig with(String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.put(key, value);
        return new BoundStageConfig(file, stageId, stageType, descriptor, changed, baseDir, masker, positions);
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public ConfigException error(String key, String message) {
        SourcePosition at = positions.apply(key);
        return new ConfigException(new Problem(file, at.line(), at.column(), stageId,
                key == null ? null : "config." + key, masker.mask(message), null));
    }

    @Override
    public String mask(String text) {
        return masker.mask(text);
    }

    private ConfigException mismatch(String key, String expected, Object found) {
        return error(key, ValueKinds.mismatch(expected, found));
    }

    @Override
    public String toString() {
        return "config of stage '" + stageId + "' (" + stageType + "): " + masker.mask(String.valueOf(values));
    }
}
