package io.conveyor.engine.internal.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.StringArbitrary;

/** Generated JSON values by kind, and the comparison of what was written with what was read. */
final class JsonValues {
    /** The kinds of value one key holds across records. */
    enum Kind { LONG, DOUBLE, LONG_OR_DOUBLE, STRING, BOOL, NESTED }

    /** Marks a key left out of a record. */
    static final Object MISSING = new Object();

    private JsonValues() {
    }

    /** @return strings without lone surrogates (which UTF-8 cannot carry) */
    static StringArbitrary text() {
        return Arbitraries.strings().withCharRange(' ', '\uD7FF').withChars("\n\t\r\"\\/\u0000\uFEFF\uE000\uFFFD");
    }

    @SuppressWarnings("unchecked")
    static Arbitrary<Object> of(Kind kind) {
        Arbitrary<?> a = switch (kind) {
            case LONG -> Arbitraries.longs();
            case DOUBLE -> Arbitraries.doubles().filter(Double::isFinite);
            // Exact as a double, so comparing numbers after widening is exact.
            case LONG_OR_DOUBLE -> Arbitraries.oneOf(Arbitraries.longs().between(-(1L << 53), 1L << 53),
                    Arbitraries.doubles().between(-1e6, 1e6));
            case STRING -> text().ofMaxLength(8);
            case BOOL -> Arbitraries.of(true, false);
            case NESTED -> Arbitraries.lazyOf(
                    () -> Arbitraries.of(1L, "x", true, 2.5).map(v -> (Object) v).list().ofMaxSize(3),
                    () -> Arbitraries.maps(Arbitraries.of("k", "v", ""), Arbitraries.of(1L, "x", false)).ofMaxSize(2));
        };
        return (Arbitrary<Object>) a;
    }

    /** @return the value with integers as Long and other numbers as Double, recursively */
    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float || v instanceof BigDecimal) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normalize(x)));
            return out;
        }
        return v;
    }

    /** Equal, or both numbers of the same value (a long read back widened to double). */
    static boolean same(Object want, Object got) {
        if (want instanceof Number w && got instanceof Number g) {
            return w.doubleValue() == g.doubleValue() && (w instanceof Double || g instanceof Double || w.equals(g));
        }
        return java.util.Objects.equals(want, got);
    }
}
