package dev.evalgate.engine.compare;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * A candidate run set against a baseline run: every case's change, every metric's difference with its paired test,
 * and notes on anything that limits the comparison (a changed corpus, cases the candidate did not run, untrusted
 * judges). Built by {@link RunComparator}; rendered by the reports and read by the gate.
 *
 * @param caseDiffs    one entry per case key, in the candidate's order, then removed cases; see {@link CaseDiffs}
 * @param metricDeltas overall pass rate first, then each scorer in suite order
 * @param notes        plain sentences for people, such as "corpus qa changed from 1.0 to 1.1; compared 40
 *                     shared cases"
 * @param warnings     what makes the comparison doubtful, shown before its numbers: the runs used different
 *                     models, or evaluated different tiers ({@link Comparability#warnings})
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record Comparison(ComparedRun baseline, ComparedRun candidate, List<CaseDiff> caseDiffs,
                         List<MetricDelta> metricDeltas, List<String> notes, List<String> warnings) {
    public Comparison(ComparedRun baseline, ComparedRun candidate, List<CaseDiff> caseDiffs,
                      List<MetricDelta> metricDeltas, List<String> notes) {
        this(baseline, candidate, caseDiffs, metricDeltas, notes, Comparability.warnings(baseline, candidate));
    }

    public Comparison {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
        // A comparison the engine made builds each diff when read; one read from its file holds them.
        caseDiffs = CaseDiffs.of(caseDiffs);
        metricDeltas = List.copyOf(metricDeltas);
        notes = List.copyOf(Objects.requireNonNullElse(notes, List.of()));
        warnings = List.copyOf(Objects.requireNonNullElse(warnings, List.of()));
    }

    /** Cases with the given status, in report order. */
    public List<CaseDiff> cases(DiffStatus status) {
        return caseDiffs.stream().filter(d -> d.status() == status).toList();
    }

    public int count(DiffStatus status) {
        return (int) caseDiffs.stream().filter(d -> d.status() == status).count();
    }

    /** The diff of the case with this key, or null when the comparison has none. */
    public CaseDiff caseDiff(String key) {
        return ((CaseDiffs) caseDiffs).byKey(key);
    }

    /** The metric by name ({@link MetricDelta#OVERALL_PASS} or a scorer's name). */
    public java.util.Optional<MetricDelta> metric(String name) {
        return metricDeltas.stream().filter(m -> m.metric().equals(name)).findFirst();
    }
}
