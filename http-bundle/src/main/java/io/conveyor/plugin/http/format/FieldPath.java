package io.conveyor.plugin.http.format;

import java.util.List;
import java.util.Map;

/**
 * A dotted path into a JSON document, such as {@code data.items}: each segment names a
 * field of an object. Used for {@code records_path} and {@code next_url_field}.
 *
 * @param segments the field names, outermost first
 */
public record FieldPath(List<String> segments) {
    /** The path of the document itself. */
    public static final FieldPath ROOT = new FieldPath(List.of());

    /**
     * @param text a dotted path, or null/empty for the root
     * @return the path
     * @throws IllegalArgumentException describing what is wrong (empty segment), for a config error
     */
    public static FieldPath parse(String text) {
        if (text == null || text.isEmpty()) {
            return ROOT;
        }
        String[] parts = text.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw new IllegalArgumentException("'" + text + "' has an empty field name at segment " + (i + 1)
                        + "; write field names separated by single dots, e.g. 'data.items'");
            }
        }
        return new FieldPath(List.of(parts));
    }

    /** @return true for the document itself */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** @param prefix a path
     *  @return true if this path starts with every segment of {@code prefix} */
    public boolean startsWith(List<String> prefix) {
        return prefix.size() <= segments.size() && segments.subList(0, prefix.size()).equals(prefix);
    }

    /** @param value a plain JSON value
     *  @return the value at this path, or null if the path does not lead anywhere */
    public Object find(Object value) {
        Object v = value;
        for (String s : segments) {
            if (!(v instanceof Map)) {
                return null;
            }
            v = ((Map<?, ?>) v).get(s);
        }
        return v;
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
