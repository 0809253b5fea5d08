package dev.evalgate.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.gate.MetricHistory;

/**
 * The series a {@code max_drift} gate rule judges, read from the run history: the metric in the suite's runs that
 * started before the candidate, then the candidate's own value computed as the history records it. The store is
 * opened only when a rule asks; when it cannot be read, the rule is reported as not checked and a warning says why.
 */
public final class StoredMetricHistory implements MetricHistory {
    private final Optional<HistoryLocation> location;
    private final Consumer<String> warnings;

    public StoredMetricHistory(Optional<HistoryLocation> location, Consumer<String> warnings) {
        this.location = location;
        this.warnings = warnings;
    }

    /** The history a run is recorded in, found as {@link HistorySink} finds it. */
    public static StoredMetricHistory forRun(String flag, Path suiteFile, Consumer<String> warnings) {
        return new StoredMetricHistory(HistoryLocation.resolve(flag, suiteFile), warnings);
    }

    @Override
    public Optional<double[]> series(RunResult candidate, String metric, int window) {
        if (location.isEmpty()) {
            return Optional.empty();
        }
        List<Double> values = new ArrayList<>();
        try (HistoryStore store = HistoryStore.open(location.get())) {
            String started = candidate.spec().startedAt();
            for (MetricPoint p : store.queries().series(RunFilter.suite(candidate.spec().suite()), metric)) {
                boolean earlier = !p.run().runId().equals(candidate.spec().runId())
                        && (started == null || p.run().startedAt().compareTo(started) < 0);
                if (earlier && !Double.isNaN(p.value().value())) {
                    values.add(p.value().value());
                }
            }
        } catch (HistoryException e) {
            warnings.accept(e.getMessage());
            return Optional.empty();
        }
        double own = RunMetrics.of(candidate).stream().filter(m -> m.metric().equals(metric)).findFirst()
                .map(MetricValue::value).orElse(Double.NaN);
        List<Double> window0 = values.subList(Math.max(0, values.size() - (window - 1)), values.size());
        double[] series = new double[window0.size() + 1];
        for (int i = 0; i < window0.size(); i++) {
            series[i] = window0.get(i);
        }
        series[series.length - 1] = own;
        return Optional.of(series);
    }
}
