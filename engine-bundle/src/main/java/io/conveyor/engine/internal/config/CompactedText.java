package io.conveyor.engine.internal.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pipeline text with long runs of blank and comment-only lines shortened, and the way back to
 * the original line numbers. tomlj 2.2.0 takes time growing faster than the square of such a
 * run (1 600 blank lines: seconds), so a run keeps its first {@link #KEPT_PER_RUN} lines and
 * loses the rest. Whole lines go, so columns stay; lines inside multi-line strings are content
 * and are never removed. Text without a long run is passed through unchanged.
 */
final class CompactedText {
    /** Lines of a blank or comment run that are kept; far more than any real file has. */
    static final int KEPT_PER_RUN = 20;
    private static final Pattern LINE_REFERENCE = Pattern.compile("\\bline (\\d+)");

    private final String text;
    /** originalLine[i] is the original number of compacted line i + 1; null when nothing was removed. */
    private final int[] originalLine;

    private CompactedText(String text, int[] originalLine) {
        this.text = text;
        this.originalLine = originalLine;
    }

    /** @return the text with long quiet runs shortened */
    static CompactedText of(String toml) {
        String[] lines = toml.split("\n", -1);
        StringBuilder out = new StringBuilder(toml.length());
        int[] map = new int[lines.length];
        int kept = 0;
        int run = 0;
        boolean removed = false;
        MultiLineStrings strings = new MultiLineStrings();
        for (int i = 0; i < lines.length; i++) {
            boolean quiet = !strings.inside() && isQuiet(lines[i]);
            run = quiet ? run + 1 : 0;
            if (quiet && run > KEPT_PER_RUN) {
                removed = true;
                continue;
            }
            if (!quiet) {
                strings.scan(lines[i]);
            }
            if (kept > 0) {
                out.append('\n');
            }
            out.append(lines[i]);
            map[kept++] = i + 1;
        }
        if (!removed) {
            return new CompactedText(toml, null);
        }
        return new CompactedText(out.toString(), java.util.Arrays.copyOf(map, kept));
    }

    private static boolean isQuiet(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** @return the text to parse */
    String text() {
        return text;
    }

    /** @return the original line of a line of {@link #text()} (0 stays 0) */
    int originalLine(int line) {
        if (originalLine == null || line <= 0) {
            return line;
        }
        return line <= originalLine.length ? originalLine[line - 1] : originalLine[originalLine.length - 1] + 1;
    }

    /** @return the position in the original text */
    SourcePosition original(SourcePosition p) {
        return originalLine == null || !p.isKnown() ? p : new SourcePosition(originalLine(p.line()), p.column());
    }

    /** @return a parser message with its {@code line N} references turned into original lines */
    String originalLines(String message) {
        if (originalLine == null) {
            return message;
        }
        Matcher m = LINE_REFERENCE.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String n = m.group(1);
            String mapped = n.length() < 10 ? String.valueOf(originalLine(Integer.parseInt(n))) : n;
            m.appendReplacement(sb, "line " + mapped);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Follows, line by line, whether a multi-line string ({@code """} or {@code '''}) is open. */
    private static final class MultiLineStrings {
        private String open;

        boolean inside() {
            return open != null;
        }

        void scan(String line) {
            int i = 0;
            while (i < line.length()) {
                if (open != null) {
                    if (open.equals("\"\"\"") && line.charAt(i) == '\\') {
                        i += 2;
                    } else if (line.startsWith(open, i)) {
                        i += 3;
                        open = null;
                    } else {
                        i++;
                    }
                    continue;
                }
                char c = line.charAt(i);
                if (c == '#') {
                    return;
                }
                if (line.startsWith("\"\"\"", i) || line.startsWith("'''", i)) {
                    open = line.substring(i, i + 3);
                    i += 3;
                } else if (c == '"' || c == '\'') {
                    i = endOfString(line, i + 1, c);
                } else {
                    i++;
                }
            }
        }

        /** @return the index after a one-line string's closing quote (or the line's end) */
        private static int endOfString(String line, int from, char quote) {
            int i = from;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (quote == '"' && c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    return i + 1;
                }
                i++;
            }
            return i;
        }
    }
}
