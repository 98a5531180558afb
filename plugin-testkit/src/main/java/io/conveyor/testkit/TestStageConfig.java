package io.conveyor.testkit;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.Problem;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageDescriptor;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link StageConfig} for calling a stage factory without the engine, built from the
 * factory's {@link StageDescriptor} and the options a pipeline file would set:
 * <pre>{@code
 * StageConfig c = TestStageConfig.of(factory.descriptor(), "url", "http://127.0.0.1:8080/x", "batch_size", 10L)
 *         .withSecrets("s3cr3t");
 * }</pre>
 *
 * <p>Building it makes the checks the engine's compiler makes before a factory sees a config,
 * with the engine's messages: unknown keys, values of the wrong type, values a string option
 * does not allow, missing required keys. A config the engine would refuse throws
 * {@link InvalidStageConfigException}. Values are plain Java as TOML gives them; a Java
 * {@code Integer} is taken as a TOML integer ({@code Long}), and an integer given to a number
 * option becomes a {@code Double}, as in the engine. Getters apply the declared defaults and
 * raise the engine's type errors.
 *
 * <p>Differences from the engine, by design: problems are placed at {@code pipeline.toml}
 * without line and column (see {@link #withSource}), and their key is the option name without the {@code config.}
 * prefix. {@link #mask(String)} hides the secrets given to {@link #withSecrets(String...)}
 * (as if interpolated from the environment) and URL passwords. Immutable.
 */
public final class TestStageConfig implements StageConfig {
    private static final Pattern URL_CREDENTIALS =
            Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s:]+):([^/@\\s]+)@");
    private static final int MIN_SECRET_LENGTH = 3;

    private final StageDescriptor descriptor;
    private final String stageId;
    private final String stageType;
    private final Map<String, Object> values;
    private final List<String> secrets;
    private final Path baseDir;
    private final ProblemPlace at;
    private final boolean checked;

    private TestStageConfig(StageDescriptor descriptor, String stageId, String stageType, Map<String, ?> values,
                            List<String> secrets, Path baseDir, ProblemPlace at, boolean checked) {
        this.descriptor = descriptor;
        this.stageId = stageId;
        this.stageType = stageType;
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((k, v) -> typed.put(k, typed(k, v)));
        this.at = at;
        this.checked = checked;
        List<Problem> problems = checked ? new OptionCheck(descriptor, stageId, stageType, at).check(typed) : List.of();
        if (!problems.isEmpty()) {
            throw new InvalidStageConfigException(problems);
        }
        this.values = frozenTable(typed);
        this.secrets = secrets;
        this.baseDir = baseDir;
    }

    /**
     * @param descriptor the factory's descriptor
     * @param keysAndValues option names and values, alternating
     * @return a config of stage {@code test_stage} of type {@code plugin.NAME}
     * @throws InvalidStageConfigException if the engine would refuse these options
     */
    public static TestStageConfig of(StageDescriptor descriptor, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate; got an odd number of arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return of(descriptor, m);
    }

    /**
     * @param descriptor the factory's descriptor
     * @param values the options as a pipeline file would set them
     * @return a config of stage {@code test_stage} of type {@code plugin.NAME}
     * @throws InvalidStageConfigException if the engine would refuse these options
     */
    public static TestStageConfig of(StageDescriptor descriptor, Map<String, ?> values) {
        return new TestStageConfig(descriptor, "test_stage", "plugin." + descriptor.name(), values, List.of(), null,
                new ProblemPlace("pipeline.toml", 0, 0), true);
    }

    /**
     * Skips the compiler's checks, to test how a factory's own {@code validate} treats values
     * the engine would already have refused (an unknown key, a value that is not allowed).
     *
     * @param descriptor the factory's descriptor
     * @param values the options, taken as they are
     * @return a config of stage {@code test_stage} of type {@code plugin.NAME}
     */
    public static TestStageConfig unchecked(StageDescriptor descriptor, Map<String, ?> values) {
        return new TestStageConfig(descriptor, "test_stage", "plugin." + descriptor.name(), values, List.of(), null,
                new ProblemPlace("pipeline.toml", 0, 0), false);
    }

    /**
     * @param id the stage id errors name
     * @param type the stage type as written, e.g. {@code plugin.http} or {@code source.csv}
     * @return a copy for that stage
     */
    public TestStageConfig withStage(String id, String type) {
        return new TestStageConfig(descriptor, id, type, values, secrets, baseDir, at, checked);
    }

    /**
     * @param values values to hide as {@code ***}, as if interpolated from the environment;
     *               null and values shorter than 3 characters are ignored, as in the engine
     * @return a copy that masks them
     */
    public TestStageConfig withSecrets(String... values) {
        List<String> s = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v != null && v.length() >= MIN_SECRET_LENGTH && !s.contains(v)) {
                    s.add(v);
                }
            }
        }
        s.sort(Comparator.comparingInt(String::length).reversed());
        return new TestStageConfig(descriptor, stageId, stageType, this.values, List.copyOf(s), baseDir, at, checked);
    }

    /**
     * @param dir the directory relative paths resolve against (the pipeline file's directory)
     * @return a copy resolving paths there
     */
    public TestStageConfig withBaseDir(Path dir) {
        return new TestStageConfig(descriptor, stageId, stageType, values, secrets, dir, at, checked);
    }

    /**
     * @param file the pipeline file problems name
     * @param line their line, 0 for none
     * @param column their column, 0 for none
     * @return a copy placing every problem there (the engine places each at its key)
     */
    public TestStageConfig withSource(String file, int line, int column) {
        return new TestStageConfig(descriptor, stageId, stageType, values, secrets, baseDir,
                new ProblemPlace(file, line, column), checked);
    }

    private Object typed(String key, Object v) {
        if (!(v instanceof Number n)) {
            return v;
        }
        boolean integral = v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
        OptionSpec spec = descriptor.option(key);
        if (spec != null && spec.type() == OptionType.FLOAT && integral) {
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
                throw error(key + "[" + i + "]", OptionCheck.mismatch("a string", list.get(i)));
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
        } catch (InvalidPathException e) {
            throw error(key, "invalid path: " + e.getReason());
        }
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public ConfigException error(String key, String message) {
        return new ConfigException(new Problem(at.file(), at.line(), at.column(), stageId, key, mask(message), null));
    }

    @Override
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        Matcher m = URL_CREDENTIALS.matcher(out);
        return m.replaceAll(mr -> Matcher.quoteReplacement(mr.group(1) + mr.group(2) + ":***@"));
    }

    private ConfigException mismatch(String key, String expected, Object found) {
        return error(key, OptionCheck.mismatch(expected, found));
    }

    @Override
    public String toString() {
        return "config of stage '" + stageId + "' (" + stageType + "): " + mask(String.valueOf(values));
    }
}
