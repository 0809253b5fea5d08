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
 * Judges the output against a written rubric, either pass/fail or on a 1–5 scale (value (score − 1) / 4, passing
 * at {@code pass_at}, default 4). The task and the output are fenced as data.
 */
public final class LlmRubricScorer implements Scorer {
    private final String name;
    private final String rubric;
    private final boolean scale;
    private final int passAt;
    private final LlmJudgeProvider.JudgeSettings settings;

    public LlmRubricScorer(String name, String rubric, boolean scale, int passAt,
                           LlmJudgeProvider.JudgeSettings settings) {
        this.name = name;
        this.rubric = rubric;
        this.scale = scale;
        this.passAt = passAt;
        this.settings = settings;
    }

    @Override
    public Score score(ScoringContext context) {
        String task = JudgePrompts.bounded(context.request().lastUserMessage(), settings.maxChars());
        String output = JudgePrompts.bounded(context.output(), settings.maxChars());
        DataFence fence = DataFence.around(task, output);
        VerdictFormat format = scale ? VerdictFormat.SCALE : VerdictFormat.PASS_FAIL;
        String prompt = "Rubric:\n" + rubric + "\n\n"
                + "The task the assistant was given:\n" + fence.wrap("TASK", task) + "\n\n"
                + "The assistant's output:\n" + fence.wrap("OUTPUT", output) + "\n\n"
                + (scale ? "Rate how well the output meets the rubric, from 1 (not at all) to 5 (fully)."
                        : "Does the output meet the rubric? Answer pass or fail.")
                + "\nReply with only: " + format.shape();
        JudgeCall.Outcome outcome = settings.call().ask(JudgePrompts.system(fence, format), prompt, format);
        if (outcome instanceof JudgeCall.Undecided undecided) {
            return Verdicts.undecided(name, undecided);
        }
        JudgeCall.Decided decided = (JudgeCall.Decided) outcome;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempts", decided.attempts());
        details.put("reason", Excerpt.of(decided.verdict().reason(), 300));
        String reason = " — judge: " + Excerpt.of(decided.verdict().reason(), 200);
        if (scale) {
            int score = Integer.parseInt(decided.verdict().value());
            details.put("score", score);
            return new Score(name, (score - 1) / 4.0, score >= passAt, "rubric score " + score + "/5 (pass at "
                    + passAt + ")" + reason, details);
        }
        boolean passed = decided.verdict().value().equals("pass");
        details.put(Score.VERDICT, decided.verdict().value());
        return Score.of(name, passed, "rubric " + decided.verdict().value() + reason, details);
    }

    public static final class Provider extends LlmJudgeProvider {
        @Override
        public String type() {
            return "llm-rubric";
        }

        @Override
        public String description() {
            return "LLM judge against a written rubric (params: rubric, scale pass-fail|1-5, pass_at, max_tokens,"
                    + " max_chars, calibration_labels, min_kappa)";
        }

        @Override
        protected List<String> ownParameters() {
            return List.of("rubric", "scale", "pass_at");
        }

        @Override
        protected Scorer build(ScorerParams params, JudgeSettings settings) {
            String rubric = params.requiredString("rubric");
            if (rubric.isBlank()) {
                throw params.error("rubric", "the rubric is empty; write what a good output does");
            }
            String scale = params.string("scale", "pass-fail");
            if (!scale.equals("pass-fail") && !scale.equals("1-5")) {
                throw params.error("scale", "use 'pass-fail' or '1-5', found '" + scale + "'");
            }
            int passAt = params.integer("pass_at", 4);
            if (passAt < 1 || passAt > 5) {
                throw params.error("pass_at", "must be between 1 and 5, was " + passAt);
            }
            if (params.has("pass_at") && scale.equals("pass-fail")) {
                throw params.error("pass_at", "only applies with scale: 1-5");
            }
            return new LlmRubricScorer(params.spec().name(), rubric, scale.equals("1-5"), passAt, settings);
        }
    }
}
