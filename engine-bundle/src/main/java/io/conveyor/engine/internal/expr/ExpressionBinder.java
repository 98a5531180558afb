package io.conveyor.engine.internal.expr;

import io.conveyor.api.DataType;
import io.conveyor.api.Schema;
import io.conveyor.engine.internal.config.Suggestions;
import java.util.ArrayList;
import java.util.List;

/**
 * Type-checks a parsed expression against a schema and builds its vector evaluators: resolves
 * column names, checks every operator's and function's argument types, inserts the implicit
 * widenings (long to double, date to timestamp) and picks the fast kernels for constants.
 */
final class ExpressionBinder {
    private static final int MAX_COLUMNS_LISTED = 20;
    private final String text;
    private final Schema schema;

    private ExpressionBinder(String text, Schema schema) {
        this.text = text;
        this.schema = schema;
    }

    /**
     * @param text the expression text, for messages
     * @param root its tree
     * @param schema the input schema
     * @return the bound root
     * @throws ExpressionException at the first unknown name or type error
     */
    static Bound bind(String text, Node root, Schema schema) throws ExpressionException {
        return new ExpressionBinder(text, schema).bind(root);
    }

    private String show(Bound b) {
        String t = ExpressionParser.textOf(text, b.node());
        if (t.length() > 40) {
            t = t.substring(0, 37) + "...";
        }
        return t + " (" + (b.type() == null ? "null" : b.type().id()) + ")";
    }

    private Bound bind(Node node) throws ExpressionException {
        if (node instanceof Node.Literal l) {
            return Bound.literal(l.value(), l.type(), l);
        }
        if (node instanceof Node.ColumnRef c) {
            return column(c);
        }
        if (node instanceof Node.Unary u) {
            Bound x = bind(u.operand());
            if (u.op().equals("not")) {
                x = bool(x, "'not'");
                return new Bound(DataType.BOOL, Logic.not(x.eval()), null, u);
            }
            if (x.isNullLiteral()) {
                return Bound.literal(null, DataType.LONG, u);
            }
            if (!TypeRules.isNumeric(x.type())) {
                throw new ExpressionException(u.start(), "unary '-' needs a number, but " + show(x) + " is not one");
            }
            return new Bound(x.type(), Arithmetic.negate(x.type(), x.eval()), null, u);
        }
        if (node instanceof Node.Binary b) {
            return binary(b);
        }
        if (node instanceof Node.Call c) {
            return call(c);
        }
        if (node instanceof Node.Cast c) {
            return cast(bind(c.operand()), c.type(), c);
        }
        if (node instanceof Node.In in) {
            return in(in);
        }
        if (node instanceof Node.Like like) {
            Bound x = string(bind(like.operand()), "'like'", like.opAt());
            Bound p = string(bind(like.pattern()), "'like'", like.opAt());
            return new Bound(DataType.BOOL, LikePattern.of(x.eval(), p.eval(), (String) p.constant(), like.negated()),
                    null, like);
        }
        if (node instanceof Node.IsNull n) {
            Bound x = bind(n.operand());
            return new Bound(DataType.BOOL, Logic.isNull(x.eval(), n.negated()), null, n);
        }
        if (node instanceof Node.Between b) {
            Node low = new Node.Binary(">=", b.operand(), b.low(), b.opAt(), b.start(), b.low().end());
            Node high = new Node.Binary("<=", b.operand(), b.high(), b.opAt(), b.start(), b.end());
            Bound both = bind(new Node.Binary("and", low, high, b.opAt(), b.start(), b.end()));
            return b.negated() ? new Bound(DataType.BOOL, Logic.not(both.eval()), null, b) : both;
        }
        Node.Case c = (Node.Case) node;
        List<Node> values = new ArrayList<>(c.values());
        if (c.otherwise() != null) {
            values.add(c.otherwise());
        }
        return conditional(c, c.conditions(), values);
    }

