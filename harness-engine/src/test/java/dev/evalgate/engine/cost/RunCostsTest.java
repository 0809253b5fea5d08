package dev.evalgate.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.gate.ModelPrice;

class RunCostsTest {
    private static final ModelPrice MODEL = new ModelPrice(2.0, 8.0);
    private static final ModelPrice JUDGE = new ModelPrice(1.0, 4.0);

    @Test
    void costsAreSplitIntoTheModelAndEachJudgingScorerAndAddUp() {
        RunPricing pricing = new RunPricing(MODEL, "ollama:judge", JUDGE);
        List<CaseResult> results = List.of(result(1_000, 500, Map.of("rubric", stats(2_000, 100))),
                result(3_000, 1_500, Map.of("rubric", stats(1_000, 100), "leak", stats(500, 50))));

        RunCosts costs = RunCosts.of(results, pricing);

        // model: (4000 * 2 + 2000 * 8) / 1e6 = 0.024
        assertThat(costs.model().getAsDouble()).isCloseTo(0.024, within(1e-12));
        // rubric: (3000 * 1 + 200 * 4) / 1e6; leak: (500 * 1 + 50 * 4) / 1e6
        assertThat(costs.byScorer().get("rubric").getAsDouble()).isCloseTo(0.0038, within(1e-12));
        assertThat(costs.byScorer().get("leak").getAsDouble()).isCloseTo(0.0007, within(1e-12));
        assertThat(costs.total().getAsDouble()).isCloseTo(0.0285, within(1e-12));
        assertThat(costs.perResult(2).getAsDouble()).isCloseTo(0.01425, within(1e-12));
        assertThat(RunCosts.ofResult(results.get(0), pricing).getAsDouble())
                .isCloseTo((1_000 * 2.0 + 500 * 8.0 + 2_000 * 1.0 + 100 * 4.0) / 1e6, within(1e-12));
    }

    @Test
    void aMissingPriceMakesEveryFigureThatNeedsItUnknownNeverZero() {
        List<CaseResult> results = List.of(result(1_000, 500, Map.of("rubric", stats(2_000, 100))));

        RunCosts noJudgePrice = RunCosts.of(results, new RunPricing(MODEL, "ollama:judge", null));
        assertThat(noJudgePrice.model()).isPresent();
        assertThat(noJudgePrice.byScorer().get("rubric")).isEmpty();
        assertThat(noJudgePrice.total()).isEmpty();
        assertThat(RunCosts.format(noJudgePrice.total())).isEqualTo("unknown");

        RunCosts nothing = RunCosts.of(results, RunPricing.UNKNOWN);
        assertThat(nothing.model()).isEmpty();
        assertThat(RunCosts.ofResult(results.get(0), RunPricing.UNKNOWN)).isEmpty();
        // A run without judge calls needs no judge price.
        assertThat(RunCosts.of(List.of(result(10, 10, Map.of())), new RunPricing(MODEL, null, null)).total())
                .isEqualTo(OptionalDouble.of((10 * 2.0 + 10 * 8.0) / 1e6));
    }

    @Test
    void aModelIsFoundByTheNameTheSuiteUsesElseByBackendAndServedModel() {
        Map<String, ModelPrice> table = Map.of("ollama:qwen2.5:0.5b", MODEL, "llamacpp:/models/judge.gguf", JUDGE);
        RunPricing byName = RunPricing.of(table, "ollama:qwen2.5:0.5b", new ModelInfo("ollama", "qwen2.5:0.5b",
                "", 0), "llamacpp:/models/judge.gguf");
        assertThat(byName.model()).isEqualTo(MODEL);
        assertThat(byName.judge()).isEqualTo(JUDGE);
        RunPricing served = RunPricing.of(table, "llamacpp:qwen2.5-0.5b-instruct", new ModelInfo("ollama",
                "qwen2.5:0.5b", "", 0), null);
        assertThat(served.model()).isEqualTo(MODEL);
        assertThat(served.judgeModel()).isNull();
        assertThat(RunPricing.of(table, "openai:gpt-x", new ModelInfo("openai", "gpt-x", "", 0), "x:y").modelPrice())
                .isEmpty();
    }

    private static CaseResult result(int prompt, int completion, Map<String, CallStats> judges) {
        return new CaseResult("c", "id-" + prompt, 0, "run/c/id#0", List.of(), "p", "o", false,
                new CallStats(prompt, completion, 10, null, "stop", 1, 0), List.of(), null, 0, false, judges);
    }

    private static CallStats stats(int prompt, int completion) {
        return new CallStats(prompt, completion, 5, null, "stop", 1, 0);
    }
}
