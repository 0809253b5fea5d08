package dev.evalgate.judges.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.review.CalibrationLabels;
import dev.evalgate.datasets.review.ReviewRow;
import dev.evalgate.datasets.review.ReviewSheet;
import dev.evalgate.engine.JudgeModels;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.ScorerSpec;

/** A review sheet applied as labels is a calibration set {@code judges calibrate} reads as it is. */
class ReviewedLabelsCalibrationTest {
    @TempDir
    Path tmp;

    private static ReviewRow labelled(String id, String output, String reference, String label) {
        return new ReviewRow(0, "historical", id, "run-1", "failed", "", "Classify the sentiment.", reference,
                output, label, "", "", "");
    }

    @Test
    void labelsFromAReviewSheetCalibrateAScorer() {
        Path sheet = tmp.resolve("review.csv");
        ReviewSheet.write(sheet, List.of(
                labelled("classify-sentiment-01", "positive", "positive", "pass"),
                labelled("classify-sentiment-02", "negative", "mixed", "fail"),
                labelled("classify-sentiment-03", "Mixed", "mixed", "pass"),
                labelled("classify-sentiment-04", "mixed.", "mixed", "fail")));
        Path labels = tmp.resolve("labels.jsonl");
        CalibrationLabels.write(sheet, ReviewSheet.read(sheet), "Ana", LocalDate.of(2026, 11, 30), labels, false);

        List<HumanLabel> read = HumanLabels.read(labels);
        Scorer exactMatch = ScorerRegistry.load().create(ScorerSpec.of("exact-match", Map.of()), JudgeModels.none());
        Agreement agreement = Calibration.run(exactMatch, read);

        assertThat(read).extracting(HumanLabel::label).containsExactly("pass", "fail", "pass", "fail");
        assertThat(read).extracting(HumanLabel::reference).containsExactly("positive", "mixed", "mixed", "mixed");
        assertThat(agreement.items()).isEqualTo(4);
        // exact-match normalises case and punctuation, so it passes "mixed." where the reviewer failed it
        assertThat(agreement.accuracy()).isEqualTo(0.75);
    }
}