    private Bound column(Node.ColumnRef c) throws ExpressionException {
        int index = schema.indexOf(c.name());
        if (index < 0) {
            List<String> names = schema.names();
            String listed = names.size() <= MAX_COLUMNS_LISTED ? String.join(", ", names)
                    : String.join(", ", names.subList(0, MAX_COLUMNS_LISTED)) + ", ... (" + names.size() + " in all)";
            throw new ExpressionException(c.start(), "unknown column '" + c.name() + "'; "
                    + (names.isEmpty() ? "the input has no columns" : "columns are: " + listed),
                    Suggestions.hint(c.name(), names));
        }
        DataType type = schema.field(index).type();
        return new Bound(type, (batch, active) -> batch.column(index), null, c);
    }

    private Bound bool(Bound x, String what) throws ExpressionException {
        if (x.isNullLiteral()) {
            return x.as(DataType.BOOL);
        }
        if (x.type() != DataType.BOOL) {
            throw new ExpressionException(x.node().start(), what + " needs a condition (bool), but " + show(x)
                    + " is not one; compare it, e.g. " + ExpressionParser.textOf(text, x.node()) + " > 0");
        }
        return x;
    }

    private Bound string(Bound x, String what, int at) throws ExpressionException {
        if (x.isNullLiteral()) {
            return x.as(DataType.STRING);
        }
        if (x.type() != DataType.STRING) {
            throw new ExpressionException(x.node().start(), what + " needs a string, but " + show(x)
                    + " is not one; convert it with to_string(...)");
        }
        return x;
    }

    private Bound binary(Node.Binary b) throws ExpressionException {
        String op = b.op();
        if (op.equals("and") || op.equals("or")) {
            Bound l = bool(bind(b.left()), "'" + op + "'");
            Bound r = bool(bind(b.right()), "'" + op + "'");
            return new Bound(DataType.BOOL, Logic.connective(op.equals("and"), l.eval(), r.eval()), null, b);
        }
        Bound l = bind(b.left());
        Bound r = bind(b.right());
        if (op.equals("||")) {
            List<Eval> args = List.of(cast(l, DataType.STRING, l.node()).eval(),
                    cast(r, DataType.STRING, r.node()).eval());
            return new Bound(DataType.STRING, RowFunction.of(DataType.STRING, args,
                    a -> (String) a[0] + a[1], true), null, b);
        }
        if (op.length() == 1 && "+-*/%".contains(op)) {
            return arithmetic(b, l, r);
        }
        return comparison(b, l, r);
    }

    private Bound arithmetic(Node.Binary b, Bound l, Bound r) throws ExpressionException {
        for (Bound x : List.of(l, r)) {
            if (!x.isNullLiteral() && !TypeRules.isNumeric(x.type())) {
                String advice = x.type() == DataType.STRING && b.op().equals("+")
                        ? "; join strings with ||" : "; convert it with to_long(...) or to_double(...)";
                throw new ExpressionException(b.opAt(), "'" + b.op() + "' needs numbers, but " + show(x)
                        + " is not one" + advice);
            }
        }
        DataType t = TypeRules.common(l.type(), r.type());
        if (t == null) {
            t = DataType.LONG;
        }
        if (b.op().equals("/")) {
            t = DataType.DOUBLE;
        }
        return new Bound(t, Arithmetic.of(b.op().charAt(0), t, l.as(t).eval(), r.as(t).eval()), null, b);
    }

    private Bound comparison(Node.Binary b, Bound l, Bound r) throws ExpressionException {
        l = temporalText(l, r);
        r = temporalText(r, l);
        DataType t = comparableType(b.opAt(), "'" + b.op() + "'", l, r);
        if (t == null) {
            return Bound.literal(null, DataType.BOOL, b);
        }
        return new Bound(DataType.BOOL, Comparison.of(Comparison.code(b.op()), l.as(t), r.as(t)), null, b);
    }

