package dev.evalgate.judges.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.judges.Scoring;

class CalibrationTest {
    @TempDir
    Path dir;

    private static List<String> repeat(String label, int times) {
        return Collections.nCopies(times, label);
    }

    @Test
    void kappaOfTheTextbookExample() {
        // 50 items: both yes 20, human yes / judge no 5, human no / judge yes 10, both no 15.
        List<String> human = new ArrayList<>();
        List<String> judge = new ArrayList<>();
        human.addAll(repeat("pass", 25));
        judge.addAll(repeat("pass", 20));
        judge.addAll(repeat("fail", 5));
        human.addAll(repeat("fail", 25));
        judge.addAll(repeat("pass", 10));
        judge.addAll(repeat("fail", 15));
        Agreement a = Agreement.of(human, judge);
        assertThat(a.items()).isEqualTo(50);
        assertThat(a.accuracy()).isCloseTo(0.7, offset(1e-12));
        assertThat(a.kappa()).isCloseTo(0.4, offset(1e-12));
        assertThat(a.categories()).containsExactly("fail", "pass");
        assertThat(a.confusion()).containsExactly(List.of(15, 10), List.of(5, 20));
        assertThat(a.table()).contains("human \\ judge");
    }

    @Test
    void perfectAndChanceAndUndecided() {
        assertThat(Agreement.of(List.of("pass", "fail"), List.of("pass", "fail")).kappa()).isEqualTo(1.0);
        assertThat(Agreement.of(List.of("pass", "pass"), List.of("pass", "pass")).kappa()).isEqualTo(1.0);
        Agreement withUndecided = Agreement.of(List.of("pass", "fail", "pass"),
                List.of("pass", "fail", Agreement.UNDECIDED));
        assertThat(withUndecided.undecided()).isEqualTo(1);
        assertThat(withUndecided.categories()).containsExactly("fail", "pass", "undecided");
        assertThat(withUndecided.accuracy()).isCloseTo(2.0 / 3, offset(1e-12));
        assertThat(Agreement.of(List.of("pass", "fail"), List.of("fail", "pass")).kappa()).isEqualTo(-1.0);
    }

