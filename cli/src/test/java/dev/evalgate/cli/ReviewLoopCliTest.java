package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.lineage.LineageStep;

/**
 * The curation loop on the shipped historical corpus, in-process through the CLI: two recorded runs of the example
 * suite, {@code datasets sample --from-runs} picking what failed, flipped or regressed, {@code datasets review}
 * exporting a sheet, a reviewer filling it in, and {@code --apply} bringing it back as a new corpus version or as
 * calibration labels that {@code judges calibrate} reads.
 */
class ReviewLoopCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HISTORICAL = Path.of("").toAbsolutePath().getParent().resolve("corpora/historical");
    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/historical");
    /** Classification cases: the first fails in run A only, the second in both, the third in run B only. */
    private static final String FIXED = "classify-intent-01-59e8d012";
    private static final String BROKEN = "classify-intent-02-d556eba6";
    private static final String REGRESSED = "classify-intent-03-f5253e92";

    @TempDir
    Path tmp;
    Path corpus;
    Path runA;
    Path runB;

    @BeforeEach
    void twoRecordedRuns() throws IOException {
        corpus = tmp.resolve("historical");
        Files.createDirectories(corpus);
        for (String name : List.of("manifest.yaml", "cases.jsonl")) {
            Files.copy(HISTORICAL.resolve(name), corpus.resolve(name));
        }
        Path project = tmp.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve("suite.yaml"), Files.readString(EXAMPLE.resolve("suite.yaml"))
                .replace("../../corpora/historical", corpus.toString()));
        runA = run(project, "a", Set.of(FIXED, BROKEN));
        runB = run(project, "b", Set.of(BROKEN, REGRESSED));
    }

    /** A run whose outputs are the references, except "billing" for the given cases (whose label is another). */
    private Path run(Path project, String name, Set<String> wrong) throws IOException {
        List<String> outputs = new ArrayList<>();
        for (EvalCase c : CorpusLoader.verifying().load(corpus).cases()) {
            Object output = wrong.contains(c.id()) ? "other" : c.expected().get("reference");
            outputs.add(JSON.writeValueAsString(Map.of("id", c.id(), "output", output)));
        }
        Files.write(project.resolve("outputs-" + name + ".jsonl"), outputs, StandardCharsets.UTF_8);
        Files.writeString(project.resolve("bundle.yaml"), Files.readString(EXAMPLE.resolve("bundle.yaml"))
                .replace("model: llamacpp:qwen2.5-0.5b-instruct", "model: replay:outputs-" + name + ".jsonl"));
        Path runs = tmp.resolve("runs-" + name);
        CliFixture.Outcome outcome = CliFixture.runCli("run", project.resolve("suite.yaml").toString(), "--out",
                runs.toString(), "--history", "off", "--no-cache", "--quiet");
        assertThat(outcome.code()).as(outcome.err()).isIn(0, 1);
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void sampleFromRunsPicksWhatFailedFlippedOrRegressed() {
        Path review = tmp.resolve("review-corpus");
        CliFixture.Outcome sampled = CliFixture.runCli("datasets", "sample", corpus.toString(), "--from-runs",
                runB.toString(), runA.toString(), "--baseline", runA.toString(), "--out", review.toString());

        assertThat(sampled.code()).as(sampled.err()).isZero();
        assertThat(sampled.out()).contains("3 case(s) flagged in 2 run(s)").contains("failed: 2")
                .contains("flipped: 2").contains("regressed: 1");
        Corpus written = CorpusLoader.verifying().load(review);
        assertThat(written.cases()).extracting(EvalCase::id).containsExactly(FIXED, BROKEN, REGRESSED);
        assertThat(written.cases().stream().map(c -> (Object) ((Map<?, ?>) c.metadata().get("sampled_from_runs"))
                .get("reasons")).toList()).isEqualTo(List.of(List.of("flipped"), List.of("failed"),
                List.of("failed", "flipped", "regressed")));
        Corpus parent = CorpusLoader.verifying().load(corpus);
        assertThat(written.cases().get(0).expected()).isEqualTo(parent.cases().stream()
                .filter(c -> c.id().equals(FIXED)).findFirst().orElseThrow().expected());
        LineageStep step = written.manifest().lineage().last().orElseThrow();
        assertThat(step.operation()).isEqualTo("sample");
        assertThat(step.parents()).containsExactly(parent.manifest().ref());
        assertThat(step.parameters()).containsKey("from_runs").containsEntry("flagged", 3L);

        Path regressedOnly = tmp.resolve("regressed");
        CliFixture.Outcome regressed = CliFixture.runCli("datasets", "sample", corpus.toString(), "--from-runs",
                runA.toString(), runB.toString(), "--pick", "regressed", "--baseline", runA.toString(), "--out",
                regressedOnly.toString());
        assertThat(regressed.code()).as(regressed.err()).isZero();
        assertThat(CorpusLoader.verifying().load(regressedOnly).cases()).extracting(EvalCase::id)
                .containsExactly(REGRESSED);

        CliFixture.Outcome badPick = CliFixture.runCli("datasets", "sample", corpus.toString(), "--from-runs",
                runA.toString(), "--pick", "worse", "--out", tmp.resolve("x").toString());
        assertThat(badPick.code()).isEqualTo(2);
        assertThat(badPick.err()).contains("--pick").contains("worse");
    }

    @Test
    void aReviewedSheetBecomesANewCorpusVersion() throws IOException {
        Path sheet = tmp.resolve("review.jsonl");
        CliFixture.Outcome exported = CliFixture.runCli("datasets", "review", runB.toString(), "--corpus",
                corpus.toString(), "--tag", "classification", "--failed", "--out", sheet.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("2 case(s) of historical 1.0.0");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(sheet)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = JSON.readValue(line, LinkedHashMap.class);
            rows.add(row);
        }
        assertThat(rows).extracting(r -> r.get("case_id")).containsExactly(BROKEN, REGRESSED);
        assertThat(rows.get(0)).containsEntry("verdict", "failed").containsEntry("output", "other")
                .containsEntry("corpus", "historical");
        assertThat((String) rows.get(0).get("scores")).contains("label 0.000 fail");
        assertThat((String) rows.get(0).get("input")).contains("Classify the customer's message");

        // the reviewer: one wrong reference corrected, one output accepted as it is
        rows.get(0).put("label", "fail");
        rows.get(0).put("corrected_reference", "delivery");
        rows.get(0).put("note", "a late parcel is a delivery question");
        rows.get(1).put("label", "pass");
        rows.get(1).put("reviewer", "Kofi");
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            lines.add(JSON.writeValueAsString(row));
        }
        Files.write(sheet, lines, StandardCharsets.UTF_8);

        Path reviewed = tmp.resolve("reviewed");
        CliFixture.Outcome applied = CliFixture.runCli("datasets", "review", "--apply", sheet.toString(), "--corpus",
                corpus.toString(), "--reviewer", "Ana Sousa", "--date", "2026-11-30", "--out", reviewed.toString());
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("historical 1.1.0 (from 1.0.0)").contains("1 reference(s) corrected")
                .contains("1 output(s) accepted").contains("reviewed by Ana Sousa, Kofi on 2026-11-30");
        assertThat(CliFixture.runCli("datasets", "validate", reviewed.toString()).code()).isZero();
        Corpus after = CorpusLoader.verifying().load(reviewed);
        EvalCase broken = after.cases().stream().filter(c -> c.id().equals(BROKEN)).findFirst().orElseThrow();
        assertThat(broken.expected().get("reference")).isEqualTo("delivery");
        assertThat(broken.metadata().get("review")).isEqualTo(Map.of("reviewer", "Ana Sousa", "reviewed_at",
                "2026-11-30", "label", "fail", "note", "a late parcel is a delivery question", "run",
                runB.getFileName().toString(), "previous_reference", "billing"));
        EvalCase accepted = after.cases().stream().filter(c -> c.id().equals(REGRESSED)).findFirst().orElseThrow();
        assertThat(accepted.expected().get("reference")).isEqualTo("other");
        assertThat(after.manifest().lineage().last().orElseThrow().operation()).isEqualTo("review");

        CliFixture.Outcome diff = CliFixture.runCli("datasets", "diff", corpus.toString(), reviewed.toString());
        assertThat(diff.out()).contains("0 added, 0 removed, 2 changed");
    }

    @Test
    void aBadReviewRowIsRefusedWithFileLineAndColumnAndNothingIsWritten() throws IOException {
        Path sheet = tmp.resolve("review.csv");
        CliFixture.Outcome exported = CliFixture.runCli("datasets", "review", runB.toString(), "--corpus",
                corpus.toString(), "--ids", BROKEN + "," + REGRESSED, "--out", sheet.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        String text = Files.readString(sheet);
        // a reviewer types "wrong" into the label column of the second row, which starts on the line after the
        // first row's last (prompts hold line breaks, so a row spans several lines)
        String[] records = text.split("\r\n");
        assertThat(records).hasSize(3);
        int secondRowLine = (records[0] + "\n" + records[1]).split("\n", -1).length + 1;
        records[2] = records[2].replaceAll(",\"\",\"\",\"\",\"\"$", ",\"wrong\",\"\",\"\",\"Kofi\"");
        Files.writeString(sheet, String.join("\r\n", records) + "\r\n");

        Path reviewed = tmp.resolve("reviewed");
        CliFixture.Outcome applied = CliFixture.runCli("datasets", "review", "--apply", sheet.toString(), "--corpus",
                corpus.toString(), "--out", reviewed.toString());
        assertThat(applied.code()).isEqualTo(2);
        assertThat(applied.err()).contains("review.csv:" + secondRowLine + ": field 'label'").contains("'wrong'");
        assertThat(reviewed).doesNotExist();
    }

    @Test
    void labelledRowsCalibrateAJudge() throws IOException {
        Path sheet = tmp.resolve("review.jsonl");
        assertThat(CliFixture.runCli("datasets", "review", runB.toString(), "--corpus", corpus.toString(), "--tag",
                "labels:intent", "--out", sheet.toString()).code()).isZero();
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(sheet)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = JSON.readValue(line, LinkedHashMap.class);
            // the reviewer agrees with the run except on one case, where "other" is acceptable too
            boolean pass = row.get("verdict").equals("passed") || row.get("case_id").equals(REGRESSED);
            row.put("label", pass ? "pass" : "fail");
            lines.add(JSON.writeValueAsString(row));
        }
        Files.write(sheet, lines, StandardCharsets.UTF_8);
        Path labels = tmp.resolve("labels.jsonl");

        CliFixture.Outcome applied = CliFixture.runCli("datasets", "review", "--apply", sheet.toString(), "--corpus",
                corpus.toString(), "--reviewer", "Ana", "--labels-out", labels.toString());
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("48 calibration label(s)");
        assertThat(Files.readAllLines(labels).get(0)).contains("\"reviewer\":\"Ana\"").contains("\"reviewed_at\":");

        CliFixture.Outcome calibrated = CliFixture.runCli("judges", "calibrate", "--labels", labels.toString(),
                "--scorer", "exact-match", "--json");
        assertThat(calibrated.code()).as(calibrated.err()).isZero();
        Map<?, ?> agreement = JSON.readValue(calibrated.out(), Map.class);
        assertThat(agreement.get("items")).isEqualTo(48);
        assertThat((Double) agreement.get("accuracy")).isEqualTo(47.0 / 48);
    }

    @Test
    void aRunsResultsImportWithTheirCasesInputVariablesSoTheyRenderUnderANewTemplate() throws IOException {
        Path imported = tmp.resolve("from-run");
        CliFixture.Outcome outcome = CliFixture.runCli("datasets", "import", "--format", "evalgate-results",
                runA.toString(), "--out", imported.toString(), "--name", "reviewed", "--version", "1.0.0");
        assertThat(outcome.code()).as(outcome.err()).isZero();

        Map<String, EvalCase> original = new LinkedHashMap<>();
        CorpusLoader.verifying().load(corpus).cases().forEach(c -> original.put(c.id(), c));
        List<EvalCase> cases = CorpusLoader.verifying().load(imported).cases();
        assertThat(cases).hasSize(original.size());
        for (EvalCase c : cases) {
            // the corpus's variables (instruction and text), not the prompt the bundle's template rendered
            assertThat(c.input()).as(c.id()).isEqualTo(original.get(c.id()).input()).containsKeys("instruction",
                    "text");
            assertThat(c.metadata()).containsEntry("input_from", "corpus historical 1.0.0");
        }
        EvalCase broken = cases.stream().filter(c -> c.id().equals(BROKEN)).findFirst().orElseThrow();
        assertThat(broken.expected()).containsEntry("reference", "other");

        // the corpus edited since the run: its variables are no longer the run's, so the rendered prompt is used
        Files.writeString(corpus.resolve("manifest.yaml"), Files.readString(corpus.resolve("manifest.yaml"))
                .replace("version: 1.0.0", "version: 1.0.1"));
        Path fallback = tmp.resolve("from-run-later");
        CliFixture.Outcome later = CliFixture.runCli("datasets", "import", "--format", "evalgate-results",
                runA.toString(), "--out", fallback.toString(), "--name", "reviewed", "--version", "1.0.0");
        assertThat(later.code()).as(later.err()).isZero();
        assertThat(later.err()).contains("case(s) take the rendered prompt as input", "is now 1.0.1",
                "not the 1.0.0");
        EvalCase first = CorpusLoader.verifying().load(fallback).cases().get(0);
        assertThat(first.input()).containsOnlyKeys("input");
        assertThat(first.metadata()).containsEntry("input_from", "rendered prompt");
    }

    @Test
    void aReviewSheetOfSeveralRunsAndRepeatsShowsEachRunsVerdictAndAFailingOutput() throws IOException {
        // a third run, each case three times
        Path project = tmp.resolve("project");
        Files.writeString(project.resolve("suite.yaml"), Files.readString(project.resolve("suite.yaml"))
                .replace("repeats: 1", "repeats: 3"));
        Path runC = run(project, "c", Set.of(BROKEN));
        Path sheet = tmp.resolve("review-runs.jsonl");
        CliFixture.Outcome exported = CliFixture.runCli("datasets", "review", runC.toString(), runB.toString(),
                runA.toString(), "--corpus", corpus.toString(), "--tag", "classification", "--failed", "--out",
                sheet.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(sheet)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = JSON.readValue(line, LinkedHashMap.class);
            rows.add(row);
        }
        // failed in any run: fixed (run A), broken (all), regressed (run B)
        assertThat(rows).extracting(r -> r.get("case_id")).containsExactlyInAnyOrder(FIXED, BROKEN, REGRESSED);
        String a = runA.getFileName().toString();
        String b = runB.getFileName().toString();
        String c = runC.getFileName().toString();
        Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(r.get("case_id"), r));
        assertThat((String) byId.get(BROKEN).get("verdict")).isEqualTo(c + ": failed (3 of 3 repeats failed;"
                + " majority fail, any-fail fail; output of repeat 0); " + b + ": failed; " + a + ": failed");
        assertThat(byId.get(BROKEN)).containsEntry("run", c).containsEntry("output", "other");
        // passed in the newest run, failed in an older one: that run's output is the one to review
        assertThat((String) byId.get(REGRESSED).get("verdict")).startsWith(c + ": passed (0 of 3 repeats failed;"
                + " majority pass, any-fail pass); " + b + ": failed; " + a + ": passed");
        assertThat(byId.get(REGRESSED)).containsEntry("run", b).containsEntry("output", "other");
        assertThat(byId.get(FIXED)).containsEntry("run", a);
        assertThat(exported.out()).contains("from run " + c + ", " + b + ", " + a);
    }
}
