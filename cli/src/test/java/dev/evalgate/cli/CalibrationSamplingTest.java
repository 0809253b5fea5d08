package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.JudgeSpec;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.ScorerSpec;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.judges.calibration.Calibration;
import dev.evalgate.judges.calibration.HumanLabels;

/**
 * {@code judges calibrate --suite} measures the judge as the gating run uses it: the suite's judge temperature,
 * seed and reply budget, not the scorer's built-in ones.
 */
class CalibrationSamplingTest {
    @TempDir
    Path tmp;

    @Test
    void calibrationSamplesTheJudgeWithTheSuitesSettings() {
        CliFixture project = new CliFixture(tmp.resolve("project"));
        CliFixture.write(project.suite, CliFixture.read(project.suite)
                + "judge: {model: \"ollama:judge\", temperature: 0.6, seed: 9, max_tokens: 200}\n");
        Suite suite = new SuiteLoader(ScorerRegistry.load()).load(project.suite);
        Path labels = tmp.resolve("labels.jsonl");
        CliFixture.write(labels, "{\"input\": \"Capital of France?\", \"output\": \"Paris.\", \"label\": \"pass\"}\n"
                + "{\"input\": \"Capital of France?\", \"output\": \"Lyon.\", \"label\": \"fail\"}\n");
        RecordingJudge judge = new RecordingJudge();

        JudgeSpec calibrated = suite.judge().orElseThrow();
        var scorer = ScorerRegistry.load().create(ScorerSpec.of("llm-rubric", Map.of("rubric", "Names Paris")),
                JudgesCommand.Calibrate.judgeModels(calibrated, spec -> judge));
        Calibration.run(scorer, HumanLabels.read(labels));

        assertThat(judge.requests).hasSize(2).extracting(ModelRequest::params)
                .containsOnly(new GenerationParams(0.6, 9, 200, 1.0));
    }

    private static final class RecordingJudge implements ModelClient {
        final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public ModelInfo info() {
            return new ModelInfo("recording", "judge", "", 0);
        }

        @Override
        public Completion complete(ModelRequest request) {
            requests.add(request);
            String verdict = request.messages().get(0).content().contains("Lyon") ? "fail" : "pass";
            return new Completion("{\"verdict\": \"" + verdict + "\", \"reason\": \"checked\"}", 10, 10,
                    Duration.ofMillis(1), null, "stop");
        }
    }
}
