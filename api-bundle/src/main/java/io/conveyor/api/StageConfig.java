package io.conveyor.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A stage's {@code [stages.config]}, after interpolation and validation against the
 * stage's {@link StageDescriptor}: every key is a declared option of the declared type,
 * and required options are present. Getters apply the option's default. Values are plain
 * Java: {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code java.time} values for TOML dates, {@code Map<String,Object>} for tables and
 * {@code List<Object>} for arrays (nested all the way down).
 *
 * <p>{@link #error(String, String)} makes an exception positioned at the key's place in the
 * pipeline file, so a factory's messages point where the user must look.
 */
@ProviderType
public interface StageConfig {
    /** @return the id of the stage */
    String stageId();

    /** @return the stage type as written, e.g. {@code plugin.http} */
    String stageType();

    /** @return the keys present in the file (defaults not included) */
    Set<String> keys();

    /** @param key an option name
     *  @return true if the file sets it */
    boolean has(String key);

    /** @param key an option name
     *  @return the value, or the declared default, or null */
    Object get(String key);

    /** @param key an option name
     *  @return the string value or default
     *  @throws ConfigException if it is absent without default or not a string */
    String getString(String key) throws ConfigException;

    /** @param key an option name
     *  @param fallback returned when the option is absent and has no default
     *  @return the value
     *  @throws ConfigException if present but not a string */
    String getString(String key, String fallback) throws ConfigException;

    /** @param key an option name
     *  @return the integer value or default
     *  @throws ConfigException if absent without default or not an integer */
    long getLong(String key) throws ConfigException;

    /** @param key an option name
     *  @param fallback returned when absent without default
     *  @return the value
     *  @throws ConfigException if present but not an integer */
    long getLong(String key, long fallback) throws ConfigException;

    /** @param key an option name
     *  @param fallback returned when absent without default
     *  @return the value as a number
     *  @throws ConfigException if present but not a number */
    double getDouble(String key, double fallback) throws ConfigException;

    /** @param key an option name
     *  @param fallback returned when absent without default
     *  @return the value
     *  @throws ConfigException if present but not a boolean */
    boolean getBool(String key, boolean fallback) throws ConfigException;

    /** @param key an option name
     *  @return the array, or an empty list when absent without default
     *  @throws ConfigException if present but not an array */
    List<Object> getList(String key) throws ConfigException;

    /** @param key an option name
     *  @return the array of strings (a single string gives a one-element list); empty when absent
     *  @throws ConfigException if an element is not a string */
    List<String> getStringList(String key) throws ConfigException;

    /** @param key an option name
     *  @return the table, or an empty map when absent without default
     *  @throws ConfigException if present but not a table */
    Map<String, Object> getTable(String key) throws ConfigException;

    /** @param key an option holding a file path
     *  @return the path resolved against the pipeline file's directory
     *  @throws ConfigException if absent or not a string */
    Path getPath(String key) throws ConfigException;

    /** @return the whole configuration as plain values, defaults not included */
    Map<String, Object> asMap();

    /**
     * @param key the option the problem is about
     * @param message what is wrong and what to do
     * @return an exception positioned at the key (file:line:col, stage id, key)
     */
    ConfigException error(String key, String message);

    /**
     * Replaces every secret interpolated from the environment into this configuration by
     * {@code ***}, and the password of any URL by {@code ***}.
     *
     * @param text text that may contain a secret (an error body, a URL)
     * @return the text safe to print
     */
    String mask(String text);
}
