package io.conveyor.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where plain Java values meet the data model: type inference, widening,
 * conversion to a column type, and canonical text. Sources that produce plain values
 * (JSON, BSON, HTTP bodies) and sinks that consume them go through this class, so a
 * value is treated the same everywhere.
 */
public final class Values {
    private Values() {
    }

    /**
     * Infers the type of a plain value.
     *
     * @param v a value; may be null
     * @return its type, or null for null
     */
    public static DataType typeOf(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean) {
            return DataType.BOOL;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return DataType.LONG;
        }
        if (v instanceof BigInteger) {
            return ((BigInteger) v).bitLength() < 64 ? DataType.LONG : DataType.STRING;
        }
        if (v instanceof Double || v instanceof Float) {
            return DataType.DOUBLE;
        }
        if (v instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) v;
            return new BigDecimal(Double.toString(d.doubleValue())).compareTo(d) == 0 ? DataType.DOUBLE : DataType.STRING;
        }
        if (v instanceof CharSequence || v instanceof Character) {
            return DataType.STRING;
        }
        if (v instanceof Instant || v instanceof OffsetDateTime || v instanceof ZonedDateTime || v instanceof Date
                || v instanceof LocalDateTime) {
            return DataType.TIMESTAMP;
        }
        if (v instanceof LocalDate) {
            return DataType.DATE;
        }
        if (v instanceof Map || v instanceof List) {
            return DataType.JSON;
        }
        return DataType.STRING;
    }

    /**
     * The narrowest type that holds every value of both types without loss of meaning:
     * long and double give double; anything with json gives json; other mixes give string.
     *
     * @param a a type or null (no information)
     * @param b a type or null
     * @return the widened type, null only if both are null
     */
    public static DataType widen(DataType a, DataType b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        if ((a == DataType.LONG && b == DataType.DOUBLE) || (a == DataType.DOUBLE && b == DataType.LONG)) {
            return DataType.DOUBLE;
        }
        if (a == DataType.JSON || b == DataType.JSON) {
            return DataType.JSON;
        }
        return DataType.STRING;
    }

    /**
     * Converts a plain value to the plain representation of {@code type} (see {@link DataType}).
     *
     * @param v a value, or null
     * @param type the target type
     * @return the converted value, or null for null
     * @throws IllegalArgumentException if the value cannot be represented in that type
     */
    public static Object convert(Object v, DataType type) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case BOOL:
                if (v instanceof Boolean) {
                    return v;
                }
                if (v instanceof CharSequence) {
                    String s = v.toString().trim().toLowerCase(Locale.ROOT);
                    if (s.equals("true")) {
                        return Boolean.TRUE;
                    }
                    if (s.equals("false")) {
                        return Boolean.FALSE;
                    }
                }
                throw cannot(v, type);
            case LONG:
                if (v instanceof Long) {
                    return v;
                }
                if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    return ((Number) v).longValue();
                }
                if (v instanceof BigInteger && ((BigInteger) v).bitLength() < 64) {
                    return ((BigInteger) v).longValue();
                }
                if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
                    try {
                        return new BigDecimal(v.toString()).longValueExact();
                    } catch (ArithmeticException | NumberFormatException e) {
                        throw cannot(v, type);
                    }
                }
                if (v instanceof CharSequence) {
                    try {
                        return Long.parseLong(v.toString().trim());
                    } catch (NumberFormatException e) {
                        throw cannot(v, type);
                    }
                }
                throw cannot(v, type);
            case DOUBLE:
                if (v instanceof Double) {
                    return v;
                }
                if (v instanceof Number) {
                    return ((Number) v).doubleValue();
                }
                if (v instanceof CharSequence) {
                    try {
                        return Double.parseDouble(v.toString().trim());
                    } catch (NumberFormatException e) {
                        throw cannot(v, type);
                    }
                }
                throw cannot(v, type);
            case STRING:
                return v instanceof String ? v : toText(v);
            case TIMESTAMP:
                return toInstant(v);
            case DATE:
                if (v instanceof LocalDate) {
                    return v;
                }
                if (v instanceof CharSequence) {
                    try {
                        return LocalDate.parse(v.toString().trim());
                    } catch (DateTimeParseException e) {
                        throw cannot(v, type);
                    }
                }
                throw cannot(v, type);
            case JSON:
            default:
                return v;
        }
    }

    private static Instant toInstant(Object v) {
        if (v instanceof Instant) {
            return (Instant) v;
        }
        if (v instanceof OffsetDateTime) {
            return ((OffsetDateTime) v).toInstant();
        }
        if (v instanceof ZonedDateTime) {
            return ((ZonedDateTime) v).toInstant();
        }
        if (v instanceof Date) {
            return ((Date) v).toInstant();
        }
        if (v instanceof LocalDateTime) {
            return ((LocalDateTime) v).toInstant(ZoneOffset.UTC);
        }
        if (v instanceof CharSequence) {
            Instant parsed = parseInstant(v.toString().trim());
            if (parsed != null) {
                return parsed;
            }
        }
        throw cannot(v, DataType.TIMESTAMP);
    }

    /**
     * Parses an ISO-8601 instant, offset date-time, or local date-time (taken as UTC).
     *
     * @param s the text
     * @return the instant, or null if the text is not such a timestamp
     */
    public static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static IllegalArgumentException cannot(Object v, DataType type) {
        String text = toText(v);
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return new IllegalArgumentException("cannot convert " + typeName(v) + " '" + text + "' to " + type.id());
    }

    private static String typeName(Object v) {
        DataType t = typeOf(v);
        return t == null ? "null" : t.id();
    }

    /** @param i an instant
     *  @return microseconds since the epoch */
    public static long microsOf(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }

    /** @param micros microseconds since the epoch
     *  @return the instant */
    public static Instant instantOfMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /**
     * Canonical text of a value: numbers without exponent where that is exact, instants and
     * dates in ISO-8601, nested values as compact JSON.
     *
     * @param v a value, not null
     * @return its text
     */
    public static String toText(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof Double || v instanceof Float) {
            return formatDouble(((Number) v).doubleValue());
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        if (v instanceof Map || v instanceof List) {
            StringBuilder sb = new StringBuilder();
            writeJson(v, sb);
            return sb.toString();
        }
        if (v instanceof Date) {
            return ((Date) v).toInstant().toString();
        }
        if (v instanceof OffsetDateTime || v instanceof ZonedDateTime || v instanceof LocalDateTime) {
            return toInstant(v).toString();
        }
        return String.valueOf(v);
    }

    /**
     * @param d a double
     * @return {@link Double#toString} where it has no exponent, else the plain decimal form
     */
    public static String formatDouble(double d) {
        String s = Double.toString(d);
        if (s.indexOf('E') < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
            return s;
        }
        return BigDecimal.valueOf(d).toPlainString();
    }

    /**
     * Writes a plain value as compact JSON. Instants and dates are written as ISO strings;
     * non-finite doubles as strings ({@code "NaN"}), since JSON has no literal for them.
     *
     * @param v the value, may be null
     * @param out where to write
     */
    public static void writeJson(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte || v instanceof BigInteger) {
            out.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                quote(Double.toString(d), out);
            } else {
                out.append(formatDouble(d));
            }
        } else if (v instanceof BigDecimal) {
            out.append(((BigDecimal) v).toPlainString());
        } else if (v instanceof Map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) v).entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                quote(String.valueOf(e.getKey()), out);
                out.append(':');
                writeJson(e.getValue(), out);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (v instanceof List) {
            out.append('[');
            List<?> l = (List<?>) v;
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeJson(l.get(i), out);
            }
            out.append(']');
        } else {
            quote(toText(v), out);
        }
    }

    /**
     * Appends {@code s} as a JSON string literal.
     *
     * @param s the text
     * @param out where to write
     */
    public static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
