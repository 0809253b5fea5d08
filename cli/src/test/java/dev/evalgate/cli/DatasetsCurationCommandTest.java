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
}
