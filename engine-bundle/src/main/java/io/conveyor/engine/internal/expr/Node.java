package io.conveyor.engine.internal.expr;

import io.conveyor.api.DataType;
import java.util.List;

/**
 * The syntax tree of a parsed expression. Every node knows the span of text it came from
 * ({@code start} inclusive, {@code end} exclusive, 0-based), so a type error can point at it.
 */
sealed interface Node {
    /** @return offset of the node's first character */
    int start();

    /** @return offset just past the node's last character */
    int end();

    /** @return the nodes directly inside this one, in source order (for walks such as the columns used) */
    List<Node> children();

    /** A literal; {@code type} is null for {@code null}. Values are Long, Double, String, Boolean,
     *  LocalDate or Instant. */
    record Literal(Object value, DataType type, int start, int end) implements Node {
        @Override
        public List<Node> children() {
            return List.of();
        }
    }

    /** A column reference. */
    record ColumnRef(String name, int start, int end) implements Node {
        @Override
        public List<Node> children() {
            return List.of();
        }
    }

    /** {@code -x} or {@code not x}. */
    record Unary(String op, Node operand, int start, int end) implements Node {
        @Override
        public List<Node> children() {
            return List.of(operand);
        }
    }

    /** A binary operator ({@code op} lower case: and, or, +, =, ||, ...) at offset {@code opAt}. */
    record Binary(String op, Node left, Node right, int opAt, int start, int end) implements Node {
        @Override
        public List<Node> children() {
            return List.of(left, right);
        }
    }

    /** A function call; {@code name} lower case. */
    record Call(String name, List<Node> args, int start, int end) implements Node {
        @Override
        public List<Node> children() {
            return args;
        }
    }

    /** {@code cast(x as type)}. */
    record Cast(Node operand, DataType type, int start, int end) implements Node {
        @Override
        public List<Node> children() {
            return List.of(operand);
        }
    }

    /** {@code x [not] in (a, b, ...)}. */
    record In(Node operand, List<Node> values, boolean negated, int start, int end) implements Node {
        @Override
        public List<Node> children() {
            return concat(List.of(operand), values);
        }
    }

    /** {@code x [not] like pattern}. */
    record Like(Node operand, Node pattern, boolean negated, int opAt, int start, int end) implements Node {
        @Override
        public List<Node> children() {
            return List.of(operand, pattern);
        }
    }

    /** {@code x is [not] null}. */
    record IsNull(Node operand, boolean negated, int start, int end) implements Node {
        @Override
        public List<Node> children() {
            return List.of(operand);
        }
    }

    /** {@code x [not] between low and high}. */
    record Between(Node operand, Node low, Node high, boolean negated, int opAt, int start, int end) implements Node {
        @Override
        public List<Node> children() {
            return List.of(operand, low, high);
        }
    }

    /** {@code case when c1 then v1 ... [else e] end}; {@code otherwise} is null without else. */
    record Case(List<Node> conditions, List<Node> values, Node otherwise, int start, int end) implements Node {
        @Override
        public List<Node> children() {
            return caseChildren(conditions, values, otherwise);
        }
    }

    private static List<Node> concat(List<Node> a, List<Node> b) {
        List<Node> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<Node> caseChildren(List<Node> conditions, List<Node> values, Node otherwise) {
        List<Node> out = new java.util.ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            out.add(conditions.get(i));
            out.add(values.get(i));
        }
        if (otherwise != null) {
            out.add(otherwise);
        }
        return out;
    }
}
