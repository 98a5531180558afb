package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A {@code like} pattern compiled once: {@code %} matches any run of characters, {@code _} one
 * character, everything else itself (case-sensitive; there is no escape character). Patterns
 * that are a plain prefix, suffix, substring or exact text skip the regular expression.
 */
final class LikePattern {
    private LikePattern() {
    }

    /** @param pattern the like pattern
     *  @return a test of a whole string */
    static Predicate<String> compile(String pattern) {
        if (pattern.indexOf('_') < 0) {
            String inner = pattern;
            boolean leading = inner.startsWith("%");
            boolean trailing = inner.length() > (leading ? 1 : 0) && inner.endsWith("%");
            String core = inner.substring(leading ? 1 : 0, inner.length() - (trailing ? 1 : 0));
            if (core.indexOf('%') < 0) {
                if (leading && trailing) {
                    return s -> s.contains(core);
                }
                if (leading) {
                    return s -> s.endsWith(core);
                }
                if (trailing) {
                    return s -> s.startsWith(core);
                }
                return s -> s.equals(core);
            }
        }
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        Pattern p = Pattern.compile(re.toString(), Pattern.DOTALL);
        return s -> p.matcher(s).matches();
    }

    /**
     * @param operand a string evaluator
     * @param pattern a string evaluator (a constant pattern is compiled once)
     * @param constant the pattern when it is a constant, else null
     * @param negated true for {@code not like}
     * @return the test
     */
    static Eval of(Eval operand, Eval pattern, String constant, boolean negated) {
        Predicate<String> fixed = constant == null ? null : compile(constant);
        return (batch, active) -> {
            Column c = operand.eval(batch, active);
            Column p = fixed == null ? pattern.eval(batch, active) : null;
            int n = c.size();
            boolean[] out = new boolean[n];
            boolean[] nulls = null;
            String lastPattern = null;
            Predicate<String> last = null;
            for (int i = 0; i < n; i++) {
                String s = c.getString(i);
                String ps = p == null ? constant : p.getString(i);
                if (s == null || ps == null) {
                    nulls = Masks.mark(nulls, i, n);
                    continue;
                }
                if (!Masks.on(active, i)) {
                    continue;
                }
                Predicate<String> test = fixed;
                if (test == null) {
                    if (!ps.equals(lastPattern)) {
                        lastPattern = ps;
                        last = compile(ps);
                    }
                    test = last;
                }
                out[i] = test.test(s) != negated;
            }
            return Column.ofBools(out, nulls, n);
        };
    }
}
