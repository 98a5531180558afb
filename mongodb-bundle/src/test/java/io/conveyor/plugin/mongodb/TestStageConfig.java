package io.conveyor.plugin.mongodb;

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
import java.util.regex.Pattern;

/**
 * A {@link StageConfig} over a map, as the engine would hand it to a factory: getters apply
 * the descriptor's defaults, {@link #error} names the stage and key, and {@link #mask}
 * hides one configured secret (as if interpolated from the environment) and URL passwords.
 */
public final class TestStageConfig implements StageConfig {
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]+:)([^@/\\s]+)@");

    private final StageDescriptor descriptor;
    private final Map<String, Object> values;
    private final String secret;

    /**
     * @param descriptor the stage's descriptor (for defaults)
     * @param values the configured options
     * @param secret a value to mask as if it came from the environment, or null
     */
    public TestStageConfig(StageDescriptor descriptor, Map<String, Object> values, String secret) {
        this.descriptor = descriptor;
        this.values = new LinkedHashMap<>(values);
        this.secret = secret;
    }

    @Override
    public String stageId() {
        return "mongo_stage";
    }

    @Override
    public String stageType() {
        return "plugin.mongodb";
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
        if (v == null) {
            throw error(key, "is required");
        }
        return string(key, v);
    }

    @Override
    public String getString(String key, String fallback) throws ConfigException {
        Object v = get(key);
        return v == null ? fallback : string(key, v);
    }

    private String string(String key, Object v) throws ConfigException {
        if (!(v instanceof String s)) {
            throw error(key, "must be a string");
        }
        return s;
    }

    @Override
    public long getLong(String key) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            throw error(key, "is required");
        }
        return number(key, v);
    }

    @Override
    public long getLong(String key, long fallback) throws ConfigException {
        Object v = get(key);
        return v == null ? fallback : number(key, v);
    }

    private long number(String key, Object v) throws ConfigException {
        if (!(v instanceof Long || v instanceof Integer)) {
            throw error(key, "must be an integer");
        }
        return ((Number) v).longValue();
    }

    @Override
    public double getDouble(String key, double fallback) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw error(key, "must be a number");
        }
        return n.doubleValue();
    }

    @Override
    public boolean getBool(String key, boolean fallback) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw error(key, "must be a boolean");
        }
        return b;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> getList(String key) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List)) {
            throw error(key, "must be an array");
        }
        return (List<Object>) v;
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
        List<String> out = new ArrayList<>();
        for (Object o : getList(key)) {
            if (!(o instanceof String s)) {
                throw error(key, "must hold strings");
            }
            out.add(s);
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> getTable(String key) throws ConfigException {
        Object v = get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw error(key, "must be a table");
        }
        return (Map<String, Object>) v;
    }

    @Override
    public Path getPath(String key) throws ConfigException {
        return Path.of(getString(key));
    }

    @Override
    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }

    @Override
    public ConfigException error(String key, String message) {
        return new ConfigException(new Problem("pipeline.toml", 0, 0, stageId(), key, message, null));
    }

    @Override
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = URL_PASSWORD.matcher(text).replaceAll("$1***@");
        return secret == null || secret.isEmpty() ? out : out.replace(secret, "***");
    }
}