    /** A string literal compared with a date or timestamp is read as one ({@code day >= '2024-01-31'}). */
    private Bound temporalText(Bound x, Bound other) throws ExpressionException {
        if (!(x.constant() instanceof String s) || other.type() == null
                || (other.type() != DataType.DATE && other.type() != DataType.TIMESTAMP)) {
            return x;
        }
        Object v = Casts.convert(s, DataType.STRING, other.type());
        if (v == null) {
            throw new ExpressionException(x.node().start(), "'" + s + "' is not a " + other.type().id() + ", so it "
                    + "cannot be compared with " + show(other) + "; write e.g. '2024-01-31'"
                    + (other.type() == DataType.TIMESTAMP ? " or '2024-01-31T13:45:00Z'" : ""));
        }
        return Bound.literal(v, other.type(), x.node());
    }

    /** @return the type both sides compare as, or null when one is the null literal (the result is null) */
    private DataType comparableType(int at, String what, Bound l, Bound r) throws ExpressionException {
        if (l.isNullLiteral() || r.isNullLiteral()) {
            return null;
        }
        DataType t = TypeRules.common(l.type(), r.type());
        if (t == null) {
            // Convert the text side: amount > '100' wants cast('100' as double), and amount > 100 with
            // amount text wants cast(amount as long), not cast(100 as string).
            Bound convert = l.type() == DataType.STRING && r.type() != DataType.STRING ? l : r;
            Bound to = convert == l ? r : l;
            boolean textAsNumber = convert.type() == DataType.STRING && convert.constant() == null
                    && TypeRules.isNumeric(to.type());
            throw new ExpressionException(at, what + " cannot compare " + show(l) + " with " + show(r)
                    + "; convert one side, e.g. cast(" + ExpressionParser.textOf(text, convert.node()) + " as "
                    + to.type().id() + ")" + (textAsNumber ? ", which gives null where a value does not convert ("
                    + Suggestions.NUMBERS_READ_AS_TEXT + ")" : ""));
        }
        if (t == DataType.JSON) {
            throw new ExpressionException(at, what + " cannot compare json values; compare to_string(...) of them");
        }
        return t;
    }

    private Bound cast(Bound x, DataType to, Node node) {
        if (x.isNullLiteral()) {
            return Bound.literal(null, to, node);
        }
        if (x.type() == to) {
            return x;
        }
        if (x.constant() != null) {
            return Bound.literal(Casts.convert(x.constant(), x.type(), to), to, node);
        }
        return new Bound(to, Casts.vector(x.eval(), x.type(), to), null, node);
    }

    private Bound in(Node.In in) throws ExpressionException {
        Bound x = bind(in.operand());
        List<Bound> values = new ArrayList<>();
        boolean constants = true;
        DataType t = x.type();
        for (Node v : in.values()) {
            Bound b = temporalText(bind(v), x);
            values.add(b);
            constants &= b.isConstant();
            if (!b.isNullLiteral() && t != null) {
                DataType c = TypeRules.common(t, b.type());
                if (c == null || c == DataType.JSON) {
                    throw new ExpressionException(v.start(), "'in' cannot compare " + show(x) + " with " + show(b)
                            + "; every value in the list must be of the tested value's type");
                }
                t = c;
            } else if (t == null) {
                t = b.type();
            }
        }
        if (t == null) {
            return Bound.literal(null, DataType.BOOL, in);
        }
        if (constants && !x.isNullLiteral()) {
            List<Object> plain = new ArrayList<>();
            for (Bound b : values) {
                plain.add(b.as(t).constant());
            }
            return new Bound(DataType.BOOL, Membership.of(x.as(t), plain, in.negated()), null, in);
        }
        Node any = null;
        for (Node v : in.values()) {
            Node eq = new Node.Binary("=", in.operand(), v, v.start(), in.start(), v.end());
            any = any == null ? eq : new Node.Binary("or", any, eq, v.start(), in.start(), v.end());
        }
        Bound b = bind(any);
        return in.negated() ? new Bound(DataType.BOOL, Logic.not(b.eval()), null, in) : b;
    }

