package dev.evalgate.judges.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalgate.engine.CaseDataException;
import dev.evalgate.engine.CaseFields;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerParams;
import dev.evalgate.engine.ScoringContext;
import dev.evalgate.judges.Excerpt;

/**
 * Closed-QA correctness: the judge decides whether the output answers the question correctly given the case's
 * reference answer(s) ({@code expected.reference} / {@code expected.references}). Optional {@code criteria} add
 * to the instructions (for example "an answer that hedges is incorrect").
 */
public final class LlmClosedQaScorer implements Scorer {
    private final String name;
    private final String criteria;
    private final LlmJudgeProvider.JudgeSettings settings;

    public LlmClosedQaScorer(String name, String criteria, LlmJudgeProvider.JudgeSettings settings) {
        this.name = name;
        this.criteria = criteria;
        this.settings = settings;
    }

    @Override
    public Score score(ScoringContext context) {
        List<String> references;
        try {
            references = CaseFields.requiredReferences(context.evalCase());
        } catch (CaseDataException e) {
            return Score.undecided(name, e.getMessage());
        }
        String question = JudgePrompts.bounded(context.request().lastUserMessage(), settings.maxChars());
        String reference = JudgePrompts.bounded(String.join("\n---\n", references), settings.maxChars());
        String output = JudgePrompts.bounded(context.output(), settings.maxChars());
        DataFence fence = DataFence.around(question, reference, output);
        VerdictFormat format = VerdictFormat.PASS_FAIL;
        String prompt = "Decide whether the assistant's answer to the question is correct, using the reference"
                + " answer" + (references.size() > 1 ? "s (any one of them is acceptable)" : "") + " as the truth."
                + " Wording may differ; facts must agree. An answer that contradicts the reference, or adds a false"
                + " claim about what was asked, fails."
                + (criteria.isBlank() ? "" : "\nAdditional criteria: " + criteria) + "\n\n"
                + "Question:\n" + fence.wrap("QUESTION", question) + "\n\n"
                + "Reference answer:\n" + fence.wrap("REFERENCE", reference) + "\n\n"
                + "Assistant's answer:\n" + fence.wrap("ANSWER", output) + "\n\n"
                + "Reply with only: " + format.shape();
        JudgeCall.Outcome outcome = settings.call().ask(JudgePrompts.system(fence, format), prompt, format);
        if (outcome instanceof JudgeCall.Undecided undecided) {
            return Verdicts.undecided(name, undecided);
        }
        JudgeCall.Decided decided = (JudgeCall.Decided) outcome;
        boolean correct = decided.verdict().value().equals("pass");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(Score.VERDICT, decided.verdict().value());
        details.put("attempts", decided.attempts());
        details.put("reason", Excerpt.of(decided.verdict().reason(), 300));
        return Score.of(name, correct, (correct ? "correct" : "incorrect") + " — judge: "
                + Excerpt.of(decided.verdict().reason(), 200), details);
    }

    public static final class Provider extends LlmJudgeProvider {
        @Override
        public String type() {
            return "llm-closed-qa";
        }

        @Override
        public String description() {
            return "LLM judge of correctness against the case's reference answer (params: criteria, max_tokens,"
                    + " max_chars, calibration_labels, min_kappa)";
        }

        @Override
        protected List<String> ownParameters() {
            return List.of("criteria");
        }

        @Override
        protected Scorer build(ScorerParams params, JudgeSettings settings) {
            return new LlmClosedQaScorer(params.spec().name(), params.string("criteria", ""), settings);
        }
    }
}
