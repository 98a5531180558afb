package io.conveyor.engine.internal.fuzz;

import net.jqwik.api.statistics.Statistics;

/** Counts, in jqwik's statistics report, how many tries compiled and how many were rejected. */
final class Outcomes {
    private Outcomes() {
    }

    static void count(Object compiled) {
        Statistics.label("outcome").collect(compiled == null ? "rejected with problems" : "compiled");
    }
}
