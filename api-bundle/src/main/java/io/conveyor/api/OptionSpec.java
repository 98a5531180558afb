package io.conveyor.api;

import java.util.List;
import java.util.Objects;

/**
 * One option a stage takes: its name, type, whether it is required, its default and a
 * description shown by {@code conveyor stages}. Immutable; the {@code with} methods return
 * copies, so specs read as {@code OptionSpec.string("url").required().describe("Target URL")}.
 */
public final class OptionSpec {
    private final String name;
    private final OptionType type;
    private final boolean required;
    private final Object defaultValue;
    private final String description;
    private final List<String> allowed;

    private OptionSpec(String name, OptionType type, boolean required, Object defaultValue, String description,
                       List<String> allowed) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.required = required;
        this.defaultValue = defaultValue;
        this.description = description == null ? "" : description;
        this.allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    /** @param name option name
     *  @param type option type
     *  @return an optional option without default or description */
    public static OptionSpec of(String name, OptionType type) {
        return new OptionSpec(name, type, false, null, "", null);
    }

    /** @param name option name
     *  @return a string option */
    public static OptionSpec string(String name) {
        return of(name, OptionType.STRING);
    }

    /** @param name option name
     *  @return an integer option */
    public static OptionSpec integer(String name) {
        return of(name, OptionType.INTEGER);
    }

    /** @param name option name
     *  @return a number option */
    public static OptionSpec number(String name) {
        return of(name, OptionType.FLOAT);
    }

    /** @param name option name
     *  @return a boolean option */
    public static OptionSpec bool(String name) {
        return of(name, OptionType.BOOLEAN);
    }

    /** @param name option name
     *  @return a table option */
    public static OptionSpec table(String name) {
        return of(name, OptionType.TABLE);
    }

    /** @param name option name
     *  @return an array option */
    public static OptionSpec array(String name) {
        return of(name, OptionType.ARRAY);
    }

    /** @return a copy that is required */
    public OptionSpec required() {
        return new OptionSpec(name, type, true, defaultValue, description, allowed);
    }

    /** @param value the default, a plain value of the option's type
     *  @return a copy with that default */
    public OptionSpec defaultValue(Object value) {
        return new OptionSpec(name, type, required, value, description, allowed);
    }

    /** @param text what the option does
     *  @return a copy with that description */
    public OptionSpec describe(String text) {
        return new OptionSpec(name, type, required, defaultValue, text, allowed);
    }

    /** @param values the only values a string option may take (checked case-sensitively)
     *  @return a copy restricted to them */
    public OptionSpec allowed(String... values) {
        return new OptionSpec(name, type, required, defaultValue, description, List.of(values));
    }

    /** @return the option name (a key of {@code [stages.config]}) */
    public String name() {
        return name;
    }

    /** @return the option type */
    public OptionType type() {
        return type;
    }

    /** @return true if a stage must set it */
    public boolean isRequired() {
        return required;
    }

    /** @return the default, or null */
    public Object defaultValue() {
        return defaultValue;
    }

    /** @return the description */
    public String description() {
        return description;
    }

    /** @return the allowed values of a string option, empty if any value is allowed */
    public List<String> allowedValues() {
        return allowed;
    }

    @Override
    public String toString() {
        return name + " (" + type.id() + (required ? ", required" : "")
                + (defaultValue != null ? ", default " + defaultValue : "") + ")";
    }
}
