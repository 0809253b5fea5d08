package dev.evalgate.history.drift;

import java.util.List;

import dev.evalgate.history.RunEntry;

/** Drift over a series of runs: the runs looked at (oldest first), what was found, and the likely causes. */
public record DriftReport(List<RunEntry> runs, List<DriftFinding> findings, List<CauseMarker> causes) {
    public DriftReport {
        runs = List.copyOf(runs);
        findings = List.copyOf(findings);
        causes = List.copyOf(causes);
    }

    public List<DriftFinding> findings(String metric) {
        return findings.stream().filter(f -> f.metric().equals(metric)).toList();
    }
}
