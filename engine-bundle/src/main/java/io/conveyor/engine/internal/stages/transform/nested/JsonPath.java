package io.conveyor.engine.internal.stages.transform.nested;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A path into a nested value: object keys separated by dots, array indices in brackets,
 * keys holding dots or brackets quoted in brackets: {@code a.b[0].c}, {@code $.a},
 * {@code meta["x.y"]}. Parsed once; {@link #get} never fails: a path that leads nowhere
 * gives null.
 */
final class JsonPath {
    private final String text;
    /** String for an object key, Integer for an array index. */
    private final List<Object> steps;

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** A path that cannot be parsed; the index says where, from 0. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String path, int index, String what) {
            super("invalid path '" + path + "' at character " + (index + 1) + ": " + what
                    + "; write keys with dots and indices in brackets, e.g. \"a.b[0].c\" or \"meta[\\\"x.y\\\"]\"");
        }
    }

    static JsonPath parse(String text) throws SyntaxError {
        List<Object> steps = new ArrayList<>();
        int i = text.startsWith("$") ? 1 : 0;
        if (i == 1 && i < text.length() && text.charAt(i) == '.') {
            i++;
        }
        boolean expectKey = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new SyntaxError(text, i, "'[' is not closed");
                }
                String inside = text.substring(i + 1, close);
                if (inside.length() >= 2 && inside.startsWith("\"") && inside.endsWith("\"")) {
                    steps.add(inside.substring(1, inside.length() - 1));
                } else {
                    try {
                        int index = Integer.parseInt(inside);
                        if (index < 0) {
                            throw new SyntaxError(text, i + 1, "an array index is 0 or more");
                        }
                        steps.add(index);
                    } catch (NumberFormatException e) {
                        throw new SyntaxError(text, i + 1, "expected an array index or a quoted key in brackets");
                    }
                }
                i = close + 1;
                expectKey = false;
            } else if (c == '.') {
                if (expectKey) {
                    throw new SyntaxError(text, i, "empty key");
                }
                i++;
                expectKey = true;
                if (i == text.length()) {
                    throw new SyntaxError(text, i - 1, "the path ends with '.'");
                }
            } else {
                if (!expectKey) {
                    throw new SyntaxError(text, i, "expected '.' or '[' after ']'");
                }
                int end = i;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                steps.add(text.substring(i, end));
                i = end;
                expectKey = false;
            }
        }
        if (steps.isEmpty()) {
            throw new SyntaxError(text, 0, "the path is empty");
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    /**
     * @param root a nested value of maps, lists and plain values
     * @return the value at this path, or null if the path leads nowhere
     */
    Object get(Object root) {
        Object at = root;
        for (Object step : steps) {
            if (step instanceof Integer index) {
                if (!(at instanceof List<?> list) || index >= list.size()) {
                    return null;
                }
                at = list.get(index);
            } else {
                if (!(at instanceof Map<?, ?> map)) {
                    return null;
                }
                at = map.get(step);
            }
        }
        return at;
    }

    @Override
    public String toString() {
        return text;
    }
}
