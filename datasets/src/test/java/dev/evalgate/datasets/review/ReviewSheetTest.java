package dev.evalgate.datasets.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.LineageStep;
import dev.evalgate.datasets.lineage.Operations;
import dev.evalgate.datasets.tooling.CorpusLines;

/**
 * Review sheets written, filled in as a reviewer would (by editing the file's text) and applied to a copy of the
 * shipped historical corpus.
 */
class ReviewSheetTest {
    private static final Path HISTORICAL = Path.of("..", "corpora", "historical");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    @TempDir
    Path tmp;

    /** Hostile outputs: a formula, quotes, a comma, line breaks, a leading apostrophe, non-Latin text. */
    private static final List<String> OUTPUTS = List.of("=HYPERLINK(\"http://attacker.example\",\"x\")",
            "He said \"30 days\", then left.\nSecond line", "'=not a formula", "-12,50 €", "@SUM(A1)",
            "Vous pouvez retourner l'article sous 30 jours.", "田中さん: 返品は30日以内です。");

    private List<ReviewRow> exported(int n) {
        Corpus corpus = CorpusLoader.verifying().load(HISTORICAL);
        List<ReviewRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EvalCase c = corpus.cases().get(i);
            rows.add(ReviewRow.toReview("historical", c.id(), "run-1", "failed", "answer 0.000 fail",
                    c.input().get("instruction") + "\n\n" + c.input().get("text"),
                    String.valueOf(c.expected().get("reference")), OUTPUTS.get(i % OUTPUTS.size())));
        }
        return rows;
    }

    @Test
    void csvAndJsonlSheetsReadBackExactlyWhatWasWritten() {
        List<ReviewRow> rows = exported(7);
        for (String name : List.of("review.csv", "review.jsonl")) {
            Path sheet = tmp.resolve(name);
            ReviewSheet.write(sheet, rows);
            List<ReviewRow> back = ReviewSheet.read(sheet);
            assertThat(back).hasSize(7);
            for (int i = 0; i < 7; i++) {
                assertThat(back.get(i).output()).as(name + " row " + i).isEqualTo(rows.get(i).output());
                assertThat(back.get(i).input()).isEqualTo(rows.get(i).input());
                assertThat(back.get(i).caseId()).isEqualTo(rows.get(i).caseId());
                assertThat(back.get(i).reviewed()).isFalse();
            }
        }
    }

    @Test
    void aSpreadsheetsLineBreakInACellReadsBackAsANewline() {
        Path sheet = tmp.resolve("crlf.csv");
        ReviewRow row = ReviewRow.toReview("historical", "refund-window", "r", "failed", "", "q", "30 days",
                "first\r\nsecond");
        ReviewSheet.write(sheet, List.of(row));
        assertThat(ReviewSheet.read(sheet).get(0).output()).isEqualTo("first\nsecond");
    }

    @Test
    void noCsvCellStartsWithAFormulaCharacter() throws IOException {
        Path sheet = tmp.resolve("review.csv");
        ReviewSheet.write(sheet, exported(7));
        String text = Files.readString(sheet);
        assertThat(text).contains("\"'=HYPERLINK(").contains("\"'-12,50 €\"").contains("\"'@SUM(A1)\"")
                .contains("\"''=not a formula\"").doesNotContain(",\"=").doesNotContain(",\"@");
    }

    @Test
    void applyingASheetWritesANewVersionWithReferencesReviewAndLineage() throws IOException {
        Path corpusDir = copyOfHistorical();
        CorpusLines source = CorpusLines.load(corpusDir);
        Path sheet = tmp.resolve("review.csv");
        List<ReviewRow> filled = new ArrayList<>(exported(4));
        filled.set(0, fill(filled.get(0), "fail", "Within 30 days of delivery.", "too short", ""));
        filled.set(1, fill(filled.get(1), "pass", "", "", "Ana"));
        filled.set(3, fill(filled.get(3), "fail", "", "off topic, again", ""));
        ReviewSheet.write(sheet, filled);

        List<ReviewRow> rows = ReviewSheet.read(sheet);
        ReviewApplication.Outcome outcome = ReviewApplication.apply(source, sheet, rows, "Jonas", DAY);
        ReviewApplication.write(source, outcome, sheet, DAY, tmp.resolve("reviewed"), "1.1.0", false);

        assertThat(outcome.corrected()).isEqualTo(1);
        assertThat(outcome.acceptedOutputs()).isEqualTo(1);
        assertThat(outcome.recordedOnly()).isEqualTo(1);
        assertThat(outcome.notReviewed()).isEqualTo(1);
        assertThat(outcome.reviewers()).containsExactly("Jonas", "Ana");
        Corpus reviewed = CorpusLoader.verifying().load(tmp.resolve("reviewed"));
        assertThat(reviewed.version()).isEqualTo("1.1.0");
        assertThat(reviewed.cases()).hasSize(340);
        EvalCase first = reviewed.cases().get(0);
        assertThat(first.expected().get("reference")).isEqualTo("Within 30 days of delivery.");
        assertThat(first.metadata().get("review")).isEqualTo(Map.of("reviewer", "Jonas", "reviewed_at", "2026-11-30",
                "label", "fail", "note", "too short", "run", "run-1", "previous_reference", "30 days"));
        assertThat(reviewed.cases().get(1).expected().get("reference")).isEqualTo(OUTPUTS.get(1));
        assertThat(reviewed.cases().get(2)).isEqualTo(source.cases().get(2));
        assertThat(reviewed.cases().get(3).expected()).isEqualTo(source.cases().get(3).expected());
        assertThat(reviewed.cases().get(3).metadata().get("review")).isEqualTo(Map.of("reviewer", "Jonas",
                "reviewed_at", "2026-11-30", "label", "fail", "note", "off topic, again", "run", "run-1"));
        // unchanged cases keep their bytes
        assertThat(Files.readAllLines(tmp.resolve("reviewed").resolve("cases.jsonl")).subList(4, 340))
                .isEqualTo(source.lines().subList(4, 340));

        LineageStep step = reviewed.manifest().lineage().last().orElseThrow();
        assertThat(step.operation()).isEqualTo(Operations.REVIEW);
        assertThat(step.parents()).containsExactly(source.corpus().manifest().ref());
        assertThat(step.corpus().version()).isEqualTo("1.1.0");
        assertThat(step.parameters()).containsEntry("reviewers", List.of("Jonas", "Ana"))
                .containsEntry("reviewed_at", "2026-11-30").containsEntry("corrected", 1L)
                .containsEntry("accepted_outputs", 1L).containsKey("sheet_sha256");
    }

    @Test
    void badRowsAreRefusedWithFileLineAndColumn() throws IOException {
        Path corpusDir = copyOfHistorical();
        CorpusLines source = CorpusLines.load(corpusDir);

        Path badLabel = tmp.resolve("bad-label.jsonl");
        Files.writeString(badLabel, "{\"case_id\": \"refund-window\", \"label\": \"ok\"}\n");
        assertThatThrownBy(() -> ReviewSheet.read(badLabel)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad-label.jsonl:1: field 'label'").hasMessageContaining("'ok'");

        Path unknownCase = tmp.resolve("unknown.csv");
        Files.writeString(unknownCase, "corpus,case_id,label,reviewer\nhistorical,refund-window,fail,A\n"
                + "historical,\"multi\nline-id\",fail,A\n");
        List<ReviewRow> rows = ReviewSheet.read(unknownCase);
        assertThatThrownBy(() -> ReviewApplication.apply(source, unknownCase, rows, null, DAY))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown.csv:3: field 'case_id'")
                .hasMessageContaining("no case 'multi\nline-id'");

        Path noReviewer = tmp.resolve("no-reviewer.csv");
        Files.writeString(noReviewer, "case_id,label,corrected_reference\nrefund-window,,30 days from delivery\n");
        assertThatThrownBy(() -> ReviewApplication.apply(source, noReviewer, ReviewSheet.read(noReviewer), null, DAY))
                .hasMessageContaining("no-reviewer.csv:2: field 'reviewer'");

        Path twice = tmp.resolve("twice.csv");
        Files.writeString(twice, "case_id,label\nrefund-window,fail\nshipping-cost,\nrefund-window,pass\n");
        assertThatThrownBy(() -> ReviewApplication.apply(source, twice, ReviewSheet.read(twice), "A", DAY))
                .hasMessageContaining("twice.csv:4: field 'case_id'").hasMessageContaining("already reviewed on line 2");

        Path emptyPass = tmp.resolve("empty-pass.csv");
        Files.writeString(emptyPass, "case_id,output,label\nrefund-window,,pass\n");
        assertThatThrownBy(() -> ReviewApplication.apply(source, emptyPass, ReviewSheet.read(emptyPass), "A", DAY))
                .hasMessageContaining("empty-pass.csv:2: field 'output'");

        Path tooMany = tmp.resolve("too-many.csv");
        Files.writeString(tooMany, "case_id,label\nrefund-window,pass,extra\n");
        assertThatThrownBy(() -> ReviewSheet.read(tooMany)).hasMessageContaining("too-many.csv:2:")
                .hasMessageContaining("3 fields");

        Path unknownColumn = tmp.resolve("unknown-column.csv");
        Files.writeString(unknownColumn, "case_id,verdikt\nrefund-window,pass\n");
        assertThatThrownBy(() -> ReviewSheet.read(unknownColumn))
                .hasMessageContaining("unknown-column.csv:1: field 'verdikt'");

        Path openQuote = tmp.resolve("open-quote.csv");
        Files.writeString(openQuote, "case_id,note\nrefund-window,ok\nshipping-cost,\"never closed\n");
        assertThatThrownBy(() -> ReviewSheet.read(openQuote)).hasMessageContaining("open-quote.csv:3:");
    }

    @Test
    void labelledRowsBecomeACalibrationSetWithReviewerAndDate() throws IOException {
        Path sheet = tmp.resolve("review.jsonl");
        List<ReviewRow> rows = new ArrayList<>(exported(3));
        rows.set(0, withLabel(rows.get(0), "pass", ""));
        rows.set(1, withLabel(rows.get(1), "fail", "Eva"));
        ReviewSheet.write(sheet, rows);

        Path labels = tmp.resolve("labels.jsonl");
        CalibrationLabels.Written written = CalibrationLabels.write(sheet, ReviewSheet.read(sheet), "Jonas", DAY,
                labels, false);

        assertThat(written).isEqualTo(new CalibrationLabels.Written(2, 1));
        List<String> lines = Files.readAllLines(labels);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"id\":\"historical/refund-window\",\"input\":")
                .contains("\"label\":\"pass\",\"reviewer\":\"Jonas\",\"reviewed_at\":\"2026-11-30\"");
        assertThat(lines.get(1)).contains("\"label\":\"fail\"").contains("\"reviewer\":\"Eva\"");

        rows.set(2, withLabel(rows.get(2), "4", ""));
        Path mixed = tmp.resolve("mixed.jsonl");
        ReviewSheet.write(mixed, rows);
        assertThatThrownBy(() -> CalibrationLabels.write(mixed, ReviewSheet.read(mixed), "J", DAY,
                tmp.resolve("mixed-labels.jsonl"), false)).hasMessageContaining("mixed.jsonl:3: field 'label'")
                .hasMessageContaining("mixes");
        assertThatThrownBy(() -> CalibrationLabels.write(sheet, ReviewSheet.read(sheet), "J", DAY, labels, false))
                .hasMessageContaining("--force");
    }

    private static ReviewRow withLabel(ReviewRow row, String label, String reviewer) {
        return fill(row, label, "", "", reviewer);
    }

    private static ReviewRow fill(ReviewRow row, String label, String corrected, String note, String reviewer) {
        return new ReviewRow(0, row.corpus(), row.caseId(), row.run(), row.verdict(), row.scores(), row.input(),
                row.reference(), row.output(), label, corrected, note, reviewer);
    }

    private Path copyOfHistorical() throws IOException {
        Path dir = tmp.resolve("historical");
        Files.createDirectories(dir);
        for (String name : List.of("manifest.yaml", "cases.jsonl")) {
            Files.copy(HISTORICAL.resolve(name), dir.resolve(name));
        }
        return dir;
    }
}
