package io.conveyor.engine.internal.cli;

import io.conveyor.api.Problem;
import java.util.List;

/** Formats the problems of a pipeline file that does not compile: one per line, then a count. */
public final class ProblemReport {
    private ProblemReport() {
    }

    /**
     * @param file the file as the user named it
     * @param problems the problems, in file order
     * @return the lines to print on stderr
     */
    public static String format(String file, List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            sb.append(p).append('\n');
        }
        int n = problems.size();
        sb.append(n).append(n == 1 ? " problem" : " problems").append(" found in ").append(file).append('\n');
        return sb.toString();
    }
}
