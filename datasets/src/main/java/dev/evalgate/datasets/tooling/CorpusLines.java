package dev.evalgate.datasets.tooling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InputKind;

/**
 * A verified corpus together with each case's line exactly as written, so tools that keep or drop cases write the
 * kept ones back byte for byte.
 */
public record CorpusLines(Corpus corpus, List<String> lines) {
    public CorpusLines {
        lines = List.copyOf(lines);
        if (lines.size() != corpus.cases().size()) {
            throw new IllegalArgumentException("lines: " + lines.size() + " lines for " + corpus.cases().size()
                    + " cases");
        }
    }

    /** Loads and verifies the corpus (pinned hash included), then pairs each case with its line. */
    public static CorpusLines load(Path directory) {
        Corpus corpus = CorpusLoader.verifying().load(directory);
        Path casesFile = directory.resolve(corpus.manifest().casesFile());
        List<String> lines = new ArrayList<>();
        for (CorpusLoader.TextLine line : CorpusLoader.lines(casesFile, InputKind.CASES)) {
            if (!line.text().isBlank()) {
                lines.add(line.text());
            }
        }
        return new CorpusLines(corpus, lines);
    }

    public List<EvalCase> cases() {
        return corpus.cases();
    }
}
