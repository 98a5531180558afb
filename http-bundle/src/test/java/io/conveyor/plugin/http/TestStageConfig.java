package io.conveyor.plugin.http;

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
 * A {@link StageConfig} over a map, for calling factories without the engine: checks keys
 * and allowed values against the descriptor (as the engine's compiler does), applies
 * defaults, and masks the given secrets as {@code ***}.
 */
final class TestStageConfig implements StageConfig {
    private final StageDescriptor descriptor;
    private final Map<String, Object> values;
    private final List<String> secrets;

    TestStageConfig(StageDescriptor descriptor, Map<String, Object> values, String... secrets) {
        this.descriptor = descriptor;
        this.values = new LinkedHashMap<>(values);
        this.secrets = List.of(secrets);
        for (String key : values.keySet()) {
            OptionSpec spec = descriptor.option(key);
            if (spec == null) {
                throw new IllegalArgumentException("unknown option '" + key + "' for " + descriptor.name());
            }
            if (!spec.allowedValues().isEmpty() && !spec.allowedValues().contains(values.get(key))) {
                throw new IllegalArgumentException("option '" + key + "' must be one of " + spec.allowedValues());
            }
        }
        for (OptionSpec o : descriptor.options()) {
            if (o.isRequired() && !values.containsKey(o.name())) {
                throw new IllegalArgumentException("option '" + o.name() + "' is required");
            }
        }
    }

    /** @return a config of the given key/value pairs */
    static TestStageConfig of(StageDescriptor d, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return new TestStageConfig(d, m);
    }

    /** @return a copy that masks these secrets */
    TestStageConfig withSecrets(String... s) {
        return new TestStageConfig(descriptor, values, s);
    }

    @Override
    public String stageId() {
        return "test_stage";
    }

    @Override
    public String stageType() {
        return "plugin.http";
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
        return spec == null ? null : spec.defaultValue();
    }

    @Override
    public String getString(String key) throws ConfigException {
        Object v = get(key);
        if (!(v instanceof String)) {
            throw error(key, v == null ? "is required" : "must be a string");
        }
        return (String) v;
    }

    @Override
    public String getString(String key, String fallback) {
        Object v = get(key);
        return v == null ? fallback : v.toString();
    }

    @Override
    public long getLong(String key) throws ConfigException {
        Object v = get(key);
        if (!(v instanceof Number)) {
            throw error(key, v == null ? "is required" : "must be an integer");
        }
        return ((Number) v).longValue();
    }

    @Override
    public long getLong(String key, long fallback) {
        Object v = get(key);
        return v instanceof Number ? ((Number) v).longValue() : fallback;
    }

    @Override
    public double getDouble(String key, double fallback) {
        Object v = get(key);
        return v instanceof Number ? ((Number) v).doubleValue() : fallback;
    }

    @Override
    public boolean getBool(String key, boolean fallback) {
        Object v = get(key);
        return v instanceof Boolean ? (Boolean) v : fallback;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> getList(String key) {
        Object v = get(key);
        return v == null ? List.of() : (List<Object>) v;
    }

    @Override
    public List<String> getStringList(String key) {
        List<String> out = new ArrayList<>();
        for (Object o : getList(key)) {
            out.add(o.toString());
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> getTable(String key) throws ConfigException {
        Object v = get(key);
        if (v != null && !(v instanceof Map)) {
            throw error(key, "must be a table");
        }
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    @Override
    public Path getPath(String key) throws ConfigException {
        return Path.of(getString(key));
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public ConfigException error(String key, String message) {
        return new ConfigException(new Problem(null, 0, 0, stageId(), key, message, null));
    }

    @Override
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        return out;
    }
}
