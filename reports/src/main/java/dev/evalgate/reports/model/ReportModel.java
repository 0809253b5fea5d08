package dev.evalgate.reports.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.ScorerSummary;
import dev.evalgate.reports.ReportContext;

/**
 * Everything a report shows, computed once from a run and its context; every renderer (HTML, Markdown, JUnit XML,
 * JSON) reads this, so they cannot disagree about a number or a case's status.
 */
public record ReportModel(RunHeader header, GateView gate, List<MetricRow> metrics, Charts charts,
                          List<CaseView> cases, CaseCounts counts, List<String> scorers, List<String> tags) {

    public ReportModel {
        metrics = List.copyOf(metrics);
        cases = List.copyOf(cases);
        scorers = List.copyOf(scorers);
        tags = List.copyOf(tags);
    }

    public static ReportModel of(RunResult run, ReportContext context) {
        Optional<RunResult> baseline = context.baseline();
        List<CaseView> cases = CaseViews.of(run, baseline);
        CaseCounts counts = CaseCounts.of(cases, run.results().size());
        Set<String> tags = new LinkedHashSet<>();
        cases.forEach(c -> tags.addAll(c.tags()));
        List<String> sortedTags = new ArrayList<>(tags);
        sortedTags.sort(null);
        return new ReportModel(header(run, baseline), gate(counts), MetricTable.of(run, baseline),
                Charts.of(run, cases), cases, counts, run.summary().scorers().stream().map(ScorerSummary::name)
                .toList(), sortedTags);
    }

    private static GateView gate(CaseCounts counts) {
        String headline = String.format(Locale.ROOT, "No gate was evaluated: %d of %d cases passed every repeat.",
                counts.passed(), counts.cases());
        return new GateView(GateView.NONE, headline, List.of());
    }

    private static RunHeader header(RunResult run, Optional<RunResult> baseline) {
        RunSpec spec = run.spec();
        RunSpec base = baseline.map(RunResult::spec).orElse(null);
        return new RunHeader(spec.runId(), text(spec.suite()), text(spec.startedAt()),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), text(spec.engineVersion()),
                spec.bundle() == null ? "" : spec.bundle().label(), text(spec.bundleDigest()),
                spec.model() == null ? "" : spec.model().backend(), spec.model() == null ? "" : spec.model().model(),
                spec.model() == null ? "" : spec.model().fingerprint(), corpora(spec), spec.repeats(),
                text(spec.host()), base != null, base == null ? "" : text(base.runId()),
                base == null || base.bundle() == null ? "" : base.bundle().label(),
                base == null ? "" : text(base.bundleDigest()),
                base == null || base.model() == null ? "" : base.model().backend() + ":" + base.model().model(),
                base == null ? List.of() : corpora(base),
                base != null && spec.bundleDigest() != null && spec.bundleDigest().equals(base.bundleDigest()));
    }

    private static List<String> corpora(RunSpec spec) {
        List<String> out = new ArrayList<>();
        for (CorpusRef c : spec.corpora()) {
            String sha = c.sha256() == null ? "" : c.sha256();
            out.add(c.name() + "@" + c.version() + " (sha256 " + (sha.length() > 12 ? sha.substring(0, 12) : sha)
                    + ", " + c.cases() + " cases)");
        }
        return out;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
