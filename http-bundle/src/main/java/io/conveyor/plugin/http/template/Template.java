package io.conveyor.plugin.http.template;

import io.conveyor.api.Values;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A URL or body with {@code {field}} placeholders filled from each record. Values are
 * percent-encoded in a URL (a space becomes {@code %20}) and JSON-escaped in a body (no
 * quotes are added: write {@code "{name}"} for a string, {@code {id}} for a number); they are
 * never HTML-escaped. A field the record lacks, or holds null, is an error for that record,
 * never an empty string.
 *
 * <p>In a URL every brace must belong to a placeholder. In a body only {@code {name}}
 * (a field name directly between braces) is a placeholder, so the braces of a JSON body are
 * left alone.
 */
public final class Template {
    /** How values are escaped where they are inserted. */
    public enum Escaping {
        /** Percent-encoding for any part of a URL. */
        URL,
        /** JSON string escaping, for bodies. */
        JSON
    }

    private final String text;
    private final Escaping escaping;
    /** Literal text (String) and placeholders (Placeholder), in order. */
    private final List<Object> parts;

    private record Placeholder(String field) {
    }

    private Template(String text, Escaping escaping, List<Object> parts) {
        this.text = text;
        this.escaping = escaping;
        this.parts = parts;
    }

    /**
     * @param text the template
     * @param escaping how values are escaped
     * @return the parsed template
     * @throws IllegalArgumentException with the position of a malformed placeholder
     */
    public static Template parse(String text, Escaping escaping) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{') {
                int end = i + 1;
                while (end < text.length() && isNameChar(text.charAt(end), end == i + 1)) {
                    end++;
                }
                boolean named = end > i + 1;
                if (named && end < text.length() && text.charAt(end) == '}') {
                    if (literal.length() > 0) {
                        parts.add(literal.toString());
                        literal.setLength(0);
                    }
                    parts.add(new Placeholder(text.substring(i + 1, end)));
                    i = end + 1;
                    continue;
                }
                if (named && end == text.length()) {
                    throw new IllegalArgumentException("placeholder '" + text.substring(i) + "' at column " + (i + 1)
                            + " is not closed; write {field}");
                }
                if (escaping == Escaping.URL) {
                    throw new IllegalArgumentException("'{' at column " + (i + 1) + " does not start a placeholder;"
                            + " a placeholder is a field name in braces, such as {id}");
                }
            } else if (c == '}' && escaping == Escaping.URL) {
                throw new IllegalArgumentException("'}' at column " + (i + 1) + " closes no placeholder");
            }
            literal.append(c);
            i++;
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return new Template(text, escaping, List.copyOf(parts));
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (!first && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
    }

    /** @return the field names the template uses, in order of first use */
    public Set<String> fields() {
        Set<String> out = new LinkedHashSet<>();
        for (Object p : parts) {
            if (p instanceof Placeholder ph) {
                out.add(ph.field());
            }
        }
        return out;
    }

    /**
     * @param sample the text each placeholder is replaced by (unescaped)
     * @return the template with every placeholder replaced, e.g. to check the URL's syntax
     */
    public String renderSample(String sample) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            sb.append(p instanceof Placeholder ? sample : (String) p);
        }
        return sb.toString();
    }

    /**
     * @param record a record as plain values
     * @return the filled-in text
     * @throws IllegalArgumentException naming the field that is missing or null
     */
    public String render(Map<String, Object> record) {
        StringBuilder sb = new StringBuilder(text.length() + 32);
        for (Object p : parts) {
            if (!(p instanceof Placeholder ph)) {
                sb.append((String) p);
                continue;
            }
            if (!record.containsKey(ph.field())) {
                throw new IllegalArgumentException("placeholder {" + ph.field() + "}: the record has no field '"
                        + ph.field() + "' (fields: " + String.join(", ", record.keySet()) + ")");
            }
            Object v = record.get(ph.field());
            if (v == null) {
                throw new IllegalArgumentException("placeholder {" + ph.field() + "}: field '" + ph.field()
                        + "' is null in this record");
            }
            String value = Values.toText(v);
            if (escaping == Escaping.URL) {
                sb.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            } else {
                StringBuilder quoted = new StringBuilder(value.length() + 2);
                Values.quote(value, quoted);
                sb.append(quoted, 1, quoted.length() - 1);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
