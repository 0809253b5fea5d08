package dev.evalgate.datasets.tooling;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;

/**
 * Writes a corpus one case at a time, so a million-row import or split never holds its cases: the cases and their
 * {@link CaseIndex} go to hidden partial files, and only {@link #commit} moves them into place and writes the
 * manifest; {@link #abort} leaves the directory as it was. Not thread-safe.
 */
public final class CorpusStreamWriter implements AutoCloseable {
    private final Path directory;
    private final Path partialCases;
    private final Path partialIndex;
    private final BufferedWriter cases;
    private final BufferedWriter index;
    /** Whether this writer created the directory, so an abort removes it again. */
    private final boolean created;
    private int count;
    private boolean finished;

    private CorpusStreamWriter(Path directory) throws IOException {
        this.directory = directory;
        this.created = !Files.exists(directory);
        Files.createDirectories(directory);
        this.partialCases = directory.resolve(".cases.jsonl.partial");
        this.partialIndex = directory.resolve("." + CaseIndex.FILE + ".partial");
        this.cases = Files.newBufferedWriter(partialCases, StandardCharsets.UTF_8);
        this.index = Files.newBufferedWriter(partialIndex, StandardCharsets.UTF_8);
    }

    /** Starts a corpus in {@code directory}; refuses one that already holds a corpus unless {@code overwrite}. */
    public static CorpusStreamWriter open(Path directory, boolean overwrite) {
        Path manifestFile = directory.resolve(CorpusLoader.MANIFEST_FILE);
        if (!overwrite && Files.exists(manifestFile)) {
            throw new InvalidInputException(manifestFile, 0, null, "a corpus already exists here; choose another"
                    + " --out directory or pass --force to replace it");
        }
        try {
            return new CorpusStreamWriter(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the corpus into " + directory, e);
        }
    }

    /**
     * Appends a case. A case whose line would exceed what the loader accepts is refused here, with the reason, so
     * the written corpus always loads.
     */
    public void add(EvalCase evalCase) {
        String line = CorpusWriter.caseLine(evalCase);
        if (line.length() > CorpusLoader.MAX_LINE_CHARS) {
            throw new IllegalArgumentException("case '" + evalCase.id() + "' is " + line.length()
                    + " characters as a line, over the " + CorpusLoader.MAX_LINE_CHARS + " a corpus accepts");
        }
        addLine(line, evalCase);
    }

    /** Appends a case as the line it was read from, kept byte for byte ({@code line} must hold {@code evalCase}). */
    public void addLine(String line, EvalCase evalCase) {
        try {
            cases.write(line);
            cases.write('\n');
            index.write(evalCase.id());
            index.write('\t');
            index.write(CaseIndex.shortFingerprint(evalCase));
            index.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the corpus into " + directory, e);
        }
        count++;
    }

    public int count() {
        return count;
    }

    /** Moves the cases into place and writes the manifest, its sha256 and open lineage step pinned. */
    public CorpusManifest commit(CorpusManifest manifest) {
        try {
            cases.close();
            index.close();
            Path casesFile = directory.resolve(manifest.casesFile());
            Files.move(partialCases, casesFile, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partialIndex, directory.resolve(CaseIndex.FILE), StandardCopyOption.REPLACE_EXISTING);
            CorpusManifest pinned = manifest.withSha256(ContentHash.sha256(casesFile));
            pinned = pinned.withLineage(manifest.lineage().pinned(pinned.ref()));
            Files.writeString(directory.resolve(CorpusLoader.MANIFEST_FILE), CorpusWriter.manifestYaml(pinned),
                    StandardCharsets.UTF_8);
            finished = true;
            return pinned;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the corpus into " + directory, e);
        }
    }

    /** Drops what was written; the directory keeps whatever corpus it held before. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            cases.close();
            index.close();
            Files.deleteIfExists(partialCases);
            Files.deleteIfExists(partialIndex);
            if (created) {
                try (var left = Files.list(directory)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(directory);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + directory, e);
        }
    }

    @Override
    public void close() {
        abort();
    }
}
