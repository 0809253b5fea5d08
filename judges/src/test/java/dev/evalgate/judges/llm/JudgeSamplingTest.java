package dev.evalgate.judges.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.JudgeSpec;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.judges.Scoring;

/**
 * How the judge samples comes from one place, the suite's {@code judge:} (temperature, seed, reply budget), as the
 * run hands it to scorers; a scorer's own {@code max_tokens} is its reply budget and is not replaced by the suite's.
 */
class JudgeSamplingTest {
    private static final String PASS = "{\"verdict\": \"pass\", \"reason\": \"meets the rubric\"}";
    private static final JudgeSpec SUITE_JUDGE = new JudgeSpec("scripted:judge", new GenerationParams(0.7, 5, 300, 1.0));

    @Test
    void aScorersOwnMaxTokensIsWhatTheJudgeIsAskedFor() {
        ScriptedJudge judge = new ScriptedJudge(r -> PASS);
        JudgeModels models = JudgeModels.of(SUITE_JUDGE, role -> judge);

        Scoring.scorer("llm-rubric", Map.of("rubric", "Answers politely", "max_tokens", 64), models)
                .score(Scoring.context("Hello, how can I help?"));

        ModelRequest request = judge.requests.get(0);
        assertThat(request.params().maxTokens()).isEqualTo(64);
        assertThat(request.params().temperature()).isEqualTo(0.7);
        assertThat(request.params().seed()).isEqualTo(5);
    }

    @Test
    void withoutItTheSuitesJudgeBudgetApplies() {
        ScriptedJudge judge = new ScriptedJudge(r -> PASS);
        JudgeModels models = JudgeModels.of(SUITE_JUDGE, role -> judge);

        Scoring.scorer("llm-rubric", Map.of("rubric", "Answers politely"), models)
                .score(Scoring.context("Hello, how can I help?"));

        assertThat(judge.requests.get(0).params()).isEqualTo(SUITE_JUDGE.params());
    }
}
