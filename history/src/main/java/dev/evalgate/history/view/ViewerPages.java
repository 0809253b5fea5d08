package dev.evalgate.history.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.evalgate.engine.compare.CaseDiff;
import dev.evalgate.engine.compare.CaseOutcome;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.CompareOptions;
import dev.evalgate.engine.compare.DiffStatus;
import dev.evalgate.engine.compare.MetricDelta;
import dev.evalgate.engine.compare.RunComparator;
import dev.evalgate.history.CaseEntry;
import dev.evalgate.history.HistoryQueries;
import dev.evalgate.history.MetricPoint;
import dev.evalgate.history.RunEntry;
import dev.evalgate.history.RunFilter;
import dev.evalgate.history.StoredRuns;
import dev.evalgate.history.drift.CauseMarker;
import dev.evalgate.history.drift.DriftDetector;
import dev.evalgate.history.drift.DriftFinding;
import dev.evalgate.history.drift.DriftReport;

/** The viewer's pages, rendered from the history. Every value from the store goes through {@link Html#esc}. */
final class ViewerPages {
    static final int DEFAULT_LIMIT = 200;
    /** Changed cases listed on a comparison page; the counts cover all of them. */
    static final int MAX_DIFF_ROWS = 500;

    private final DriftDetector drift;

    ViewerPages(DriftDetector drift) {
        this.drift = drift;
    }

    String runs(HistoryQueries q, Map<String, String> params) {
        RunFilter filter = filter(params, 50);
        List<RunEntry> runs = new ArrayList<>(q.runs(filter));
        List<CauseMarker> causes = DriftDetector.causes(runs);
        Map<String, String> causeByRun = causes.stream().collect(Collectors.toMap(CauseMarker::runId,
                c -> String.join("; ", c.changes())));
        java.util.Collections.reverse(runs);
        StringBuilder b = new StringBuilder("<h1>Runs</h1>");
        b.append(filterForm("/", q, filter, params));
        b.append("<p>").append(runs.size()).append(" runs, newest first. Trends: ");
        b.append(q.suites().stream().map(s -> "<a class=\"trend-link\" href=\"/trend?suite=" + Html.url(s) + "\">"
                + Html.esc(s) + "</a>").collect(Collectors.joining(", ")));
        b.append(". <a href=\"/case\">A case's history</a>.</p>");
        b.append("<form method=\"get\" action=\"/compare\" id=\"compare-form\"><table id=\"runs\"><thead><tr>"
                + "<th>baseline</th><th>candidate</th><th>started</th><th>run</th><th>suite</th><th>bundle</th>"
                + "<th>model</th><th>corpora</th><th>commit</th><th>pass</th><th>gate</th><th>changed</th></tr>"
                + "</thead><tbody>");
        for (RunEntry r : runs) {
            b.append("<tr data-run=\"").append(Html.esc(r.runId())).append("\"><td><input type=\"radio\" name=\"a\" "
                    + "value=\"").append(Html.esc(r.runId())).append("\"></td><td><input type=\"radio\" name=\"b\" "
                    + "value=\"").append(Html.esc(r.runId())).append("\"></td>");
            b.append(td(r.startedAt())).append("<td class=\"run-id\">").append(Html.esc(r.runId())).append("</td>")
                    .append(td(r.suite())).append(td(r.bundle())).append(td(r.modelName()))
                    .append(td(r.corpusVersions()))
                    .append(td((r.gitCommit() == null ? "" : r.gitCommit().substring(0, Math.min(8,
                            r.gitCommit().length()))) + (r.gitBranch() == null ? "" : " " + r.gitBranch())));
            b.append("<td class=\"num\">").append(Html.percent(r.passRate())).append(" <span class=\"muted\">")
                    .append(r.passed()).append('/').append(r.results()).append("</span></td>");
            b.append(r.gatePassed() == null ? "<td class=\"muted\">-</td>" : r.gatePassed()
                    ? "<td class=\"pass\">passed</td>" : "<td class=\"fail\">FAILED</td>");
            b.append("<td class=\"cause\">").append(Html.esc(causeByRun.getOrDefault(r.runId(), ""))).append("</td>");
            b.append("</tr>");
        }
        b.append("</tbody></table><button type=\"submit\">Compare the two selected runs</button></form>");
        return Html.page("Runs", b.toString());
    }

