package dev.evalgate.datasets.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.evalgate.datasets.InvalidInputException;

/** Collects bad source rows, each with file and line; stops collecting (not counting) after a cap. */
final class RowProblems {
    static final int MAX_KEPT = 200;

    private final List<InvalidInputException> kept = new ArrayList<>();
    private int count;

    void add(Path file, int line, String field, String problem) {
        add(new InvalidInputException(file, line, field, problem));
    }

    void add(InvalidInputException problem) {
        count++;
        if (kept.size() < MAX_KEPT) {
            kept.add(problem);
        }
    }

    List<InvalidInputException> list() {
        if (count > kept.size()) {
            List<InvalidInputException> out = new ArrayList<>(kept);
            out.add(new InvalidInputException(null, 0, null, (count - kept.size())
                    + " more bad rows not listed"));
            return out;
        }
        return kept;
    }
}
