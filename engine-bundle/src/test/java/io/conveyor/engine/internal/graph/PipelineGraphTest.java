package io.conveyor.engine.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineGraphTest {
    private static PipelineGraph.Node node(String id, String... inputs) {
        return new PipelineGraph.Node(id, List.of(inputs));
    }

    @Test
    void orderPutsEveryStageAfterItsInputsAndKeepsFileOrderAmongReadyStages() {
        PipelineGraph g = PipelineGraph.of(List.of(
                node("report", "joined"),
                node("customers"),
                node("joined", "orders", "customers"),
                node("orders"),
                node("audit", "orders")));
        assertTrue(g.isAcyclic());
        // customers and orders are ready first (file order), then joined (before audit: earlier in the file).
        assertEquals(List.of("customers", "orders", "joined", "report", "audit"), g.topologicalOrder());
    }

    @Test
    void orderIsStableForIndependentBranches() {
        List<PipelineGraph.Node> nodes = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            nodes.add(node("s" + i));
        }
        assertEquals(List.of("s9", "s8", "s7", "s6", "s5", "s4", "s3", "s2", "s1", "s0"),
                PipelineGraph.of(nodes).topologicalOrder());
    }

    @Test
    void aStageReadingTheSameInputTwiceIsOrderedOnce() {
        PipelineGraph g = PipelineGraph.of(List.of(node("self_join", "a", "a"), node("a")));
        assertEquals(List.of("a", "self_join"), g.topologicalOrder());
    }

    @Test
    void reportsACycleAsTheChainStartingAtItsFirstStageInTheFile() {
        PipelineGraph g = PipelineGraph.of(List.of(
                node("src"),
                node("a", "src", "c"),
                node("b", "a"),
                node("c", "b")));
        assertFalse(g.isAcyclic());
        assertEquals(List.of(List.of("a", "b", "c", "a")), g.cycles());
        assertEquals(List.of(), g.topologicalOrder());
    }

    @Test
    void reportsEachCycleOnceEvenWhenReachedFromSeveralStarts() {
        PipelineGraph g = PipelineGraph.of(List.of(
                node("x", "y"),
                node("y", "x"),
                node("p", "x", "r"),
                node("q", "p"),
                node("r", "q")));
        assertEquals(List.of(List.of("x", "y", "x"), List.of("p", "q", "r", "p")), g.cycles());
    }

    @Test
    void duplicatesUnknownInputsAndSelfReferencesAreReportedNotFollowed() {
        PipelineGraph g = PipelineGraph.of(List.of(
                node("a"),
                node("b", "a", "nope", "b"),
                node("a", "b"),
                node("c", "ghost")));
        assertEquals(List.of(new PipelineGraph.Duplicate(2, 0, "a")), g.duplicates());
        assertEquals(List.of(new PipelineGraph.BadInput(1, 1, "nope"), new PipelineGraph.BadInput(3, 0, "ghost")),
                g.unknownInputs());
        assertEquals(List.of(new PipelineGraph.BadInput(1, 2, "b")), g.selfInputs());
        // The duplicate's input b -> a would close a cycle if the duplicate counted; it does not.
        assertTrue(g.isAcyclic());
        assertEquals(List.of("a", "b", "c"), g.topologicalOrder());
        assertEquals(List.of("a", "b", "c"), g.ids());
    }
}