    String trends(HistoryQueries q, Map<String, String> params) {
        RunFilter filter = filter(params, DEFAULT_LIMIT);
        String suite = filter.suite();
        if (suite == null) {
            List<RunEntry> latest = q.runs(filter.withLimit(1));
            if (latest.isEmpty()) {
                return Html.page("Trends", "<h1>Trends</h1><p>No recorded runs.</p>");
            }
            suite = latest.get(0).suite();
            filter = new RunFilter(suite, filter.branch(), filter.model(), filter.bundle(), filter.limit());
        }
        DriftReport report = drift.detect(q, filter);
        List<String> metrics = params.containsKey("metric") ? List.of(params.get("metric")) : q.metricNames(filter);
        StringBuilder b = new StringBuilder("<h1>Trends of ").append(Html.esc(suite)).append("</h1>");
        b.append(filterForm("/trend", q, filter, params));
        b.append("<p>").append(report.runs().size()).append(" runs, oldest to newest. The band is each run's 95% "
                + "interval; red marks are drift (a step beyond the interval of the difference, or a trend over "
                + "the last ").append(drift.settings().window()).append(" runs), purple rules a change of model, "
                + "corpus or bundle. Level ").append(drift.settings().level()).append(".</p>");
        for (String metric : metrics) {
            List<MetricPoint> series = q.series(filter, metric);
            b.append("<section class=\"chart\"><h3>").append(Html.esc(metric)).append("</h3>")
                    .append(TrendChart.svg(metric, series, report.findings(metric), report.causes()))
                    .append("</section>");
        }
        b.append("<h2>Drift findings</h2>");
        if (report.findings().isEmpty()) {
            b.append("<p id=\"no-findings\">None at level ").append(drift.settings().level()).append(".</p>");
        } else {
            b.append("<table id=\"findings\"><thead><tr><th>run</th><th>kind</th><th>metric</th><th>finding</th>"
                    + "</tr></thead><tbody>");
            List<DriftFinding> sorted = new ArrayList<>(report.findings());
            sorted.sort(Comparator.comparing(DriftFinding::runId).reversed());
            for (DriftFinding f : sorted) {
                b.append("<tr class=\"").append(f.worse() ? "finding" : "").append("\">").append(td(f.runId()))
                        .append(td(f.kind().name().toLowerCase(Locale.ROOT))).append(td(f.metric()))
                        .append(td(f.description())).append("</tr>");
            }
            b.append("</tbody></table>");
        }
        if (!report.causes().isEmpty()) {
            b.append("<h2>Changes of model, corpus or bundle</h2><ul id=\"causes\">");
            for (CauseMarker c : report.causes()) {
                b.append("<li class=\"cause\">").append(Html.esc(c.runId())).append(": ")
                        .append(Html.esc(String.join("; ", c.changes()))).append("</li>");
            }
            b.append("</ul>");
        }
        return Html.page("Trends of " + suite, b.toString());
    }

