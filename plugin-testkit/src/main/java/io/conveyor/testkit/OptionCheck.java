package io.conveyor.testkit;

import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.Problem;
import io.conveyor.api.StageDescriptor;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks the engine's compiler makes on a stage's options before a factory sees them
 * (unknown keys, types, allowed values, required keys), with the engine's wording, so a
 * config a test builds is one the engine would accept.
 */
final class OptionCheck {
    private final StageDescriptor descriptor;
    private final String stageId;
    private final String stageType;
    private final ProblemPlace at;
    private final List<Problem> problems = new ArrayList<>();

    /** @param at where problems are placed (its file, line and column) */
    OptionCheck(StageDescriptor descriptor, String stageId, String stageType, ProblemPlace at) {
        this.at = at;
        this.descriptor = descriptor;
        this.stageId = stageId;
        this.stageType = stageType;
    }

    /** @param values the options as given
     *  @return the problems, empty when the engine would accept them */
    List<Problem> check(Map<String, Object> values) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            OptionSpec spec = descriptor.option(e.getKey());
            if (spec == null) {
                unknownKey(e.getKey());
            } else {
                checkValue(spec, e.getValue());
            }
        }
        for (OptionSpec spec : descriptor.options()) {
            if (spec.isRequired() && !values.containsKey(spec.name())) {
                report(spec.name(), "missing required key '" + spec.name() + "'",
                        spec.description().isEmpty() ? null : spec.name() + ": " + spec.description());
            }
        }
        return problems;
    }

    private void unknownKey(String key) {
        List<String> names = descriptor.options().stream().map(OptionSpec::name).toList();
        report(key, "unknown key '" + key + "' for stage type '" + stageType + "'",
                names.isEmpty() ? "stage type '" + stageType + "' takes no options"
                        : "its options are: " + String.join(", ", names));
    }

    private void checkValue(OptionSpec spec, Object v) {
        String key = spec.name();
        if (!fits(spec.type(), v)) {
            report(key, mismatch(describe(spec.type()), v), null);
            return;
        }
        if (v instanceof List<?> list && spec.type() == OptionType.STRING_OR_ARRAY) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String s) {
                    checkAllowed(spec, key + "[" + i + "]", s);
                } else {
                    report(key + "[" + i + "]", mismatch("a string", list.get(i)), null);
                }
            }
        } else if (v instanceof String s) {
            checkAllowed(spec, key, s);
        }
    }

    private void checkAllowed(OptionSpec spec, String key, String value) {
        List<String> allowed = spec.allowedValues();
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            report(key, "value '" + value + "' is not allowed; use one of: " + String.join(", ", allowed), null);
        }
    }

    private void report(String key, String message, String hint) {
        problems.add(new Problem(at.file(), at.line(), at.column(), stageId, key, message, hint));
    }

    /** Values are normalised to {@code Long}/{@code Double} before this check, as TOML gives them. */
    private static boolean fits(OptionType type, Object value) {
        return switch (type) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case FLOAT -> value instanceof Long || value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case TABLE -> value instanceof Map;
            case ARRAY -> value instanceof List;
            case STRING_OR_TABLE -> value instanceof String || value instanceof Map;
            case STRING_OR_ARRAY -> value instanceof String || value instanceof List;
            case BOOLEAN_OR_ARRAY -> value instanceof Boolean || value instanceof List;
            case ANY -> true;
        };
    }

    private static String describe(OptionType type) {
        return switch (type) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case FLOAT -> "a number";
            case BOOLEAN -> "a boolean";
            case TABLE -> "a table";
            case ARRAY -> "an array";
            case STRING_OR_TABLE -> "a string or a table";
            case STRING_OR_ARRAY -> "a string or an array of strings";
            case BOOLEAN_OR_ARRAY -> "a boolean or an array";
            case ANY -> "any value";
        };
    }

    /** @return {@code expected X, found Y}, the engine's wording of a type error */
    static String mismatch(String expected, Object found) {
        return "expected " + expected + ", found " + describe(found);
    }

    private static String describe(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "an integer";
        }
        if (value instanceof Double || value instanceof Float) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "a table";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof OffsetDateTime || value instanceof LocalDateTime) {
            return "a date-time";
        }
        if (value instanceof LocalDate) {
            return "a date";
        }
        if (value instanceof LocalTime) {
            return "a time";
        }
        return value == null ? "nothing" : "a " + value.getClass().getSimpleName();
    }
}
