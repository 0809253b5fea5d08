package dev.evalgate.cli;

import java.io.PrintWriter;
import java.util.Locale;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.ScorerSummary;
import dev.evalgate.engine.cost.RunCosts;
import dev.evalgate.reports.model.IfEvalFigures;

/** The few lines a person reads at the end of a run in a terminal or CI log. */
final class RunSummaryPrinter {
    private RunSummaryPrinter() {
    }

    static void print(RunResult result, PrintWriter out) {
        RunSummary s = result.summary();
        out.printf(Locale.ROOT, "run %s: %d results, %d passed (%.1f%%), %d errored%n", result.spec().runId(),
                s.results(), s.passed(), 100 * s.passRate(), s.errored());
        for (ScorerSummary scorer : s.scorers()) {
            out.printf(Locale.ROOT, "  %-24s pass %5.1f%%  mean %.3f  (%d scored%s)%n", scorer.name(),
                    100 * scorer.passRate(), scorer.mean(), scorer.scored(),
                    scorer.undecided() > 0 ? ", " + scorer.undecided() + " undecided" : "");
        }
        for (IfEvalFigures f : IfEvalFigures.of(result.results())) {
            out.printf(Locale.ROOT, "  %-24s IFEval prompt-level strict %.2f%%, instruction-level strict %.2f%%,"
                            + " prompt-level loose %.2f%%, instruction-level loose %.2f%% (%d prompts, %d"
                            + " instructions)%n", f.scorer(), 100 * f.promptLevelStrict(),
                    100 * f.instructionLevelStrict(), 100 * f.promptLevelLoose(), 100 * f.instructionLevelLoose(),
                    f.prompts(), f.instructions());
        }
        out.printf(Locale.ROOT, "  model %s:%s loaded in %d ms; %d calls (%d from cache), %d+%d tokens, "
                        + "%s, latency p50 %.1f ms p95 %.1f ms; wall %.1f s%n",
                result.spec().model().backend(), result.spec().model().model(), s.modelLoadMs(), s.modelCalls(),
                s.cachedCalls(), s.promptTokens(), s.completionTokens(),
                s.tokensPerSecond() > 0 ? String.format(Locale.ROOT, "%.0f tokens/s", s.tokensPerSecond())
                        : "no tokens generated", s.latencyP50Ms(), s.latencyP95Ms(), s.wallMs() / 1000.0);
        if (s.repairAttempts() > 0 || s.fallbacks() > 0) {
            out.printf(Locale.ROOT, "  repair attempts %d, fallbacks %d%n", s.repairAttempts(), s.fallbacks());
        }
        out.println("  " + costLine(result));
        out.println("  results: " + result.directory());
        out.flush();
    }

    /** The run's cost at the suite's prices: total, per result, model and each judging scorer; unknown, never 0. */
    static String costLine(RunResult result) {
        RunCosts costs = RunCosts.of(result);
        StringBuilder line = new StringBuilder("cost ").append(RunCosts.format(costs.total()));
        line.append(" (per result ").append(RunCosts.format(costs.perResult(result.summary().results())))
                .append("; model ").append(RunCosts.format(costs.model()));
        costs.byScorer().forEach((scorer, cost) -> line.append(", judge for ").append(scorer).append(' ')
                .append(RunCosts.format(cost)));
        line.append(')');
        if (costs.total().isEmpty()) {
            line.append(": add the models' prices under gate.prices in the suite");
        }
        return line.toString();
    }
}
