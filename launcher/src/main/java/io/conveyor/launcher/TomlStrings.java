package io.conveyor.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The string values of a TOML document, each with its dotted key path: what the relaunching
 * parent JVM needs to size a run ({@link InputSize}) before the child starts. It is not a
 * TOML parser (the engine has one, and reports every error): it reads tables, arrays of tables
 * ({@code stages.0.type}, then {@code stages.1.type}), dotted keys, inline tables and arrays,
 * all four kinds of string, and skips other values. Elements of an array of strings share
 * their array's key. A document it cannot follow is {@link Malformed}.
 *
 * <p>Written for the parent's start-up path: no regular expressions, streams or lambdas, each
 * of which would cost class loading there (the TOML library itself takes about 0.2 s to parse
 * its first file in a fresh JVM).
 */
final class TomlStrings {
    /** The document is not TOML this reader can follow. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** One string value and where it is. */
    record Entry(String key, String value) {
    }

    private static final int EOF = -1;
    /** Deeper nesting of arrays and inline tables is refused rather than recursed into. */
    static final int MAX_DEPTH = 64;

    private final String text;
    private int at;
    private final List<Entry> entries = new ArrayList<>();
    /** The index of the last element of each array of tables, by its path. */
    private final Map<String, Integer> tableArrays = new HashMap<>();

    private TomlStrings(String text) {
        this.text = text;
    }

    /**
     * @param text a TOML document
     * @return its string values in document order
     * @throws Malformed if the document is not TOML this reader can follow
     */
    static List<Entry> of(String text) throws Malformed {
        TomlStrings reader = new TomlStrings(text);
        reader.document();
        return reader.entries;
    }

    private void document() throws Malformed {
        String table = "";
        while (true) {
            skipBlank(true);
            int c = peek();
            if (c == EOF) {
                return;
            }
            if (c == '[') {
                table = header();
            } else {
                keyValue(table);
            }
            skipBlank(false);
            if (peek() != EOF && peek() != '\n') {
                throw new Malformed("expected the end of the line at offset " + at);
            }
        }
    }

