package io.conveyor.engine.internal.expr;

import io.conveyor.api.DataType;
import io.conveyor.api.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The functions an expression may call: their arity, how their argument types give the result
 * type, and the per-value computation the row-wise kernel ({@link RowFunction}) runs down the
 * argument vectors. {@code coalesce}, {@code ifnull} and {@code if} are special forms the
 * binder builds itself; they are listed here for arity and documentation.
 */
final class FunctionCatalog {
    /** The type of each parameter (what arguments are converted to) and of the result. */
    record Signature(List<DataType> params, DataType result) {
    }

    /** An argument of the wrong type: which one (0-based) and what it should be. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;
        final int index;

        Mismatch(int index, String expected) {
            super(expected);
            this.index = index;
        }
    }

    /** Computes the result type from the argument types (null for an untyped null). */
    interface Typing {
        Signature type(List<DataType> args) throws Mismatch;
    }

    /** Computes one value from non-null plain argument values (or possibly-null ones when not strict). */
    interface Impl {
        Object apply(Object[] args);
    }

    /**
     * A function's description. Its type rule and computation are made when an expression first
     * calls it ({@link #typing}, {@link #impl}): each is a lambda, and the JVM spins a class for a
     * lambda the first time its expression is evaluated (some half a millisecond each before the
     * code is compiled, and not kept in the class-data archive for a bundle's classes). Made all
     * at once, the 48 of them cost every pipeline with a filter about 30 ms of CPU at start-up, for the
     * list of functions in the filter's description.
     *
     * @param name lower-case name
     * @param min least arguments
     * @param max most arguments ({@link Integer#MAX_VALUE} for any)
     * @param usage how to call it, for messages and docs
     * @param strict true if any null argument makes the result null without calling {@code impl}
     * @param group what kind of function it is, for documentation
     */
    record Function(String name, int min, int max, String usage, boolean strict, String group) {
        /** @return the call form of the usage, e.g. {@code substr(s, start[, length])} */
        String call() {
            return usage.split(" ->|: ")[0];
        }

        /** @return the type rule, or null for {@code if}, which the binder types itself */
        Typing typing() {
            return typingOf(name);
        }

        /** @return the computation, or null for the special forms and casts the binder builds itself */
        Impl impl() {
            return implOf(name);
        }
    }

    /** The units of {@code date_trunc}. */
    static final List<String> TRUNCATION_UNITS = List.of("year", "quarter", "month", "week", "day", "hour", "minute",
            "second");
    private static final Map<String, Function> FUNCTIONS = new TreeMap<>();
    /** The group the functions being added belong to (set while the table below is built). */
    private static String group;
    private static final String DATE_PART = "(d) -> long, d a date or timestamp";

    static {
        group = "string";
        for (String name : List.of("lower", "upper", "trim", "ltrim", "rtrim")) {
            add(name, 1, 1, name + "(s) -> string", true);
        }
        add("length", 1, 1, "length(s) -> long: characters", true);
        add("substr", 2, 3, "substr(s, start[, length]) -> string, start at 1", true);
        add("substring", 2, 3, "substring(s, start[, length]): same as substr", true);
        add("replace", 3, 3, "replace(s, from, to) -> string: every occurrence", true);
        add("concat", 1, Integer.MAX_VALUE, "concat(a, b, ...) -> string: nulls are skipped", false);
        for (String name : List.of("starts_with", "ends_with", "contains")) {
            add(name, 2, 2, name + "(s, text) -> bool", true);
        }
        group = "math";
        add("abs", 1, 1, "abs(x): same type", true);
        add("round", 1, 2, "round(x[, digits]): half away from zero; same type", true);
        add("floor", 1, 1, "floor(x): same type", true);
        add("ceil", 1, 1, "ceil(x): same type", true);
        for (String name : List.of("sqrt", "ln", "exp")) {
            add(name, 1, 1, name + "(x) -> double", true);
        }
        add("pow", 2, 2, "pow(x, y) -> double", true);
        add("least", 1, Integer.MAX_VALUE, "least(a, b, ...): smallest non-null", false);
        add("greatest", 1, Integer.MAX_VALUE, "greatest(a, b, ...): largest non-null", false);
        group = "nulls";
        add("coalesce", 1, Integer.MAX_VALUE, "coalesce(a, b, ...): first non-null", false);
        add("ifnull", 2, 2, "ifnull(a, b): a unless null, else b", false);
        add("nullif", 2, 2, "nullif(a, b): null when a = b, else a", false);
        add("if", 3, 3, "if(condition, a, b): a where the condition is true, else b", false);
        group = "dates";
        for (String name : List.of("year", "month", "day", "hour", "minute", "second")) {
            add(name, 1, 1, name + DATE_PART, true);
        }
        add("day_of_week", 1, 1, "day_of_week" + DATE_PART + "; Monday = 1", true);
        add("date_trunc", 2, 2, "date_trunc(unit, d): d cut to the start of the year, quarter, month, week "
                + "(Monday), day, hour, minute or second", true);
        group = "casts (null when a value does not convert)";
        for (String name : List.of("to_long", "to_double", "to_string", "to_bool", "to_date", "to_timestamp", "date",
                "timestamp")) {
            add(name, 1, 1, name + "(x) -> " + castTarget(name).id() + ", null when x does not convert", true);
        }
    }

