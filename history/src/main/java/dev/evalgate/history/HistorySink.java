package dev.evalgate.history;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.gate.MetricHistory;
import dev.evalgate.engine.sink.FinishedRun;
import dev.evalgate.engine.sink.RunSink;

/**
 * Records every finished run in the history store ({@link HistoryLocation#resolve} says where). Reads the run
 * from memory and never writes into its directory.
 */
public final class HistorySink implements RunSink {
    public static final String NAME = "history";

    @Override
    public String name() {
        return NAME;
    }

    /** The series {@code max_drift} rules judge, read from the history this sink records in. */
    @Override
    public Optional<MetricHistory> metricHistory(Suite suite, Optional<String> setting, Consumer<String> warnings) {
        return Optional.of(StoredMetricHistory.forRun(setting.orElse(null), suite == null ? null : suite.file(),
                warnings));
    }

    /** The history records the run from memory (and its run.json), so it is written while the reports are. */
    @Override
    public boolean needsReports() {
        return false;
    }

    @Override
    public void accept(FinishedRun finished) {
        RunResult run = finished.result();
        Path suiteFile = finished.suite() == null ? null : finished.suite().file();
        Optional<HistoryLocation> location = HistoryLocation.resolve(finished.setting(NAME).orElse(null), suiteFile);
        if (location.isEmpty()) {
            return;
        }
        Path where = suiteFile != null ? suiteFile.toAbsolutePath().getParent()
                : run.directory() == null ? null : run.directory().toAbsolutePath();
        GitInfo git = GitInfo.of(where, System.getenv());
        try (HistoryStore store = HistoryStore.open(location.get())) {
            store.recorder().record(run, finished.verdict(), git);
        }
    }
}
