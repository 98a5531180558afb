package io.conveyor.engine.internal.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The DAG of a pipeline's stages, edges running from each input to the stage that reads it.
 * Built from the stages in file order, it reports what keeps the stages from being a DAG
 * ({@link #duplicates()}, {@link #unknownInputs()}, {@link #selfInputs()}, {@link #cycles()})
 * and, when there is none, a topological order that is stable: among the stages whose
 * inputs are all done, the one written first in the file comes first.
 *
 * <p>A duplicate id defines nothing: the graph keeps the first stage with that id. Edges
 * from unknown ids and self-references are left out, so each mistake is reported once.
 */
public final class PipelineGraph {
    /**
     * One stage as the graph sees it.
     *
     * @param id the stage id
     * @param inputs the ids of its inputs, in order
     */
    public record Node(String id, List<String> inputs) {
        public Node {
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * A stage whose id an earlier stage already has.
     *
     * @param index the later stage's index in file order
     * @param firstIndex the index of the stage that defined the id first
     * @param id the id
     */
    public record Duplicate(int index, int firstIndex, String id) {
    }

    /**
     * An input (or self-reference) that is not an edge of the graph.
     *
     * @param index the reading stage's index in file order
     * @param inputIndex the position in its {@code inputs} list
     * @param input the id it names
     */
    public record BadInput(int index, int inputIndex, String input) {
    }

    private final List<Node> nodes;
    private final Map<String, Integer> indexById = new LinkedHashMap<>();
    private final List<Duplicate> duplicates = new ArrayList<>();
    private final List<BadInput> unknownInputs = new ArrayList<>();
    private final List<BadInput> selfInputs = new ArrayList<>();
    /** For each kept node, the indices of the nodes it reads from, in inputs order (may repeat). */
    private final Map<Integer, List<Integer>> upstream = new HashMap<>();
    private final List<List<String>> cycles;
    private final List<String> order;

    private PipelineGraph(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
        for (int i = 0; i < nodes.size(); i++) {
            Integer first = indexById.putIfAbsent(nodes.get(i).id(), i);
            if (first != null) {
                duplicates.add(new Duplicate(i, first, nodes.get(i).id()));
            }
        }
        for (int i : indexById.values()) {
            List<Integer> ups = new ArrayList<>();
            List<String> inputs = nodes.get(i).inputs();
            for (int k = 0; k < inputs.size(); k++) {
                Integer from = indexById.get(inputs.get(k));
                if (from == null) {
                    unknownInputs.add(new BadInput(i, k, inputs.get(k)));
                } else if (from == i) {
                    selfInputs.add(new BadInput(i, k, inputs.get(k)));
                } else {
                    ups.add(from);
                }
            }
            upstream.put(i, ups);
        }
        this.cycles = findCycles();
        this.order = cycles.isEmpty() ? sort() : List.of();
    }

    /**
     * @param nodesInFileOrder the stages, in the order the file lists them
     * @return the analysed graph
     */
    public static PipelineGraph of(List<Node> nodesInFileOrder) {
        return new PipelineGraph(nodesInFileOrder);
    }

    /** @return stages whose id was taken, in file order */
    public List<Duplicate> duplicates() {
        return List.copyOf(duplicates);
    }

    /** @return inputs naming no stage, in file order */
    public List<BadInput> unknownInputs() {
        return sortByPlace(unknownInputs);
    }

    /** @return inputs naming the stage itself, in file order */
    public List<BadInput> selfInputs() {
        return sortByPlace(selfInputs);
    }

    /** @return the ids of every stage (first definition of each id), in file order */
    public List<String> ids() {
        return List.copyOf(indexById.keySet());
    }

    /**
     * Each cycle once, as the chain of ids along the data flow, starting and ending with the
     * stage of the cycle written first in the file: {@code [a, b, c, a]}. Cycles are listed
     * in the order of their first stage.
     *
     * @return the cycles, empty for a DAG
     */
    public List<List<String>> cycles() {
        return cycles;
    }

    /** @return true if the graph has no cycle (duplicates and bad inputs aside) */
    public boolean isAcyclic() {
        return cycles.isEmpty();
    }

    /**
     * @return every kept stage id, each after all its inputs, ties in file order; empty if
     *         the graph has a cycle
     */
    public List<String> topologicalOrder() {
        return order;
    }

    private static List<BadInput> sortByPlace(List<BadInput> list) {
        List<BadInput> sorted = new ArrayList<>(list);
        sorted.sort((a, b) -> a.index() != b.index() ? Integer.compare(a.index(), b.index())
                : Integer.compare(a.inputIndex(), b.inputIndex()));
        return sorted;
    }

    private List<Integer> downstream(int from) {
        List<Integer> out = new ArrayList<>();
        for (int i : indexById.values()) {
            if (upstream.get(i).contains(from) && !out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Depth-first search along the data flow, from stages in file order; every edge back to
     * a stage on the current path closes one cycle. The same cycle reached from another start
     * is recognised by its normalised chain and kept once.
     */
    private List<List<String>> findCycles() {
        Map<Integer, List<Integer>> down = new HashMap<>();
        for (int i : indexById.values()) {
            down.put(i, downstream(i));
        }
        List<List<Integer>> found = new ArrayList<>();
        Set<List<Integer>> seen = new HashSet<>();
        Set<Integer> done = new HashSet<>();
        for (int start : indexById.values()) {
            if (!done.contains(start)) {
                walk(start, down, new ArrayList<>(), done, found, seen);
            }
        }
        found.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
        List<List<String>> chains = new ArrayList<>();
        for (List<Integer> cycle : found) {
            List<String> chain = new ArrayList<>();
            for (int i : cycle) {
                chain.add(nodes.get(i).id());
            }
            chain.add(nodes.get(cycle.get(0)).id());
            chains.add(List.copyOf(chain));
        }
        return List.copyOf(chains);
    }

    private void walk(int node, Map<Integer, List<Integer>> down, List<Integer> path, Set<Integer> done,
                      List<List<Integer>> found, Set<List<Integer>> seen) {
        path.add(node);
        for (int next : down.get(node)) {
            int at = path.indexOf(next);
            if (at >= 0) {
                List<Integer> cycle = normalise(path.subList(at, path.size()));
                if (seen.add(cycle)) {
                    found.add(cycle);
                }
            } else if (!done.contains(next)) {
                walk(next, down, path, done, found, seen);
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
    }

    /** Rotates a cycle so that its stage written first in the file leads. */
    private static List<Integer> normalise(List<Integer> cycle) {
        int min = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (cycle.get(i) < cycle.get(min)) {
                min = i;
            }
        }
        List<Integer> out = new ArrayList<>(cycle.subList(min, cycle.size()));
        out.addAll(cycle.subList(0, min));
        return List.copyOf(out);
    }

    /** Kahn's algorithm with the ready stages ordered by their place in the file. */
    private List<String> sort() {
        Map<Integer, Integer> pending = new HashMap<>();
        for (int i : indexById.values()) {
            pending.put(i, (int) upstream.get(i).stream().distinct().count());
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        pending.forEach((i, n) -> {
            if (n == 0) {
                ready.add(i);
            }
        });
        List<String> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            int i = ready.poll();
            out.add(nodes.get(i).id());
            for (int next : downstream(i)) {
                if (pending.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        return List.copyOf(out);
    }
}
