package io.conveyor.engine.internal.config;

import io.conveyor.engine.internal.graph.PipelineGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiler pass 4: builds the {@link PipelineGraph} of the stages and reports duplicate
 * ids, unknown inputs, stages that read themselves and cycles at their place in the file.
 */
final class GraphCheck {
    private final TomlDocument doc;
    private final ProblemCollector problems;

    GraphCheck(TomlDocument doc, ProblemCollector problems) {
        this.doc = doc;
        this.problems = problems;
    }

    /**
     * @param stages the stages in file order
     * @return the stage ids in topological order (ties in file order), empty when there is a cycle
     */
    List<String> check(List<StageDeclaration> stages) {
        List<StageDeclaration> withIds = new ArrayList<>();
        List<PipelineGraph.Node> nodes = new ArrayList<>();
        for (StageDeclaration s : stages) {
            if (s.id() != null) {
                withIds.add(s);
                nodes.add(new PipelineGraph.Node(s.id(), s.inputIds()));
            }
        }
        PipelineGraph graph = PipelineGraph.of(nodes);
        for (PipelineGraph.Duplicate d : graph.duplicates()) {
            StageDeclaration later = withIds.get(d.index());
            StageDeclaration first = withIds.get(d.firstIndex());
            problems.add(doc.firstKnown(later.path() + ".id", later.path()), later.id(), "id",
                    "duplicate stage id '" + d.id() + "' (first defined at line "
                            + doc.firstKnown(first.path() + ".id", first.path()).line() + ")",
                    "give each stage its own id");
        }
        List<String> ids = graph.ids();
        for (PipelineGraph.BadInput bad : graph.unknownInputs()) {
            StageDeclaration s = withIds.get(bad.index());
            String hint = Suggestions.hint(bad.input(), ids);
            problems.add(inputPosition(s, bad.inputIndex()), s.id(), "inputs",
                    "unknown input '" + bad.input() + "'; no stage has this id",
                    hint != null ? hint : "stage ids are: " + String.join(", ", ids));
        }
        for (PipelineGraph.BadInput bad : graph.selfInputs()) {
            StageDeclaration s = withIds.get(bad.index());
            problems.add(inputPosition(s, bad.inputIndex()), s.id(), "inputs",
                    "a stage cannot read its own output; remove '" + bad.input() + "' from inputs", null);
        }
        for (List<String> cycle : graph.cycles()) {
            StageDeclaration s = firstWithId(withIds, cycle.get(0));
            problems.add(doc.firstKnown(s.path() + ".inputs", s.path()), s.id(), "inputs",
                    "cycle: " + String.join(" -> ", cycle),
                    "a pipeline must be acyclic; remove one of these inputs");
        }
        return graph.topologicalOrder();
    }

    private static StageDeclaration firstWithId(List<StageDeclaration> stages, String id) {
        for (StageDeclaration s : stages) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalStateException("the graph names a stage the pipeline does not have: " + id);
    }

    private SourcePosition inputPosition(StageDeclaration s, int inputIndex) {
        return doc.firstKnown(s.inputs().get(inputIndex).path(), s.path() + ".inputs", s.path());
    }
}
