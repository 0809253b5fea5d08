package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.lineage.LineageStep;
import dev.evalgate.engine.ExitCode;

/** import with a mapping, split, sample and freeze chained on the command line; datasets log shows the chain. */
class DatasetsCurationCommandTest {
    @TempDir
    Path dir;

    @Test
    void lineageSurvivesImportSplitSampleAndFreezeAndLogShowsIt() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            rows.append("{\"ticket_id\": \"T-").append(1000 + i).append("\", \"q\": \"Question ").append(i)
                    .append("\", \"answer\": \"Answer ").append(i).append("\", \"category\": \"")
                    .append(i % 2 == 0 ? "billing" : "shipping").append("\"}\n");
        }
        rows.append("{\"ticket_id\": \"T-9999\", \"answer\": \"no question\", \"category\": \"billing\"}\n");
        Path source = dir.resolve("tickets.jsonl");
        CliFixture.write(source, rows.toString());
        String[] importArgs = {"datasets", "import", "--format", "jsonl", source.toString(),
                "--map", "input.question=$.q", "--map", "expected.reference=$.answer", "--map", "tags=$.category",
                "--id", "$.ticket_id", "--out", dir.resolve("tickets").toString(), "--name", "tickets",
                "--version", "1.0.0"};

        CliFixture.Outcome refused = CliFixture.runCli(importArgs);
        assertThat(refused.code()).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(refused.err()).contains("error: " + source + ":61: field 'input.question'",
                "1 bad source row(s); nothing written");

        String[] skipping = java.util.Arrays.copyOf(importArgs, importArgs.length + 1);
        skipping[importArgs.length] = "--skip-bad-rows";
        CliFixture.Outcome imported = CliFixture.runCli(skipping);
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("tickets 1.0.0, 60 cases (1 bad row(s) skipped)");

        CliFixture.Outcome split = CliFixture.runCli("datasets", "split", dir.resolve("tickets").toString(),
                "--splits", "train=0.5,test=0.5", "--seed", "7", "--out", dir.resolve("splits").toString());
        assertThat(split.code()).as(split.err()).isZero();
        assertThat(split.out()).contains("tickets-train", "tickets-test", "billing (30): train ", "/50.0%)");

        Path test = dir.resolve("splits/test");
        CliFixture.Outcome sample = CliFixture.runCli("datasets", "sample", test.toString(), "--n", "5", "--seed",
                "1", "--out", dir.resolve("smoke").toString(), "--version", "1.0.0");
        assertThat(sample.code()).as(sample.err()).isZero();

        Path smoke = dir.resolve("smoke");
        List<String> lines = CliFixture.read(smoke.resolve("cases.jsonl")).lines().toList();
        CliFixture.write(smoke.resolve("cases.jsonl"), String.join("\n", lines.subList(1, lines.size()))
                + "\n{\"id\": \"new-case\", \"input\": {\"question\": \"added by hand\"}}\n");
        assertThat(CliFixture.runCli("datasets", "freeze", smoke.toString()).code())
                .isEqualTo(ExitCode.INPUT_ERROR.code());
        CliFixture.Outcome freeze = CliFixture.runCli("datasets", "freeze", smoke.toString(), "--bump", "minor");
        assertThat(freeze.code()).as(freeze.err()).isZero();
        assertThat(freeze.out()).contains("version 1.0.0 -> 1.1.0", "1 added, 1 removed, 0 changed",
                "added new-case");

        Corpus frozen = CorpusLoader.verifying().load(smoke);
        assertThat(frozen.manifest().lineage().steps()).extracting(LineageStep::operation)
                .containsExactly("import", "split", "sample", "freeze");
        String removed = lines.get(0).substring(7, 13);
        assertThat(frozen.cases()).extracting(EvalCase::id).doesNotContain(removed).contains("new-case");

        CliFixture.Outcome log = CliFixture.runCli("datasets", "log", smoke.toString());
        assertThat(log.code()).as(log.err()).isZero();
        String out = log.out();
        assertThat(out).contains("freeze  tickets-test 1.1.0", "sample  tickets-test 1.0.0",
                "split   tickets-test 1.0.0", "import  tickets 1.0.0", "added (1): new-case",
                "removed (1): " + removed, "seed: 7", "from tickets 1.0.0");
        assertThat(out.indexOf("freeze")).isLessThan(out.indexOf("sample")).isLessThan(out.indexOf("split"));
        assertThat(out.indexOf("split ")).isLessThan(out.indexOf("import"));
    }

    private static final Path HISTORICAL = Path.of("..", "corpora", "historical");

    @Test
    void theShippedHistoricalCorpusValidatesWithItsRecordsAndLogsItsGeneration() throws Exception {
        CliFixture.Outcome validate = CliFixture.runCli("datasets", "validate", HISTORICAL.toString());
        assertThat(validate.code()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("historical 1.0.0, 340 cases", "ok (lineage: 1 step(s), last generate)");

        CliFixture.Outcome log = CliFixture.runCli("datasets", "log", HISTORICAL.toString());
        assertThat(log.code()).as(log.err()).isZero();
        assertThat(log.out()).contains("generate historical 1.0.0", "from quickstart 1.0.0",
                "generator: corpora/historical/generate.py", "seed: 20260315", "added (340): refund-window");

        // the seed recorded is the generator's
        assertThat(CliFixture.read(HISTORICAL.resolve("generate.py"))).contains("\nSEED = 20260315\n");
        // the parent recorded is the quickstart corpus as shipped
        Corpus quickstart = CorpusLoader.verifying().load(Path.of("..", "examples", "quickstart", "corpus"));
        Corpus historical = CorpusLoader.verifying().load(HISTORICAL);
        assertThat(historical.manifest().lineage().parents()).containsExactly(quickstart.manifest().ref());
        assertThat(dev.evalgate.datasets.tooling.Changelog.read(HISTORICAL)).singleElement().satisfies(entry -> {
            assertThat(entry.previousVersion()).isNull();
            assertThat(entry.added()).containsExactlyElementsOf(historical.cases().stream().map(EvalCase::id)
                    .toList());
        });
    }

    @Test
    void validateRefusesACorpusWhoseFingerprintsOrLineageNoLongerMatchItsCases() throws Exception {
        Path copy = dir.resolve("historical");
        java.nio.file.Files.createDirectories(copy);
        for (String file : List.of("manifest.yaml", "cases.jsonl", "case-fingerprints.tsv", "changelog.jsonl")) {
            java.nio.file.Files.copy(HISTORICAL.resolve(file), copy.resolve(file));
        }
        // a case edited by hand and the pin updated by hand: sha256 agrees, the fingerprints do not
        List<String> lines = new java.util.ArrayList<>(CliFixture.read(copy.resolve("cases.jsonl")).lines().toList());
        lines.set(2, lines.get(2).replace("reset your password", "change your password")
                .replace("Forgot password", "Lost password"));
        CliFixture.write(copy.resolve("cases.jsonl"), String.join("\n", lines) + "\n");
        String sha = dev.evalgate.datasets.ContentHash.sha256(copy.resolve("cases.jsonl"));
        String manifest = CliFixture.read(copy.resolve("manifest.yaml"));
        CliFixture.write(copy.resolve("manifest.yaml"), manifest.replaceFirst("(?m)^sha256: .*$", "sha256: " + sha));

        CliFixture.Outcome stale = CliFixture.runCli("datasets", "validate", copy.toString());
        assertThat(stale.code()).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(stale.err()).contains("lineage", "produced historical 1.0.0 (sha256 1ba0f7d44750)");

        // a freeze records the change: a new version, a freeze step and fresh fingerprints
        CliFixture.write(copy.resolve("manifest.yaml"), manifest);
        assertThat(CliFixture.runCli("datasets", "freeze", copy.toString(), "--bump", "patch").code()).isZero();
        CliFixture.Outcome frozen = CliFixture.runCli("datasets", "validate", copy.toString());
        assertThat(frozen.code()).as(frozen.err()).isZero();
        assertThat(frozen.out()).contains("historical 1.0.1", "last freeze");
        assertThat(CliFixture.runCli("datasets", "log", copy.toString()).out()).contains("changed (1): reset-password");

        // fingerprints out of step with the cases (edited by hand after the freeze) are named by file and line
        List<String> index = new java.util.ArrayList<>(CliFixture.read(copy.resolve("case-fingerprints.tsv"))
                .lines().toList());
        java.util.Collections.swap(index, 3, 4);
        CliFixture.write(copy.resolve("case-fingerprints.tsv"), String.join("\n", index) + "\n");
        CliFixture.Outcome swapped = CliFixture.runCli("datasets", "validate", copy.toString());
        assertThat(swapped.code()).isEqualTo(ExitCode.INPUT_ERROR.code());
        assertThat(swapped.err()).contains("case-fingerprints.tsv:4", "freeze it again");
    }
}
