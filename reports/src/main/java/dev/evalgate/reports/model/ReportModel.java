package dev.evalgate.reports.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.ScorerSummary;
import dev.evalgate.engine.compare.ComparedRun;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.DiffStatus;
import dev.evalgate.reports.ReportContext;

/**
 * Everything a report shows, computed once from a run and its context; every renderer (HTML, Markdown, JUnit XML,
 * JSON) reads this, so they cannot disagree about a number or a case's status.
 */
public record ReportModel(RunHeader header, GateView gate, List<MetricRow> metrics, Charts charts,
                          List<CaseView> cases, CaseCounts counts, List<String> scorers, List<String> tags,
                          List<ComparedAspect> compared, List<IfEvalFigures> ifeval) {

    public ReportModel {
        compared = List.copyOf(compared);
        metrics = List.copyOf(metrics);
        cases = cases instanceof RunCaseViews ? cases : List.copyOf(cases);
        scorers = List.copyOf(scorers);
        tags = List.copyOf(tags);
        ifeval = List.copyOf(ifeval);
    }

    public static ReportModel of(RunResult run, ReportContext context) {
        Optional<RunResult> baseline = context.baseline();
        Optional<Comparison> comparison = context.comparison();
        List<CaseView> cases = CaseViews.of(run, baseline, comparison);
        List<CaseView> summaries = summaries(cases);
        int removed = comparison.map(c -> c.count(DiffStatus.REMOVED)).orElse(0);
        CaseCounts counts = CaseCounts.of(summaries, run.results().size(), removed);
        Set<String> tags = new LinkedHashSet<>();
        summaries.forEach(c -> tags.addAll(c.tags()));
        List<String> sortedTags = new ArrayList<>(tags);
        sortedTags.sort(null);
        // Warnings (another model, another tier) come first: they change what every number below means.
        List<String> comparisonNotes = new ArrayList<>(comparison.map(c -> java.util.stream.Stream.concat(
                c.warnings().stream().map(w -> "Warning: " + w), c.notes().stream()).toList()).orElse(List.of()));
        MetricTable.statisticsNote(comparison).ifPresent(comparisonNotes::add);
        GateView gate = context.verdict().map(v -> GateView.of(v, comparisonNotes))
                .orElseGet(() -> GateView.none(counts, comparisonNotes));
        return new ReportModel(header(run, baseline, comparison), gate, MetricTable.of(run, baseline, comparison),
                Charts.of(run, summaries), cases, counts,
                run.summary().scorers().stream().map(ScorerSummary::name).toList(), sortedTags,
                comparison.map(ComparedAspect::of).orElse(List.of()), IfEvalFigures.of(run.results()));
    }

    /**
     * The cases as {@link #cases()} has them, but possibly without prompt and repeats: for passes that count,
     * filter or rank cases, which then read no output or explanation.
     */
    public List<CaseView> caseSummaries() {
        return summaries(cases);
    }

    private static List<CaseView> summaries(List<CaseView> cases) {
        return cases instanceof RunCaseViews views ? views.summaries() : cases;
    }

    /**
     * The cases a reader should look at first, at most {@code limit}: regressions, then errors, failures and flaky
     * cases; adversarial cases and those failing more scorers first within each group, then in run order.
     */
    public List<CaseView> casesWorthALook(int limit) {
        return casesWorthALook(limit, c -> true);
    }

    /**
     * {@link #casesWorthALook(int)} among the cases {@code among} accepts. Only the {@code limit} best are ever held,
     * so the page's short list of a 100,000-case run does not keep every failing case.
     */
    public List<CaseView> casesWorthALook(int limit, Predicate<CaseView> among) {
        Comparator<Ranked> order = Comparator.comparingInt((Ranked r) -> attentionRank(r.view()))
                .thenComparing(r -> !r.view().adv())
                .thenComparing(r -> -r.view().failed().size())
                .thenComparingInt(Ranked::index);
        PriorityQueue<Ranked> best = new PriorityQueue<>(order.reversed()); // the worst kept one on top
        // Ranked on the summaries; only the cases kept are made in full.
        List<CaseView> summaries = caseSummaries();
        for (int i = 0; i < summaries.size(); i++) {
            CaseView c = summaries.get(i);
            if (!isWorthALook(c) || !among.test(c)) {
                continue;
            }
            Ranked ranked = new Ranked(c, i);
            if (best.size() < limit) {
                best.add(ranked);
            } else if (limit > 0 && order.compare(ranked, best.peek()) < 0) {
                best.poll();
                best.add(ranked);
            }
        }
        List<Ranked> kept = new ArrayList<>(best);
        kept.sort(order);
        return kept.stream().map(r -> cases.get(r.index())).toList();
    }

    /** Regressed, errored, failing or flaky: a case {@link #casesWorthALook} lists. */
    public static boolean isWorthALook(CaseView c) {
        return attentionRank(c) < Integer.MAX_VALUE;
    }

    private record Ranked(CaseView view, int index) {
    }

    private static int attentionRank(CaseView c) {
        if (CaseChange.REGRESSED.label().equals(c.ch())) {
            return 0;
        }
        if (CaseStatus.ERROR.label().equals(c.st())) {
            return 1;
        }
        if (CaseStatus.FAIL.label().equals(c.st())) {
            return 2;
        }
        if (CaseStatus.FLAKY.label().equals(c.st())) {
            return 3;
        }
        return Integer.MAX_VALUE;
    }

    private static RunHeader header(RunResult run, Optional<RunResult> baseline, Optional<Comparison> comparison) {
        RunSpec spec = run.spec();
        RunSpec base = baseline.map(RunResult::spec).orElse(null);
        ComparedRun compared = comparison.map(Comparison::baseline).orElse(null);
        boolean hasBaseline = base != null || compared != null;
        String baseRunId = base != null ? text(base.runId()) : compared != null ? compared.runId() : "";
        String baseBundle = base != null && base.bundle() != null ? base.bundle().label()
                : compared != null ? compared.bundle() : "";
        String baseDigest = base != null ? text(base.bundleDigest()) : compared != null ? compared.bundleDigest() : "";
        String baseModel = base != null && base.model() != null ? base.model().backend() + ":" + base.model().model()
                : compared != null ? compared.model() : "";
        List<String> baseCorpora = base != null ? corpora(base.corpora())
                : compared != null ? corpora(compared.corpora()) : List.of();
        return new RunHeader(spec.runId(), text(spec.suite()), text(spec.startedAt()),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), text(spec.engineVersion()),
                spec.bundle() == null ? "" : spec.bundle().label(), text(spec.bundleDigest()),
                spec.model() == null ? "" : spec.model().backend(), spec.model() == null ? "" : spec.model().model(),
                spec.model() == null ? "" : spec.model().fingerprint(), corpora(spec.corpora()), spec.repeats(),
                text(spec.host()), hasBaseline, baseRunId, baseBundle, baseDigest, baseModel, baseCorpora,
                hasBaseline && spec.bundleDigest() != null && spec.bundleDigest().equals(baseDigest));
    }

    private static List<String> corpora(List<CorpusRef> refs) {
        List<String> out = new ArrayList<>();
        for (CorpusRef c : refs) {
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
