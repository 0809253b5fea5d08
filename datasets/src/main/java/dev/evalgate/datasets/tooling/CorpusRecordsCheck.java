package dev.evalgate.datasets.tooling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.CorpusRef;
import dev.evalgate.datasets.lineage.LineageStep;

/**
 * Checks that a corpus's records of itself agree with its cases: the last lineage step names this very corpus
 * version, and {@code case-fingerprints.tsv} (when present) lists the cases as they are, in order. Both are written
 * by evalgate's tools; a disagreement means a manifest or the cases were edited by hand without a freeze, and a
 * later freeze would then report the wrong changes. The index is read beside the streamed cases, one line per case,
 * so a corpus of any size is checked in constant memory.
 */
public final class CorpusRecordsCheck implements AutoCloseable {
    private final Path indexFile;
    private final BufferedReader index;
    private int line;

    private CorpusRecordsCheck(Path indexFile, BufferedReader index) {
        this.indexFile = indexFile;
        this.index = index;
    }

    /** Checks the lineage now and opens the case index (if any) to be checked case by case. */
    public static CorpusRecordsCheck open(Path directory, CorpusManifest manifest) {
        manifest.lineage().last().ifPresent(step -> lineage(directory, manifest, step));
        Path file = directory.resolve(CaseIndex.FILE);
        try {
            return new CorpusRecordsCheck(file, Files.exists(file)
                    ? Files.newBufferedReader(file, StandardCharsets.UTF_8) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void lineage(Path directory, CorpusManifest manifest, LineageStep step) {
        CorpusRef recorded = step.corpus();
        boolean same = recorded.name().equals(manifest.name()) && recorded.version().equals(manifest.version())
                && (recorded.sha256() == null || recorded.sha256().equals(manifest.casesSha256()));
        if (!same) {
            throw new InvalidInputException(directory.resolve(CorpusLoader.MANIFEST_FILE), 0, "lineage",
                    "its last step (" + step.operation() + ") produced " + recorded.describe() + ", but this"
                            + " manifest is " + manifest.ref().describe() + "; a manifest edited by hand: freeze the"
                            + " corpus (datasets freeze) so its lineage records the change");
        }
    }

    /** Checks the next case against the next index line. */
    public void next(EvalCase evalCase) {
        if (index == null) {
            return;
        }
        String text = read();
        line++;
        String expected = evalCase.id() + "\t" + CaseIndex.shortFingerprint(evalCase);
        if (!expected.equals(text)) {
            throw new InvalidInputException(indexFile, line, null, text == null
                    ? "ends before case '" + evalCase.id() + "'" : "expected '" + expected.replace('\t', ' ')
                    + "' for the case on line " + line + " of the cases, found '" + text.replace('\t', ' ')
                    + "'; the cases changed since the corpus was last written or frozen: freeze it again");
        }
    }

    /** Checks that the index lists no more cases than there were. */
    public void finish() {
        if (index == null) {
            return;
        }
        String extra = read();
        if (extra != null && !extra.isEmpty()) {
            throw new InvalidInputException(indexFile, line + 1, null, "lists case '" + extra.split("\t", 2)[0]
                    + "' after the last case; freeze the corpus again");
        }
    }

    private String read() {
        try {
            return index.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + indexFile, e);
        }
    }

    @Override
    public void close() {
        if (index != null) {
            try {
                index.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + indexFile, e);
            }
        }
    }
}