    String caseHistory(HistoryQueries q, Map<String, String> params) {
        String key = params.getOrDefault("key", "").trim();
        StringBuilder b = new StringBuilder("<h1>A case's history</h1>");
        b.append("<form class=\"filters\" method=\"get\" action=\"/case\"><label>case (corpus/id or id)<input "
                + "name=\"key\" value=\"").append(Html.esc(key)).append("\" size=\"40\"></label>")
                .append(hidden(params, "suite")).append("<button type=\"submit\">Show</button></form>");
        if (key.isEmpty()) {
            return Html.page("Case history", b.toString());
        }
        RunFilter filter = filter(params, DEFAULT_LIMIT);
        List<CaseEntry> entries = q.caseHistory(filter, key);
        if (entries.isEmpty()) {
            b.append("<p>No recorded run has case <code>").append(Html.esc(key)).append("</code>.</p>");
            return Html.page("Case history", b.toString());
        }
        CaseEntry latest = entries.get(entries.size() - 1);
        Optional<RunEntry> since = q.failingSince(latest.run().suite(), latest.caseKey());
        b.append("<p id=\"since\">").append(since.map(r -> "Failing since run " + Html.esc(r.runId()) + " ("
                + Html.esc(r.startedAt()) + ").").orElse("Passing in the latest run.")).append("</p>");
        b.append("<table id=\"case-history\"><thead><tr><th>started</th><th>run</th><th>verdict</th><th>scores</th>"
                + "<th>output (where it changed)</th></tr></thead><tbody>");
        String previous = null;
        for (CaseEntry e : entries) {
            boolean changed = !e.outputSha256().equals(previous);
            String verdict = e.errored() ? "error" : e.passed() ? "pass" : "fail";
            b.append("<tr data-run=\"").append(Html.esc(e.run().runId())).append("\" data-verdict=\"")
                    .append(verdict).append("\">").append(td(e.run().startedAt())).append(td(e.run().runId()))
                    .append("<td class=\"").append(e.passed() ? "pass" : "fail").append("\">").append(verdict)
                    .append(e.repeats() > 1 ? " " + e.passedRepeats() + "/" + e.repeats() : "").append("</td>")
                    .append(td(e.scores().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(s -> s.getKey() + "=" + Html.num(s.getValue())).collect(Collectors.joining(" "))));
            b.append("<td>");
            if (changed) {
                b.append("<pre class=\"output\">").append(Html.esc(e.output())).append("</pre>");
                if (e.outputChars() > e.output().length()) {
                    b.append("<span class=\"muted\">(first ").append(e.output().length()).append(" of ")
                            .append(e.outputChars()).append(" characters)</span>");
                }
            } else {
                b.append("<span class=\"muted\">unchanged</span>");
            }
            if (e.error() != null) {
                b.append("<div class=\"fail\">").append(Html.esc(e.error())).append("</div>");
            }
            b.append("</td></tr>");
            previous = e.outputSha256();
        }
        b.append("</tbody></table>");
        return Html.page("Case " + key, b.toString());
    }

