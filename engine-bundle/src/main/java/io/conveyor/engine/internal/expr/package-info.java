/**
 * The expression language of {@code transform.filter} ({@code expr}) and {@code transform.map}:
 * a lexer and recursive-descent parser to a syntax tree, a binder that type-checks the tree
 * against an input schema once (per schema) and builds evaluators, and the evaluators
 * themselves, which compute a whole column vector per node for each batch (primitive loops,
 * constant fast paths, selection masks for and/or/case) rather than walking the tree per row.
 */
package io.conveyor.engine.internal.expr;