    private Bound conditional(Node node, List<Node> conditionNodes, List<Node> valueNodes) throws ExpressionException {
        List<Eval> conditions = new ArrayList<>();
        for (Node c : conditionNodes) {
            conditions.add(bool(bind(c), "'when'").eval());
        }
        List<Bound> values = new ArrayList<>();
        DataType t = null;
        for (Node v : valueNodes) {
            Bound b = bind(v);
            DataType c = TypeRules.common(t, b.type());
            if (c == null) {
                throw new ExpressionException(v.start(), "the branches give different types: " + t.id() + " before, "
                        + show(b) + " here; convert them to one type");
            }
            t = c;
            values.add(b);
        }
        DataType type = t == null ? DataType.STRING : t;
        List<Eval> evals = new ArrayList<>();
        for (Bound b : values) {
            evals.add(b.as(type).eval());
        }
        Eval otherwise = evals.size() > conditions.size() ? evals.remove(evals.size() - 1) : null;
        return new Bound(type, Conditional.caseWhen(type, conditions, evals, otherwise), null, node);
    }

    private Bound call(Node.Call c) throws ExpressionException {
        FunctionCatalog.Function f = FunctionCatalog.get(c.name());
        if (f == null) {
            throw new ExpressionException(c.start(), "unknown function '" + c.name() + "'",
                    Suggestions.hint(c.name(), FunctionCatalog.names()));
        }
        int n = c.args().size();
        if (n < f.min() || n > f.max()) {
            String count = f.min() == f.max() ? String.valueOf(f.min())
                    : f.max() == Integer.MAX_VALUE ? "at least " + f.min() : f.min() + " to " + f.max();
            boolean plural = f.min() != f.max() && f.max() != Integer.MAX_VALUE || f.min() != 1;
            throw new ExpressionException(c.start(), c.name() + "() takes " + count + " argument"
                    + (plural ? "s" : "") + ", not " + n + "; usage: " + f.usage());
        }
        if (f.name().equals("if")) {
            return conditional(c, List.of(c.args().get(0)), c.args().subList(1, 3));
        }
        List<Bound> args = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (Node a : c.args()) {
            Bound b = bind(a);
            args.add(b);
            types.add(b.type());
        }
        FunctionCatalog.Signature sig;
        try {
            sig = f.typing().type(types);
        } catch (FunctionCatalog.Mismatch m) {
            Bound bad = args.get(m.index);
            throw new ExpressionException(bad.node().start(), "argument " + (m.index + 1) + " of " + c.name()
                    + "() must be " + m.getMessage() + ", but " + show(bad) + " is not; usage: " + f.usage());
        }
        if (f.name().equals("date_trunc") && args.get(0).constant() instanceof String unit
                && !FunctionCatalog.TRUNCATION_UNITS.contains(unit.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new ExpressionException(args.get(0).node().start(), "unknown unit '" + unit + "' for date_trunc; use "
                    + String.join(", ", FunctionCatalog.TRUNCATION_UNITS),
                    Suggestions.hint(unit, FunctionCatalog.TRUNCATION_UNITS));
        }
        List<Eval> evals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            evals.add(cast(args.get(i), sig.params().get(i), args.get(i).node()).eval());
        }
        FunctionCatalog.Impl impl = f.impl();
        if (impl == null && (f.name().equals("coalesce") || f.name().equals("ifnull"))) {
            return new Bound(sig.result(), Conditional.coalesce(sig.result(), evals), null, c);
        }
        if (impl == null) {
            return cast(args.get(0), sig.result(), c);
        }
        return new Bound(sig.result(), RowFunction.of(sig.result(), evals, impl, f.strict()), null, c);
    }
}
