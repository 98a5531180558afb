package io.conveyor.engine.internal.exec;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.Problem;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test-only {@link StageConfig} over a map, applying the descriptor's defaults the way the
 * compiler's implementation does; paths resolve against a given directory.
 */
public final class MapStageConfig implements StageConfig {
    private final String stageId;
    private final String stageType;
    private final Map<String, Object> values;
    private final StageDescriptor descriptor;
    private final Path baseDir;

    public MapStageConfig(String stageId, String stageType, Map<String, ?> values, StageDescriptor descriptor,
                          Path baseDir) {
        this.stageId = stageId;
        this.stageType = stageType;
        this.values = new LinkedHashMap<>(values);
        this.descriptor = descriptor;
        this.baseDir = baseDir;
    }

    public static MapStageConfig empty(String stageId) {
        return new MapStageConfig(stageId, "test", Map.of(), null, Path.of("."));
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
        OptionSpec spec = descriptor == null ? null : descriptor.option(key);
        return spec == null ? null : spec.defaultValue();
    }

    private <T> T typed(String key, Class<T> type, T fallback) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return fallback;
        }
        if (!type.isInstance(v)) {
            throw error(key, "expected a " + type.getSimpleName().toLowerCase() + ", found " + v);
        }
        return type.cast(v);
    }

    @Override
    public String getString(String key) throws ConfigException {
        String s = typed(key, String.class, null);
        if (s == null) {
            throw error(key, "missing");
        }
        return s;
    }

    @Override
    public String getString(String key, String fallback) throws ConfigException {
        return typed(key, String.class, fallback);
    }

    @Override
    public long getLong(String key) throws ConfigException {
        Long l = typed(key, Long.class, null);
        if (l == null) {
            throw error(key, "missing");
        }
        return l;
    }

    @Override
    public long getLong(String key, long fallback) throws ConfigException {
        Object v = get(key);
        if (v instanceof Integer) {
            return (Integer) v;
        }
        return typed(key, Long.class, fallback);
    }

    @Override
    public double getDouble(String key, double fallback) throws ConfigException {
        Number n = typed(key, Number.class, fallback);
        return n.doubleValue();
    }

    @Override
    public boolean getBool(String key, boolean fallback) throws ConfigException {
        return typed(key, Boolean.class, fallback);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> getList(String key) throws ConfigException {
        return typed(key, List.class, List.of());
    }

    @Override
    public List<String> getStringList(String key) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String) {
            return List.of((String) v);
        }
        List<String> out = new ArrayList<>();
        for (Object o : getList(key)) {
            if (!(o instanceof String)) {
                throw error(key, "expected strings, found " + o);
            }
            out.add((String) o);
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> getTable(String key) throws ConfigException {
        return typed(key, Map.class, Map.of());
    }

    @Override
    public Path getPath(String key) throws ConfigException {
        return baseDir.resolve(getString(key));
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public ConfigException error(String key, String message) {
        return new ConfigException(new Problem("test.toml", 1, 1, stageId, key, message, null));
    }

    @Override
    public String mask(String text) {
        return text;
    }
}
