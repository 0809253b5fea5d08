package dev.evalgate.datasets.tooling;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;

/**
 * {@code case-fingerprints.tsv} beside a corpus's cases: each case id with the first 16 hex digits of its
 * {@link CaseFingerprint}, as of the last time the corpus was written or frozen. When the cases are edited by hand
 * the old content is gone; this index is what lets {@code freeze} say which ids were added, removed and changed.
 * Ids never hold a tab or a line break (the loader refuses control characters), so one id and one fingerprint a
 * line, tab-separated, is unambiguous.
 */
public final class CaseIndex {
    public static final String FILE = "case-fingerprints.tsv";
    private static final int DIGITS = 16;

    private CaseIndex() {
    }

    public static void write(Path directory, List<EvalCase> cases) {
        try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(FILE), StandardCharsets.UTF_8)) {
            for (EvalCase c : cases) {
                out.write(c.id());
                out.write('\t');
                out.write(CaseFingerprint.of(c), 0, DIGITS);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(FILE), e);
        }
    }

    /** The fingerprints by id, in file order, or empty when the corpus has no index (written by hand). */
    public static Optional<Map<String, String>> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (CorpusLoader.TextLine line : CorpusLoader.lines(file, InputKind.CASES)) {
            if (line.text().isEmpty()) {
                continue;
            }
            int tab = line.text().indexOf('\t');
            if (tab <= 0) {
                throw new InvalidInputException(file, line.number(), null, "expected 'id<TAB>fingerprint'; this file"
                        + " is written by evalgate: delete it and freeze again");
            }
            out.put(line.text().substring(0, tab), line.text().substring(tab + 1));
        }
        return Optional.of(out);
    }

    /** The short fingerprint of one case as stored in the index. */
    public static String shortFingerprint(EvalCase evalCase) {
        return CaseFingerprint.of(evalCase).substring(0, DIGITS);
    }
}