    /** @return the type a cast function converts to */
    private static DataType castTarget(String name) {
        return switch (name) {
            case "to_long" -> DataType.LONG;
            case "to_double" -> DataType.DOUBLE;
            case "to_string" -> DataType.STRING;
            case "to_bool" -> DataType.BOOL;
            case "to_date", "date" -> DataType.DATE;
            case "to_timestamp", "timestamp" -> DataType.TIMESTAMP;
            default -> throw new IllegalArgumentException("not a cast: " + name);
        };
    }

    /** @return the type rule of function {@code name} (see {@link Function#typing}) */
    private static Typing typingOf(String name) {
        switch (name) {
            case "lower": case "upper": case "trim": case "ltrim": case "rtrim":
                return fixed(DataType.STRING, DataType.STRING);
            case "length":
                return fixed(DataType.LONG, DataType.STRING);
            case "substr": case "substring":
                return fixed(DataType.STRING, DataType.STRING, DataType.LONG, DataType.LONG);
            case "replace":
                return fixed(DataType.STRING, DataType.STRING, DataType.STRING, DataType.STRING);
            case "concat":
                return args -> {
                    List<DataType> p = new ArrayList<>();
                    for (DataType t : args) {
                        p.add(t == null ? DataType.STRING : t);
                    }
                    return new Signature(p, DataType.STRING);
                };
            case "starts_with": case "ends_with": case "contains":
                return fixed(DataType.BOOL, DataType.STRING, DataType.STRING);
            case "abs": case "floor": case "ceil":
                return numeric();
            case "round":
                return args -> {
                    Signature s = numeric().type(args.subList(0, 1));
                    List<DataType> p = new ArrayList<>(s.params());
                    if (args.size() > 1) {
                        p.add(need(args, 1, DataType.LONG, "a long number of digits"));
                    }
                    return new Signature(p, s.result());
                };
            case "sqrt": case "ln": case "exp":
                return fixed(DataType.DOUBLE, DataType.DOUBLE);
            case "pow":
                return fixed(DataType.DOUBLE, DataType.DOUBLE, DataType.DOUBLE);
            case "least": case "greatest": case "coalesce": case "ifnull": case "nullif":
                return FunctionCatalog::sameType;
            case "if":
                return null;
            case "year": case "month": case "day": case "hour": case "minute": case "second": case "day_of_week":
                return args -> {
                    DataType t = args.get(0);
                    if (t != null && t != DataType.DATE && t != DataType.TIMESTAMP) {
                        throw new Mismatch(0, "a date or timestamp");
                    }
                    return new Signature(List.of(t == null ? DataType.TIMESTAMP : t), DataType.LONG);
                };
            case "date_trunc":
                return args -> {
                    need(args, 0, DataType.STRING, "a unit such as 'month'");
                    DataType t = args.get(1);
                    if (t != null && t != DataType.DATE && t != DataType.TIMESTAMP) {
                        throw new Mismatch(1, "a date or timestamp");
                    }
                    DataType type = t == null ? DataType.TIMESTAMP : t;
                    return new Signature(List.of(DataType.STRING, type), type);
                };
            default:
                DataType to = castTarget(name);
                return args -> new Signature(List.of(args.get(0) == null ? to : args.get(0)), to);
        }
    }