    /** Reads {@code [a.b]} or {@code [[a.b]]}; @return the table's path, with array indices */
    private String header() throws Malformed {
        at++;
        boolean array = peek() == '[';
        if (array) {
            at++;
        }
        List<String> names = keyNames();
        expect(']');
        if (array) {
            expect(']');
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                path.append('.');
            }
            path.append(names.get(i));
            boolean last = i == names.size() - 1;
            String arrayPath = path.toString();
            Integer index = tableArrays.get(arrayPath);
            if (last && array) {
                index = index == null ? 0 : index + 1;
                tableArrays.put(arrayPath, index);
            }
            if (index != null) {
                path.append('.').append(index);
            }
        }
        return path.toString();
    }

    private void keyValue(String table) throws Malformed {
        List<String> names = keyNames();
        expect('=');
        value(join(table, names), 0);
    }

    private void value(String key, int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("values nested more than " + MAX_DEPTH + " deep at offset " + at);
        }
        skipBlank(false);
        int c = peek();
        if (c == '"' || c == '\'') {
            entries.add(new Entry(key, string()));
        } else if (c == '[') {
            at++;
            while (true) {
                skipBlank(true);
                if (peek() == ']') {
                    at++;
                    return;
                }
                value(key, depth + 1);
                skipBlank(true);
                if (peek() == ',') {
                    at++;
                } else if (peek() != ']') {
                    throw new Malformed("expected ',' or ']' in an array at offset " + at);
                }
            }
        } else if (c == '{') {
            at++;
            skipBlank(false);
            if (peek() == '}') {
                at++;
                return;
            }
            while (true) {
                List<String> names = keyNames();
                expect('=');
                value(join(key, names), depth + 1);
                skipBlank(false);
                int next = next();
                if (next == '}') {
                    return;
                }
                if (next != ',') {
                    throw new Malformed("expected ',' or '}' in an inline table at offset " + (at - 1));
                }
            }
        } else {
            // A number, boolean or date: up to the next separator.
            int start = at;
            while (peek() != EOF && " \t\r\n,]}#".indexOf(peek()) < 0) {
                at++;
            }
            if (at == start) {
                throw new Malformed("expected a value at offset " + at);
            }
        }
    }

    private List<String> keyNames() throws Malformed {
        List<String> names = new ArrayList<>();
        while (true) {
            skipBlank(false);
            int c = peek();
            if (c == '"' || c == '\'') {
                names.add(string());
            } else {
                int start = at;
                while (peek() != EOF && isBareKeyChar(peek())) {
                    at++;
                }
                if (at == start) {
                    throw new Malformed("expected a key at offset " + at);
                }
                names.add(text.substring(start, at));
            }
            skipBlank(false);
            if (peek() != '.') {
                return names;
            }
            at++;
        }
    }

    private static boolean isBareKeyChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private String string() throws Malformed {
        char quote = text.charAt(at);
        boolean literal = quote == '\'';
        boolean multiLine = text.startsWith(quote == '"' ? "\"\"\"" : "'''", at);
        at += multiLine ? 3 : 1;
        if (multiLine && peek() == '\n') {
            at++;
        } else if (multiLine && peek() == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n') {
            at += 2;
        }
        StringBuilder out = new StringBuilder();
        while (true) {
            int c = next();
            if (c == EOF || (c == '\n' && !multiLine)) {
                throw new Malformed("unterminated string at offset " + at);
            }
            if (c == quote && (!multiLine || closesMultiLine(quote))) {
                return out.toString();
            }
            if (c == '\\' && !literal) {
                escape(out, multiLine);
            } else {
                out.append((char) c);
            }
        }
    }

    /** After a quote inside a multi-line string: true (and past it) if it ends the string. */
    private boolean closesMultiLine(char quote) {
        if (at + 1 < text.length() && text.charAt(at) == quote && text.charAt(at + 1) == quote) {
            at += 2;
            // Up to two more quotes just before the closing three belong to the string: not needed here.
            return true;
        }
        return false;
    }

    private void escape(StringBuilder out, boolean multiLine) throws Malformed {
        int c = next();
        switch (c) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case 'u', 'U' -> {
                int digits = c == 'u' ? 4 : 8;
                if (at + digits > text.length()) {
                    throw new Malformed("short unicode escape at offset " + at);
                }
                try {
                    out.appendCodePoint(Integer.parseInt(text, at, at + digits, 16));
                } catch (IllegalArgumentException e) {
                    throw new Malformed("bad unicode escape at offset " + at);
                }
                at += digits;
            }
            default -> {
                if (multiLine && (c == '\n' || c == ' ' || c == '\t' || c == '\r')) {
                    // A line-ending backslash: the line break and the blanks after it vanish.
                    while (peek() != EOF && " \t\r\n".indexOf(peek()) >= 0) {
                        at++;
                    }
                } else {
                    throw new Malformed("bad escape at offset " + (at - 1));
                }
            }
        }
    }

    /** Skips spaces, tabs and comments, and line breaks too if {@code lines}. */
    private void skipBlank(boolean lines) {
        while (true) {
            int c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || (lines && c == '\n')) {
                at++;
            } else if (c == '#') {
                while (peek() != EOF && peek() != '\n') {
                    at++;
                }
            } else {
                return;
            }
        }
    }

    private void expect(char c) throws Malformed {
        skipBlank(false);
        if (next() != c) {
            throw new Malformed("expected '" + c + "' at offset " + (at - 1));
        }
    }

    private int peek() {
        return at < text.length() ? text.charAt(at) : EOF;
    }

    private int next() {
        return at < text.length() ? text.charAt(at++) : EOF;
    }

    private static String join(String prefix, List<String> names) {
        StringBuilder path = new StringBuilder(prefix);
        for (String n : names) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(n);
        }
        return path.toString();
    }
}
