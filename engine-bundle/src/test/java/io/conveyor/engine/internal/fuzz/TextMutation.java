package io.conveyor.engine.internal.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One byte-level edit of a text: delete, duplicate or insert characters, or swap two lines.
 * Positions are fractions of the text's length, so an edit applies to any text and shrinks
 * towards the start.
 *
 * @param kind the edit
 * @param at where, as a fraction of the length in [0, 1)
 * @param other a second position (the other line of a swap)
 * @param length how many characters to delete or duplicate
 * @param text what to insert
 */
public record TextMutation(Kind kind, double at, double other, int length, String text) {
    /** The kinds of edit. */
    public enum Kind { DELETE, DUPLICATE, INSERT, SWAP_LINES }

    /** Characters that mean something to TOML, to the interpolator, or to a reader of lines. */
    private static final String SPECIAL = "[]{}\"'=.,#\\$:-_\n\r\t \u0000\uFEFF\u00e9\uD83D\uDE00";

    /** @return edits with inserted text made mostly of meaningful characters */
    public static Arbitrary<TextMutation> any() {
        Arbitrary<String> inserted = Arbitraries.oneOf(
                Arbitraries.strings().withChars(SPECIAL).ofMinLength(1).ofMaxLength(4),
                Arbitraries.of("${", "}", "${X", "${API_TOKEN}", ":-", "[[stages]]", "[stages.config]", "\"\"\"",
                        "'''", "= ", "inputs = [\"x\"]", "id = \"x\"", "\\u", "\\U0010FFFF", "1e999", "0x", "-0"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(3));
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.doubles().between(0, 0.999).ofScale(4),
                Arbitraries.doubles().between(0, 0.999).ofScale(4), Arbitraries.integers().between(1, 12), inserted)
                .as(TextMutation::new);
    }

    /**
     * @param source a text
     * @param edits edits, applied in order
     * @return the edited text
     */
    public static String applyAll(String source, List<TextMutation> edits) {
        String s = source;
        for (TextMutation m : edits) {
            s = m.apply(s);
        }
        return s;
    }

    /** @return the text with this edit applied */
    public String apply(String s) {
        int pos = (int) (at * s.length());
        return switch (kind) {
            case DELETE -> s.substring(0, pos) + s.substring(Math.min(s.length(), pos + length));
            case DUPLICATE -> s.substring(0, pos) + s.substring(pos, Math.min(s.length(), pos + length)) + s.substring(pos);
            case INSERT -> s.substring(0, pos) + text + s.substring(pos);
            case SWAP_LINES -> swapLines(s);
        };
    }

    private String swapLines(String s) {
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        int a = (int) (at * lines.size());
        int b = (int) (other * lines.size());
        String t = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, t);
        return String.join("\n", lines);
    }
}
