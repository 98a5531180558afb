package io.conveyor.engine.internal.plugins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an OSGi manifest header ({@code Import-Package}, {@code Require-Capability}, ...)
 * into clauses: paths, attributes and directives. Follows the OSGi grammar closely enough
 * for what the plugin manager reads: commas and semicolons inside quoted values do not
 * split, quotes are removed, {@code key:Type=value} attributes lose their type.
 */
final class ManifestHeader {
    /** One clause of a header, e.g. {@code io.conveyor.api;version="[0.3,0.4)"}. */
    record Clause(List<String> paths, Map<String, String> attributes, Map<String, String> directives) {
    }

    private ManifestHeader() {
    }

    /**
     * @param header the header value; null or blank gives no clauses
     * @return the clauses in order
     */
    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        for (String clauseText : split(header, ',')) {
            List<String> paths = new ArrayList<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            for (String part : split(clauseText, ';')) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = indexOutsideQuotes(p, '=');
                if (eq < 0) {
                    paths.add(p);
                    continue;
                }
                boolean directive = eq > 0 && p.charAt(eq - 1) == ':';
                String key = p.substring(0, directive ? eq - 1 : eq).strip();
                String value = unquote(p.substring(eq + 1).strip());
                if (directive) {
                    directives.put(key, value);
                } else {
                    int colon = key.indexOf(':');
                    attributes.put(colon < 0 ? key : key.substring(0, colon).strip(), value);
                }
            }
            if (!paths.isEmpty() || !attributes.isEmpty() || !directives.isEmpty()) {
                clauses.add(new Clause(List.copyOf(paths), attributes, directives));
            }
        }
        return clauses;
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static int indexOutsideQuotes(String text, char wanted) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
