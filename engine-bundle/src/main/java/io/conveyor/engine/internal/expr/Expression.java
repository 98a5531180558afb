package io.conveyor.engine.internal.expr;

import io.conveyor.api.DataType;
import io.conveyor.api.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An expression of the pipeline language, parsed once. {@link #bind(Schema)} type-checks it
 * against an input schema; the result is kept per schema, so a stream whose schema widens
 * between batches (a CSV column read as long, then as double) is checked once per schema.
 *
 * <p>The language: literals ({@code 42}, {@code 1.5}, {@code 'text'} with {@code ''} for a
 * quote, {@code true}, {@code false}, {@code null}, {@code DATE '2024-01-31'},
 * {@code TIMESTAMP '2024-01-31 13:45:00'}); column names (bare, or {@code "quoted"} /
 * {@code `backticked`} when they hold spaces or are keywords); {@code + - * / %}; comparisons
 * {@code = == != <> < <= > >=}; {@code and or not} with SQL's three-valued logic;
 * {@code [not] in (...)}, {@code is [not] null}, {@code [not] like}, {@code [not] between},
 * {@code case when ... then ... else ... end}, {@code ||}, {@code cast(x as type)} and the
 * functions of {@link #functionSummary()}. Keywords and function names ignore case.
 */
public final class Expression {
    private static final int MAX_SCHEMAS = 64;
    private final String text;
    private final Node root;
    private final Map<Schema, BoundExpression> bound = new HashMap<>();
    private final Map<Schema, BoundExpression> boundAsCondition = new HashMap<>();

    private Expression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * @param text the expression
     * @return it, parsed
     * @throws ExpressionException at the first syntax error
     */
    public static Expression parse(String text) throws ExpressionException {
        return new Expression(text, ExpressionParser.parse(text));
    }

    /** @return the names of the columns the expression refers to, in order of first use */
    public java.util.Set<String> columns() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (n instanceof Node.ColumnRef c) {
                out.add(c.name());
            }
            List<Node> children = n.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i));
            }
        }
        return out;
    }

    /** @return the text as written */
    public String text() {
        return text;
    }

    /**
     * @param schema the schema of the batches it will see
     * @return the type-checked expression, ready to evaluate batches of that schema
     * @throws ExpressionException for an unknown column or function, a wrong number of
     *         arguments or a type error
     */
    public BoundExpression bind(Schema schema) throws ExpressionException {
        return bind(schema, DataType.STRING, bound);
    }

    /**
     * Like {@link #bind(Schema)}, for a condition: a bare {@code null} is a bool (no row passes).
     *
     * @param schema the schema of the batches it will see
     * @return the type-checked expression; the caller checks that its type is bool
     * @throws ExpressionException as {@link #bind(Schema)} does
     */
    public BoundExpression bindCondition(Schema schema) throws ExpressionException {
        return bind(schema, DataType.BOOL, boundAsCondition);
    }

    private synchronized BoundExpression bind(Schema schema, DataType nullType, Map<Schema, BoundExpression> cache)
            throws ExpressionException {
        BoundExpression b = cache.get(schema);
        if (b == null) {
            if (cache.size() >= MAX_SCHEMAS) {
                // A stream whose schema keeps changing (JSON with varying keys) must not grow this without bound.
                cache.clear();
            }
            Bound root = ExpressionBinder.bind(text, this.root, schema);
            DataType type = root.type() == null ? nullType : root.type();
            b = new BoundExpression(schema, type, root.as(type).eval());
            cache.put(schema, b);
        }
        return b;
    }

    /** @return the functions by group with their arguments, for stage documentation */
    public static String functionSummary() {
        return FunctionCatalog.summary();
    }
}
