package dev.evalgate.reports.markdown;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.evalgate.reports.io.TextFiles;
import dev.evalgate.reports.model.CaseChange;
import dev.evalgate.reports.model.CaseStatus;
import dev.evalgate.reports.model.CaseView;
import dev.evalgate.reports.model.GateView;
import dev.evalgate.reports.model.MetricRow;
import dev.evalgate.reports.model.ReportModel;
import dev.evalgate.reports.model.RepeatView;
import dev.evalgate.reports.model.RunHeader;

/**
 * {@code summary.md}, sized for a pull-request comment: the verdict and violated rules first, then the metric
 * table and the cases most worth a look. Everything that came from a model or a corpus goes through
 * {@link MarkdownText}.
 */
public final class MarkdownSummary {
    static final int TOP_CASES = 10;
    static final int EXCERPT_CHARS = 160;
    /** GitHub refuses comments over 65,536 characters; leave room for whatever a CI step adds around the summary. */
    static final int MAX_CHARS = 60_000;

    private MarkdownSummary() {
    }

    public static void write(ReportModel model, Path file) throws IOException {
        try (Writer out = TextFiles.create(file)) {
            out.write(render(model));
        }
    }

    public static String render(ReportModel model) {
        StringBuilder md = new StringBuilder();
        RunHeader h = model.header();
        GateView gate = model.gate();
        String icon = gate.passed() ? "\u2705" : gate.failed() ? "\u274C" : "\u2139\uFE0F";
        String word = gate.passed() ? "Gate passed" : gate.failed() ? "Gate failed" : "No gate";
        md.append("## ").append(icon).append(" evalgate: ").append(word).append(" \u2014 ")
                .append(MarkdownText.inline(h.bundle(), 120)).append("\n\n");
        md.append(MarkdownText.inline(gate.headline(), 500)).append("\n\n");
        if (!gate.violations().isEmpty()) {
            md.append("**Violated rules**\n\n");
            for (GateView.ViolationView v : gate.violations()) {
                md.append("- **").append(MarkdownText.inline(v.rule(), 120)).append("**: ")
                        .append(MarkdownText.inline(v.message(), 400));
                if (!v.cases().isEmpty()) {
                    md.append(" (cases: ").append(joinInline(v.cases(), 5));
                    if (v.more() > 0) {
                        md.append(" and ").append(v.more()).append(" more");
                    }
                    md.append(')');
                }
                md.append('\n');
            }
            md.append('\n');
        }
        for (String note : gate.notes()) {
            md.append("> ").append(MarkdownText.inline(note, 400)).append('\n');
        }
        if (!gate.notes().isEmpty()) {
            md.append('\n');
        }
        md.append("Run ").append(MarkdownText.inline(h.runId(), 80)).append(" \u00B7 model ")
                .append(MarkdownText.inline(h.backend() + ":" + h.model(), 120)).append(" \u00B7 bundle digest ")
                .append(MarkdownText.inline(shortDigest(h.bundleDigest()), 20));
        if (h.hasBaseline()) {
            md.append(" \u00B7 baseline ").append(MarkdownText.inline(h.baselineRunId(), 80)).append(" (")
                    .append(MarkdownText.inline(h.baselineBundle(), 120)).append(')');
        }
        md.append("\n\n");
        if (!model.compared().isEmpty()) {
            md.append("| compared | baseline | candidate |\n|---|---|---|\n");
            for (var a : model.compared()) {
                md.append("| ").append(a.aspect()).append(" | ").append(MarkdownText.inline(a.baseline(), 160))
                        .append(" | ").append(MarkdownText.inline(a.candidate(), 160))
                        .append(a.same() ? "" : " **(differs)**").append(" |\n");
            }
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "%d cases: %d passed, %d failed, %d errored, %d flaky",
                model.counts().cases(), model.counts().passed(), model.counts().failed(), model.counts().errored(),
                model.counts().flaky()));
        if (h.hasBaseline()) {
            md.append(String.format(Locale.ROOT, "; %d regressed, %d fixed, %d new", model.counts().regressed(),
                    model.counts().fixed(), model.counts().added()));
            if (model.counts().removed() > 0) {
                md.append(", ").append(model.counts().removed()).append(" removed");
            }
        }
        md.append(".\n\n");
        metricTable(model.metrics(), h.hasBaseline(), md);
        // Adversarial regressions first (they usually break a rule on their own), then those failing most scorers.
        // Ranked on the case summaries; only the cases the table shows are made in full.
        List<CaseView> summaries = model.caseSummaries();
        record Regressed(int index, CaseView view) {
        }
        List<Regressed> regressed = new java.util.ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            CaseView c = summaries.get(i);
            if (CaseChange.REGRESSED.label().equals(c.ch())) {
                regressed.add(new Regressed(i, c));
            }
        }
        regressed.sort(Comparator.comparing((Regressed r) -> !r.view().adv())
                .thenComparing(r -> -r.view().failed().size()));
        List<CaseView> regressions = regressed.stream().limit(TOP_CASES).map(r -> model.cases().get(r.index()))
                .toList();
        if (h.hasBaseline()) {
            caseTable("Top regressions", regressions, model.counts().regressed(), md);
        }
        // Only the cases the table shows are kept; the others are counted.
        java.util.function.Predicate<CaseView> notRegressed = c -> !CaseChange.REGRESSED.label().equals(c.ch());
        int notPassingCount = (int) summaries.stream()
                .filter(c -> ReportModel.isWorthALook(c) && notRegressed.test(c)).count();
        List<CaseView> notPassing = model.casesWorthALook(TOP_CASES, notRegressed);
        caseTable(h.hasBaseline() ? "Other cases not passing" : "Cases not passing", notPassing, notPassingCount,
                md);
        String closing = "Open `report.html` from the run's artifacts for every case, with outputs side by side.\n";
        if (md.length() + closing.length() > MAX_CHARS) {
            int cut = md.lastIndexOf("\n", MAX_CHARS - closing.length() - 100);
            md.setLength(Math.max(0, cut + 1));
            md.append("\n\u2026 summary cut to fit a pull-request comment.\n\n");
        }
        md.append(closing);
        return md.toString();
    }

    private static void metricTable(List<MetricRow> rows, boolean baseline, StringBuilder md) {
        md.append(baseline ? "| metric | candidate | 95% CI | baseline | \u0394 | change |\n|---|---:|---|---:|---:|---|\n"
                : "| metric | value | 95% CI |\n|---|---:|---|\n");
        for (MetricRow r : rows) {
            md.append("| ").append(MarkdownText.inline(r.metric(), 120)).append(" | ")
                    .append(MarkdownText.inline(r.value(), 60)).append(" | ")
                    .append(MarkdownText.inline(r.interval(), 60));
            if (baseline) {
                md.append(" | ").append(MarkdownText.inline(r.baseline(), 60)).append(" | ")
                        .append(MarkdownText.inline(r.delta(), 60)).append(" | ")
                        .append(changeCell(r));
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    /** Tested regressions in bold; a change judged by direction alone says so. */
    private static String changeCell(MetricRow r) {
        if (r.tested()) {
            return r.change().equals(MetricRow.WORSE) ? "**" + r.changeText() + "**" : r.changeText();
        }
        boolean directional = r.change().equals(MetricRow.BETTER) || r.change().equals(MetricRow.WORSE);
        return r.changeText() + (directional ? " (direction only)" : "");
    }

    private static void caseTable(String title, List<CaseView> cases, int total, StringBuilder md) {
        if (cases.isEmpty()) {
            return;
        }
        md.append("### ").append(title).append(" (").append(total).append(")\n\n");
        md.append("| case | status | failing scorers | output (excerpt) |\n|---|---|---|---|\n");
        for (CaseView c : cases.subList(0, Math.min(TOP_CASES, cases.size()))) {
            RepeatView first = c.reps().get(0);
            String status = c.st() + (c.bst() == null ? "" : " (baseline: " + c.bst() + ")");
            String excerpt = first.err() != null ? "error: " + first.err() : first.out();
            md.append("| ").append(MarkdownText.inline(c.k(), 100)).append(" | ").append(status).append(" | ")
                    .append(joinInline(c.failed(), 4)).append(" | ")
                    .append(MarkdownText.inline(excerpt, EXCERPT_CHARS)).append(" |\n");
        }
        if (total > TOP_CASES) {
            md.append("\n\u2026 and ").append(total - TOP_CASES).append(" more.\n");
        }
        md.append('\n');
    }

    private static String joinInline(List<String> items, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(max, items.size()); i++) {
            out.append(i == 0 ? "" : ", ").append(MarkdownText.inline(items.get(i), 80));
        }
        if (items.size() > max) {
            out.append(", \u2026 ").append(items.size() - max).append(" more");
        }
        return out.toString();
    }

    private static String shortDigest(String digest) {
        return digest == null || digest.length() <= 12 ? digest : digest.substring(0, 12);
    }
}
