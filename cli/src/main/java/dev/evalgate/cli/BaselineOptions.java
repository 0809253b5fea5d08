package dev.evalgate.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import dev.evalgate.engine.pipeline.BaselineChoice;

/** Which baseline a command compares with, shared by {@code run}, {@code gate} and {@code report}. */
public final class BaselineOptions {
    @Option(names = "--baseline", paramLabel = "NAME|DIR", description = "Compare with this stored baseline: a name "
            + "under the suite's baselines, or a run directory. Without it, only gate rules that need no baseline "
            + "are checked.")
    String baseline;

    @Option(names = "--baselines-dir", paramLabel = "DIR", description = "Where named baselines are stored "
            + "(default: the suite's 'baselines', else baselines/ next to the suite).")
    Path baselinesDir;

    @Option(names = "--allow-corpus-change", description = "Compare with a baseline of another corpus version, on "
            + "the case ids both runs share.")
    boolean allowCorpusChange;

    boolean given() {
        return baseline != null;
    }

    /** The name or directory as the user gave it, for messages. */
    String label() {
        return baseline;
    }

    boolean allowCorpusChange() {
        return allowCorpusChange;
    }

    /** The baseline as the pipeline takes it: none, or the name or directory given. */
    BaselineChoice choice() {
        return BaselineChoice.named(baseline, baselinesDir);
    }
}