    String compare(HistoryQueries q, Map<String, String> params) {
        String a = params.getOrDefault("a", "");
        String c = params.getOrDefault("b", "");
        if (a.isEmpty() || c.isEmpty()) {
            return Html.page("Compare", "<h1>Compare two runs</h1><p>Choose a baseline and a candidate on the "
                    + "<a href=\"/\">runs list</a>.</p>");
        }
        RunEntry base = q.requireRun(a);
        RunEntry cand = q.requireRun(c);
        Comparison cmp = new RunComparator(CompareOptions.DEFAULT.withAllowCorpusChange(true)).compare(
                StoredRuns.load(q, base.runId()), StoredRuns.load(q, cand.runId()));
        StringBuilder b = new StringBuilder("<h1>Compare</h1>");
        b.append("<p>baseline <b id=\"baseline\">").append(Html.esc(base.runId())).append("</b> (")
                .append(Html.esc(base.bundle())).append(") \u2192 candidate <b id=\"candidate\">")
                .append(Html.esc(cand.runId())).append("</b> (").append(Html.esc(cand.bundle())).append(")</p>");
        b.append("<p id=\"counts\">");
        for (DiffStatus s : DiffStatus.values()) {
            b.append("<span data-status=\"").append(s.name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(s.name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(": ").append(cmp.count(s))
                    .append("</span>; ");
        }
        b.append("</p>");
        cmp.notes().forEach(n -> b.append("<p class=\"muted\">").append(Html.esc(n)).append("</p>"));
        b.append("<table id=\"metrics\"><thead><tr><th>metric</th><th>baseline</th><th>candidate</th><th>change "
                + "[95% interval]</th><th>paired test</th></tr></thead><tbody>");
        for (MetricDelta d : cmp.metricDeltas()) {
            b.append("<tr data-metric=\"").append(Html.esc(d.metric())).append("\">").append(td(d.metric()))
                    .append("<td class=\"num\">").append(Html.num(d.baseline().mean())).append("</td>")
                    .append("<td class=\"num\">").append(Html.num(d.candidate().mean())).append("</td>")
                    .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%+.3f", d.delta().mean()))
                    .append(Double.isNaN(d.delta().lower()) ? "" : " [" + Html.num(d.delta().lower()) + ", "
                            + Html.num(d.delta().upper()) + "]").append("</td>")
                    .append(td(String.format(Locale.ROOT, "%s p=%.4f (%d better, %d worse of %d)",
                            d.test().method(), d.test().pValue(), d.test().better(), d.test().worse(),
                            d.test().pairs()))).append("</tr>");
        }
        b.append("</tbody></table>");
        List<CaseDiff> changed = cmp.caseDiffs().stream().filter(d -> d.status() != DiffStatus.UNCHANGED_PASS
                && d.status() != DiffStatus.UNCHANGED_FAIL).sorted(Comparator.comparing(CaseDiff::status)
                .thenComparing(CaseDiff::key)).toList();
        b.append("<h2>Changed cases</h2>");
        if (changed.size() > MAX_DIFF_ROWS) {
            b.append("<p class=\"muted\">The first ").append(MAX_DIFF_ROWS).append(" of ").append(changed.size())
                    .append(" are listed.</p>");
        }
        b.append("<table id=\"diffs\"><thead><tr><th>case</th><th>status</th><th>baseline output</th>"
                + "<th>candidate output</th></tr></thead><tbody>");
        for (CaseDiff d : changed.subList(0, Math.min(MAX_DIFF_ROWS, changed.size()))) {
            String status = d.status().name().toLowerCase(Locale.ROOT);
            b.append("<tr class=\"").append(status).append("\" data-case=\"").append(Html.esc(d.key()))
                    .append("\"><td><a href=\"/case?key=").append(Html.url(d.key())).append("&amp;suite=")
                    .append(Html.url(cand.suite())).append("\">").append(Html.esc(d.key())).append("</a></td>")
                    .append(td(status)).append(outcome(d.baseline())).append(outcome(d.candidate())).append("</tr>");
        }
        b.append("</tbody></table>");
        return Html.page("Compare", b.toString());
    }

    private static String outcome(CaseOutcome o) {
        if (o == null) {
            return "<td class=\"muted\">-</td>";
        }
        return "<td><div class=\"muted\">" + o.passed() + "/" + o.repeats() + " passed"
                + (o.failedScorers().isEmpty() ? "" : "; failed: " + Html.esc(String.join(", ", o.failedScorers())))
                + "</div><pre>" + Html.esc(o.error() != null ? "error: " + o.error() : o.output()) + "</pre></td>";
    }

    private static String filterForm(String action, HistoryQueries q, RunFilter filter, Map<String, String> params) {
        StringBuilder b = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"").append(action)
                .append("\"><label>suite<select name=\"suite\"><option value=\"\">any</option>");
        for (String s : q.suites()) {
            b.append("<option value=\"").append(Html.esc(s)).append('"').append(s.equals(filter.suite())
                    ? " selected" : "").append('>').append(Html.esc(s)).append("</option>");
        }
        b.append("</select></label>");
        b.append(input("branch", filter.branch())).append(input("model", filter.model()))
                .append(input("limit", String.valueOf(filter.limit())));
        if (params.containsKey("metric")) {
            b.append(hidden(params, "metric"));
        }
        return b.append("<button type=\"submit\">Filter</button></form>").toString();
    }

    private static String input(String name, String value) {
        return "<label>" + name + "<input name=\"" + name + "\" value=\"" + Html.esc(value == null ? "" : value)
                + "\" size=\"14\"></label>";
    }

    private static String hidden(Map<String, String> params, String name) {
        String v = params.get(name);
        return v == null ? "" : "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.esc(v) + "\">";
    }

    private static String td(String text) {
        return "<td>" + Html.esc(text) + "</td>";
    }

    static RunFilter filter(Map<String, String> params, int defaultLimit) {
        int limit = defaultLimit;
        String given = params.get("limit");
        if (given != null && !given.isBlank()) {
            try {
                limit = Math.max(0, Math.min(10_000, Integer.parseInt(given.trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit must be a whole number, was '" + given + "'");
            }
        }
        return new RunFilter(params.get("suite"), params.get("branch"), params.get("model"), null, limit);
    }
}
