package dev.evalgate.judges.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScoringContext;
import dev.evalgate.judges.Excerpt;

/**
 * Pairwise preference of the candidate output over the baseline's output for the same case. Judges favour the
 * first (or second) position, so the comparison runs in both orders: the candidate wins only if preferred in both,
 * loses only if the baseline is preferred in both, and anything else is a tie. Value: win 1, tie 0.5, loss 0.
 * A tie passes unless {@code pass_on_tie: false} (a tie means "not worse than the baseline").
 */
public final class LlmPairwiseScorer implements Scorer {
    private static final String DEFAULT_CRITERIA = "Which response answers the task better: more correct, more"
            + " helpful, and more faithful to the task's instructions? Length is not a merit in itself.";

    private final String name;
    private final String criteria;
    private final boolean passOnTie;
    private final LlmJudgeProvider.JudgeSettings settings;

    public LlmPairwiseScorer(String name, String criteria, boolean passOnTie,
                             LlmJudgeProvider.JudgeSettings settings) {
        this.name = name;
        this.criteria = criteria;
        this.passOnTie = passOnTie;
        this.settings = settings;
    }

    private enum Side { CANDIDATE, BASELINE, TIE }

    @Override
    public Score score(ScoringContext context) {
        if (context.baselineOutput().isEmpty()) {
            return Score.undecided(name, "no baseline output for case '" + context.evalCase().id()
                    + "': pairwise judging needs a baseline run (--baseline)");
        }
        String candidate = context.output();
        String baseline = context.baselineOutput().get();
        Map<String, Object> details = new LinkedHashMap<>();
        if (candidate.equals(baseline)) {
            details.put("outcome", "tie");
            details.put("identical", true);
            return new Score(name, 0.5, passOnTie, "tie: the candidate and baseline outputs are identical", details);
        }
        String task = JudgePrompts.bounded(context.request().lastUserMessage(), settings.maxChars());
        JudgeCall.Outcome first = ask(task, candidate, baseline);
        if (first instanceof JudgeCall.Undecided undecided) {
            return Verdicts.undecided(name, undecided);
        }
        JudgeCall.Outcome second = ask(task, baseline, candidate);
        if (second instanceof JudgeCall.Undecided undecided) {
            return Verdicts.undecided(name, undecided);
        }
        VerdictFormat.Verdict v1 = ((JudgeCall.Decided) first).verdict();
        VerdictFormat.Verdict v2 = ((JudgeCall.Decided) second).verdict();
        Side order1 = side(v1.value(), true);
        Side order2 = side(v2.value(), false);
        Side outcome = order1 == order2 ? order1 : Side.TIE;
        details.put("candidate_first", v1.value());
        details.put("baseline_first", v2.value());
        details.put("position_consistent", order1 == order2);
        details.put("outcome", switch (outcome) {
            case CANDIDATE -> "win";
            case BASELINE -> "loss";
            case TIE -> "tie";
        });
        details.put("attempts", first.attempts() + second.attempts());
        details.put("reasons", List.of(Excerpt.of(v1.reason(), 200), Excerpt.of(v2.reason(), 200)));
        String orders = " (candidate shown first: " + describe(order1) + "; baseline shown first: " + describe(order2)
                + ")";
        return switch (outcome) {
            case CANDIDATE -> new Score(name, 1.0, true, "win: candidate preferred in both orders" + orders, details);
            case BASELINE -> new Score(name, 0.0, false, "loss: baseline preferred in both orders" + orders, details);
            case TIE -> new Score(name, 0.5, passOnTie, (order1 == order2 ? "tie: the judge called it even"
                    : "tie: the orders disagree") + orders, details);
        };
    }

    private static String describe(Side side) {
        return switch (side) {
            case CANDIDATE -> "candidate";
            case BASELINE -> "baseline";
            case TIE -> "tie";
        };
    }

    private static Side side(String preference, boolean candidateIsA) {
        if (preference.equals("tie")) {
            return Side.TIE;
        }
        boolean preferA = preference.equals("A");
        return preferA == candidateIsA ? Side.CANDIDATE : Side.BASELINE;
    }

    private JudgeCall.Outcome ask(String task, String responseA, String responseB) {
        String a = JudgePrompts.bounded(responseA, settings.maxChars());
        String b = JudgePrompts.bounded(responseB, settings.maxChars());
        DataFence fence = DataFence.around(task, a, b);
        VerdictFormat format = VerdictFormat.PREFERENCE;
        String prompt = criteria + "\n\n"
                + "The task:\n" + fence.wrap("TASK", task) + "\n\n"
                + "Response A:\n" + fence.wrap("RESPONSE A", a) + "\n\n"
                + "Response B:\n" + fence.wrap("RESPONSE B", b) + "\n\n"
                + "Reply with only: " + format.shape();
        return settings.call().ask(JudgePrompts.system(fence, format), prompt, format);
    }

    public static final class Provider extends LlmJudgeProvider {
        @Override
        public String type() {
            return "llm-pairwise";
        }

        @Override
        public String description() {
            return "LLM preference against the baseline output, both orders (params: criteria, pass_on_tie,"
                    + " max_tokens, max_chars, calibration_labels, min_kappa)";
        }

        @Override
        protected List<String> ownParameters() {
            return List.of("criteria", "pass_on_tie");
        }

        @Override
        protected Scorer build(ScorerParams params, JudgeSettings settings) {
            return new LlmPairwiseScorer(params.spec().name(), params.string("criteria", DEFAULT_CRITERIA),
                    params.bool("pass_on_tie", true), settings);
        }
    }
}