    /** @return the computation of function {@code name} (see {@link Function#impl}) */
    private static Impl implOf(String name) {
        switch (name) {
            case "lower":
                return a -> ((String) a[0]).toLowerCase(java.util.Locale.ROOT);
            case "upper":
                return a -> ((String) a[0]).toUpperCase(java.util.Locale.ROOT);
            case "trim":
                return a -> ((String) a[0]).strip();
            case "ltrim":
                return a -> ((String) a[0]).stripLeading();
            case "rtrim":
                return a -> ((String) a[0]).stripTrailing();
            case "length":
                return a -> (long) ((String) a[0]).codePointCount(0, ((String) a[0]).length());
            case "substr": case "substring":
                return a -> substring((String) a[0], (Long) a[1], a.length > 2 ? (Long) a[2] : null);
            case "replace":
                return a -> ((String) a[0]).replace((String) a[1], (String) a[2]);
            case "concat":
                return a -> {
                    StringBuilder sb = new StringBuilder();
                    for (Object o : a) {
                        if (o != null) {
                            sb.append(text(o));
                        }
                    }
                    return sb.toString();
                };
            case "starts_with":
                return a -> ((String) a[0]).startsWith((String) a[1]);
            case "ends_with":
                return a -> ((String) a[0]).endsWith((String) a[1]);
            case "contains":
                return a -> ((String) a[0]).contains((String) a[1]);
            case "abs":
                return a -> a[0] instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs((Double) a[0]);
            case "round":
                return a -> round(a[0], a.length > 1 ? (Long) a[1] : 0L);
            case "floor":
                return a -> a[0] instanceof Long ? a[0] : (Object) Math.floor((Double) a[0]);
            case "ceil":
                return a -> a[0] instanceof Long ? a[0] : (Object) Math.ceil((Double) a[0]);
            case "sqrt":
                return a -> Math.sqrt((Double) a[0]);
            case "ln":
                return a -> Math.log((Double) a[0]);
            case "exp":
                return a -> Math.exp((Double) a[0]);
            case "pow":
                return a -> Math.pow((Double) a[0], (Double) a[1]);
            case "least":
                return a -> extreme(a, -1);
            case "greatest":
                return a -> extreme(a, 1);
            case "nullif":
                return a -> a[0] != null && a[0].equals(a[1]) ? null : a[0];
            case "year":
                return a -> (long) dateTime(a[0]).getYear();
            case "month":
                return a -> (long) dateTime(a[0]).getMonthValue();
            case "day":
                return a -> (long) dateTime(a[0]).getDayOfMonth();
            case "hour":
                return a -> (long) dateTime(a[0]).getHour();
            case "minute":
                return a -> (long) dateTime(a[0]).getMinute();
            case "second":
                return a -> (long) dateTime(a[0]).getSecond();
            case "day_of_week":
                return a -> (long) dateTime(a[0]).getDayOfWeek().getValue();
            case "date_trunc":
                return a -> truncate((String) a[0], a[1]);
            default:
                // coalesce, ifnull and if are special forms, and the binder builds the casts itself.
                return null;
        }
    }