    private Path labels(String... lines) throws IOException {
        Path file = dir.resolve("labels.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void labelsFileIsReadWithAllLabelKinds() throws IOException {
        Path file = labels(
                "{\"input\": \"Capital of France?\", \"output\": \"Paris\", \"reference\": \"Paris\", \"label\": \"pass\"}",
                "",
                "{\"input\": \"Capital of Spain?\", \"output\": \"Lisbon\", \"label\": false}");
        List<HumanLabel> labels = HumanLabels.read(file);
        assertThat(labels).extracting(HumanLabel::label).containsExactly("pass", "fail");
        assertThat(labels.get(1).line()).isEqualTo(3);
        assertThat(labels.get(0).reference()).isEqualTo("Paris");
        assertThat(HumanLabels.read(labels("{\"input\": \"a\", \"output\": \"b\", \"label\": 4}")).get(0).scale())
                .isTrue();
    }

    @Test
    void labelsFileMistakesNameFileLineAndField() throws IOException {
        assertThatThrownBy(() -> HumanLabels.read(labels("{\"input\": \"a\", \"output\": \"b\", \"label\": \"ok\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("labels.jsonl:1")
                .hasMessageContaining("field 'label'");
        assertThatThrownBy(() -> HumanLabels.read(labels("{\"input\": \"a\", \"output\": \"b\", \"label\": \"pass\"}",
                "{\"output\": \"b\", \"label\": \"pass\"}")))
                .hasMessageContaining("labels.jsonl:2").hasMessageContaining("field 'input'");
        assertThatThrownBy(() -> HumanLabels.read(labels("{\"input\": \"a\", \"output\": \"b\", \"label\": \"pass\"}",
                "{\"input\": \"a\", \"output\": \"b\", \"label\": 3}")))
                .hasMessageContaining("mixes pass/fail and 1-5");
        assertThatThrownBy(() -> HumanLabels.read(labels("not json"))).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> HumanLabels.read(labels("{\"input\": \"a\", \"output\": \"b\", \"label\": \"pass\","
                + " \"lable\": 1}"))).hasMessageContaining("field 'lable'");
        assertThatThrownBy(() -> HumanLabels.read(dir.resolve("missing.jsonl"))).hasMessageContaining("not found");
    }

    @Test
    void calibrationRunsTheScorerOverTheLabels() throws IOException {
        Path file = labels(
                "{\"input\": \"q\", \"output\": \"Paris\", \"label\": \"pass\"}",
                "{\"input\": \"q\", \"output\": \"Lyon\", \"label\": \"fail\"}",
                "{\"input\": \"q\", \"output\": \"Paris!\", \"label\": \"pass\"}",
                "{\"input\": \"q\", \"output\": \"Nice\", \"label\": \"fail\"}");
        Scorer containsParis = ctx -> Score.of("t", ctx.output().contains("Paris"), "", Map.of());
        Agreement a = Calibration.run(containsParis, HumanLabels.read(file));
        assertThat(a.accuracy()).isEqualTo(1.0);
        assertThat(a.kappa()).isEqualTo(1.0);
        Scorer alwaysPass = ctx -> Score.pass("t", "");
        assertThat(Calibration.run(alwaysPass, HumanLabels.read(file)).kappa()).isZero();
    }

    /** A judge model at the boundary that passes whatever contains "Paris", as a rubric judge would be asked. */
    private static ModelClient parisJudge(boolean agreeable) {
        return new ModelClient() {
            @Override
            public ModelInfo info() {
                return new ModelInfo("scripted", "paris-judge", "", 0);
            }

            @Override
            public Completion complete(ModelRequest request) {
                String prompt = request.messages().get(0).content();
                String output = prompt.substring(prompt.indexOf("=====BEGIN OUTPUT"), prompt.indexOf("=====END OUTPUT"));
                boolean pass = agreeable ? output.contains("Paris") : !output.contains("Paris");
                return new Completion("{\"verdict\": \"" + (pass ? "pass" : "fail") + "\", \"reason\": \"r\"}", 1, 1,
                        Duration.ZERO, null, "stop");
            }
        };
    }

    @Test
    void llmScorerBelowTheKappaBarMarksEveryScoreUntrusted() throws IOException {
        Path file = labels(
                "{\"input\": \"q\", \"output\": \"Paris\", \"label\": \"pass\"}",
                "{\"input\": \"q\", \"output\": \"Lyon\", \"label\": \"fail\"}",
                "{\"input\": \"q\", \"output\": \"It is Paris\", \"label\": \"pass\"}",
                "{\"input\": \"q\", \"output\": \"Nice\", \"label\": \"fail\"}");
        Map<String, Object> params = Map.of("rubric", "names Paris", "calibration_labels", file.toString(),
                "min_kappa", 0.5);

        Scorer trusted = Scoring.scorer("llm-rubric", params, role -> parisJudge(true));
        Score good = trusted.score(Scoring.context("Paris"));
        assertThat(good.passed()).isTrue();
        assertThat(good.details()).doesNotContainKey(CalibratedScorer.UNTRUSTED)
                .containsEntry("calibration_kappa", 1.0);

        Scorer contrarian = Scoring.scorer("llm-rubric", params, role -> parisJudge(false));
        Score flagged = contrarian.score(Scoring.context("Paris"));
        assertThat(flagged.details()).containsEntry(CalibratedScorer.UNTRUSTED, true)
                .containsEntry("calibration_kappa", -1.0);
        assertThat(flagged.explanation()).startsWith("[untrusted judge: kappa -1.00 against 4 human labels");
    }

    @Test
    void relativeLabelsPathIsRelativeToTheSuiteFile() throws IOException {
        Files.createDirectories(dir.resolve("suite"));
        Files.writeString(dir.resolve("suite/labels.jsonl"),
                "{\"input\": \"q\", \"output\": \"Paris\", \"label\": \"pass\"}\n");
        var spec = new dev.evalgate.engine.ScorerSpec("judge", "llm-rubric",
                Map.of("rubric", "names Paris", "calibration_labels", "labels.jsonl"),
                new dev.evalgate.engine.SourceLocation(dir.resolve("suite/suite.yaml"), 7, "scorers[0]"));
        Scorer scorer = dev.evalgate.engine.ScorerRegistry.load().create(spec, role -> parisJudge(true));
        assertThat(scorer.score(Scoring.context("Paris")).details()).containsEntry("calibration_items", 1);
    }
}
