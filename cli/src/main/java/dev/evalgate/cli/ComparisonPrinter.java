package dev.evalgate.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.evalgate.engine.compare.CaseDiff;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.DiffStatus;
import dev.evalgate.engine.compare.MetricDelta;

/**
 * Prints a comparison for a developer: every metric with its difference and whether that difference is real or
 * noise, then every case that changed. Unchanged cases are counted, not listed.
 */
final class ComparisonPrinter {
    private static final List<DiffStatus> CHANGES = List.of(DiffStatus.REGRESSED, DiffStatus.FIXED,
            DiffStatus.FLAKY, DiffStatus.NEW, DiffStatus.REMOVED);

    private static final int MAX_SCORE_MOVES = 20;

    private ComparisonPrinter() {
    }

    static void print(Comparison c, double level, PrintWriter out) {
        out.printf(Locale.ROOT, "%s (baseline, run %s)  vs  %s (candidate, run %s)%n", c.baseline().bundle(),
                c.baseline().runId(), c.candidate().bundle(), c.candidate().runId());
        ComparedRunsPrinter.print(c, out);
        out.printf(Locale.ROOT, "%-22s %9s %9s %9s  %-22s %-24s %s%n", "metric", "baseline", "candidate", "delta",
                "95% CI of delta", "test", "verdict");
        for (MetricDelta m : c.metricDeltas()) {
            String verdict = m.significantRegression(level) ? "worse (real, p < " + level + ")"
                    : m.significantImprovement(level) ? "better (real, p < " + level + ")"
                    : m.test().better() + m.test().worse() == 0 ? "same" : "noise (p >= " + level + ")";
            if (!m.trusted()) {
                verdict += ", untrusted judge";
            }
            out.printf(Locale.ROOT, "%-22s %9.3f %9.3f %+9.3f  %-22s %-24s %s%n", cut(m.metric(), 22),
                    m.baseline().mean(), m.candidate().mean(), m.delta().mean(), interval(m),
                    m.test().method() + " p=" + p(m.test().pValue()), verdict);
        }
        c.metricDeltas().stream().map(MetricDelta::delta).filter(e -> e.hasInterval()).findFirst()
                .ifPresent(e -> out.printf(Locale.ROOT, "verdicts come from the paired test; the CI is a percentile "
                                + "bootstrap of %,d resamples, its ends within +-%.4f (95%% Monte Carlo error, "
                                + "largest over the metrics)%n", e.resamples(),
                        c.metricDeltas().stream().mapToDouble(m -> m.delta().monteCarloError())
                                .filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN)));
        out.printf(Locale.ROOT, "cases: %d worse, %d better, %d flaky, %d same (%d pass, %d fail), %d new, "
                        + "%d removed%n", c.count(DiffStatus.REGRESSED), c.count(DiffStatus.FIXED),
                c.count(DiffStatus.FLAKY), c.count(DiffStatus.UNCHANGED_PASS) + c.count(DiffStatus.UNCHANGED_FAIL),
                c.count(DiffStatus.UNCHANGED_PASS), c.count(DiffStatus.UNCHANGED_FAIL), c.count(DiffStatus.NEW),
                c.count(DiffStatus.REMOVED));
        for (DiffStatus status : CHANGES) {
            for (CaseDiff d : c.cases(status)) {
                out.printf(Locale.ROOT, "  %-9s %s%s%n", label(status), d.key(), detail(d));
            }
        }
        printScoreChanges(c, out);
        c.notes().forEach(note -> out.println("note: " + note));
        out.flush();
    }

    /**
     * Cases whose verdict stayed the same but whose scores moved (a better F1 that is still below its threshold),
     * largest moves first; the rest are counted.
     */
    private static void printScoreChanges(Comparison c, PrintWriter out) {
        record Move(String key, String scorer, double before, double after) {
        }
        List<Move> moves = new ArrayList<>();
        for (CaseDiff d : c.caseDiffs()) {
            if (d.status() != DiffStatus.UNCHANGED_PASS && d.status() != DiffStatus.UNCHANGED_FAIL) {
                continue;
            }
            d.candidate().scores().forEach((scorer, after) -> {
                Double before = d.baseline().scores().get(scorer);
                if (before != null && Math.abs(after - before) > 1e-9) {
                    moves.add(new Move(d.key(), scorer, before, after));
                }
            });
        }
        moves.sort(Comparator.comparingDouble((Move m) -> -Math.abs(m.after() - m.before())));
        for (Move m : moves.subList(0, Math.min(MAX_SCORE_MOVES, moves.size()))) {
            out.printf(Locale.ROOT, "  %-9s %s  %s %.3f -> %.3f%n", m.after() > m.before() ? "higher" : "lower",
                    m.key(), m.scorer(), m.before(), m.after());
        }
        if (moves.size() > MAX_SCORE_MOVES) {
            out.printf(Locale.ROOT, "  ... and %d more score changes (see comparison.json)%n",
                    moves.size() - MAX_SCORE_MOVES);
        }
    }

    private static String label(DiffStatus status) {
        return switch (status) {
            case REGRESSED -> "worse";
            case FIXED -> "better";
            case FLAKY -> "flaky";
            case NEW -> "new";
            case REMOVED -> "removed";
            case UNCHANGED_PASS, UNCHANGED_FAIL -> "same";
        };
    }

    private static String detail(CaseDiff d) {
        StringBuilder s = new StringBuilder();
        if (d.baseline() != null && d.candidate() != null) {
            s.append(String.format(Locale.ROOT, "  passed %d/%d -> %d/%d", d.baseline().passed(),
                    d.baseline().repeats(), d.candidate().passed(), d.candidate().repeats()));
        }
        if (d.candidate() != null && !d.candidate().failedScorers().isEmpty()) {
            s.append("  failing: ").append(String.join(", ", d.candidate().failedScorers()));
        }
        return s.toString();
    }

    private static String interval(MetricDelta m) {
        if (Double.isNaN(m.delta().lower())) {
            return "-";
        }
        return String.format(Locale.ROOT, "[%+.3f, %+.3f]", m.delta().lower(), m.delta().upper());
    }

    private static String p(double p) {
        return p < 0.0001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "~";
    }
}