    /** @return a date (at its start) or an instant (in UTC) as a date-time */
    private static LocalDateTime dateTime(Object value) {
        return value instanceof LocalDate d ? d.atStartOfDay()
                : LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC);
    }

    private FunctionCatalog() {
    }

    /** @param name a lower-case name
     *  @return the function, or null */
    static Function get(String name) {
        return FUNCTIONS.get(name);
    }

    /** @return every function name, sorted */
    static List<String> names() {
        return List.copyOf(FUNCTIONS.keySet());
    }

    /** @return every function, sorted by name */
    static List<Function> all() {
        return Collections.unmodifiableList(new ArrayList<>(FUNCTIONS.values()));
    }

    /** @return the call forms by group, e.g. {@code string: lower(s), upper(s); math: ...} */
    static String summary() {
        Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
        for (String g : List.of("string", "math", "nulls", "dates", "casts (null when a value does not convert)")) {
            groups.put(g, new ArrayList<>());
        }
        for (Function f : FUNCTIONS.values()) {
            groups.get(f.group()).add(f.call());
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            sb.append(sb.length() == 0 ? "" : "; ").append(g.getKey()).append(": ")
                    .append(String.join(", ", g.getValue()));
        }
        return sb.toString();
    }

    private static void add(String name, int min, int max, String usage, boolean strict) {
        FUNCTIONS.put(name, new Function(name, min, max, usage, strict, group));
    }

    /** A function whose parameters have fixed types; extra declared params serve optional arguments. */
    private static Typing fixed(DataType result, DataType... params) {
        return args -> {
            List<DataType> p = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                p.add(need(args, i, params[i], "a " + params[i].id()));
            }
            return new Signature(p, result);
        };
    }

    /** An argument must be {@code type}; a long is accepted (widened) where a double is wanted. */
    private static DataType need(List<DataType> args, int i, DataType type, String what) throws Mismatch {
        DataType t = args.get(i);
        if (t == null || t == type || (type == DataType.DOUBLE && t == DataType.LONG)) {
            return type;
        }
        throw new Mismatch(i, what);
    }

    private static Typing numeric() {
        return args -> {
            DataType t = args.get(0);
            if (t == null) {
                t = DataType.DOUBLE;
            }
            if (t != DataType.LONG && t != DataType.DOUBLE) {
                throw new Mismatch(0, "a number");
            }
            return new Signature(List.of(t), t);
        };
    }

    /** All arguments share one type, the widest of theirs. */
    private static Signature sameType(List<DataType> args) throws Mismatch {
        DataType common = null;
        for (int i = 0; i < args.size(); i++) {
            DataType t = args.get(i);
            if (t == null) {
                continue;
            }
            DataType c = TypeRules.common(common, t);
            if (c == null) {
                throw new Mismatch(i, "of the same type as the others (" + common.id() + ")");
            }
            common = c;
        }
        DataType result = common == null ? DataType.STRING : common;
        return new Signature(Collections.nCopies(args.size(), result), result);
    }

    private static String substring(String s, long start, Long length) {
        int cps = s.codePointCount(0, s.length());
        long from = start > 0 ? start - 1 : start < 0 ? Math.max(0, cps + start) : 0;
        long to = length == null ? cps : length < 0 ? from : Math.min(cps, from + length);
        if (from >= cps || to <= from) {
            return "";
        }
        return s.substring(s.offsetByCodePoints(0, (int) from), s.offsetByCodePoints(0, (int) to));
    }

    /** @return the date or instant cut to the start of {@code unit}; null for an unknown unit */
    private static Object truncate(String unit, Object value) {
        LocalDateTime t = dateTime(value);
        LocalDateTime cut = switch (unit.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "year" -> t.toLocalDate().withDayOfYear(1).atStartOfDay();
            case "quarter" -> t.toLocalDate().withDayOfMonth(1)
                    .withMonth((t.getMonthValue() - 1) / 3 * 3 + 1).atStartOfDay();
            case "month" -> t.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case "week" -> t.toLocalDate().minusDays(t.getDayOfWeek().getValue() - 1L).atStartOfDay();
            case "day" -> t.toLocalDate().atStartOfDay();
            case "hour" -> t.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            case "minute" -> t.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            case "second" -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            default -> null;
        };
        if (cut == null) {
            return null;
        }
        return value instanceof LocalDate ? cut.toLocalDate() : cut.toInstant(ZoneOffset.UTC);
    }

    private static Object round(Object x, long digits) {
        if (x instanceof Long l) {
            if (digits >= 0) {
                return l;
            }
            return digits < -18 ? 0L : BigDecimal.valueOf(l).setScale((int) digits, RoundingMode.HALF_UP).longValue();
        }
        double d = (Double) x;
        if (!Double.isFinite(d) || digits > 300 || digits < -300) {
            return digits < -300 && Double.isFinite(d) ? 0.0 : d;
        }
        return BigDecimal.valueOf(d).setScale((int) digits, RoundingMode.HALF_UP).doubleValue();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object extreme(Object[] a, int sign) {
        Comparable best = null;
        for (Object o : a) {
            if (o != null && (best == null || Integer.signum(((Comparable) o).compareTo(best)) == sign)) {
                best = (Comparable) o;
            }
        }
        return best;
    }

    private static String text(Object o) {
        return Values.toText(o);
    }
}
