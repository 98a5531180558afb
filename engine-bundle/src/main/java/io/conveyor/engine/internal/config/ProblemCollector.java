package io.conveyor.engine.internal.config;

import io.conveyor.api.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gathers the problems of one compilation, so every pass can report all it finds and the
 * compiler fails once, with everything, at the end.
 */
final class ProblemCollector {
    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    /** @param file the pipeline file as the user gave it (or the source name) */
    ProblemCollector(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(SourcePosition at, String stageId, String key, String message, String hint) {
        problems.add(new Problem(file, at.line(), at.column(), stageId, key, message, hint));
    }

    void add(Problem problem) {
        problems.add(problem);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    int size() {
        return problems.size();
    }

    /**
     * @param masker hides secrets: a problem can quote a value that came from the environment
     * @return the problems in file order (problems about the whole file first), masked
     */
    List<Problem> inFileOrder(SecretMasker masker) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        List<Problem> masked = new ArrayList<>();
        for (Problem p : sorted) {
            masked.add(new Problem(p.file(), p.line(), p.column(), p.stageId(), p.key(),
                    masker.mask(p.message()), masker.mask(p.hint())));
        }
        return masked;
    }
}
