package dev.evalgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The scale-out path: shards run apart, then merge into one run that the gate can judge. */
class ShardMergeCliTest {
    @TempDir
    Path tmp;

    @Test
    void threeShardsMergeIntoTheWholeRun() throws Exception {
        CliFixture project = new CliFixture(tmp.resolve("p"));
        List<Path> shardRuns = new ArrayList<>();
        int total = 0;
        for (int i = 1; i <= 3; i++) {
            Path out = tmp.resolve("shard-" + i);
            CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--shard", i + "/3",
                    "--out", out.toString(), "--quiet");
            if (outcome.code() == 2 && outcome.err().contains("no cases selected")) {
                continue; // a shard of a 3-case corpus may be empty
            }
            assertThat(outcome.code()).as(outcome.err()).isZero();
            try (Stream<Path> dirs = Files.list(out)) {
                Path run = dirs.findFirst().orElseThrow();
                shardRuns.add(run);
                total += RunStore.read(run).results().size();
            }
        }
        assertThat(total).isEqualTo(3);

        List<String> args = new ArrayList<>(List.of("merge"));
        shardRuns.forEach(r -> args.add(r.toString()));
        args.addAll(List.of("--out", tmp.resolve("merged").toString()));
        CliFixture.Outcome merged = CliFixture.runCli(args.toArray(String[]::new));
        assertThat(merged.code()).as(merged.err()).isZero();

        RunResult run = RunStore.read(tmp.resolve("merged"));
        assertThat(run.results()).extracting(CaseResult::caseId).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(tmp.resolve("merged").resolve("report.html")).isNotEmptyFile();

        if (shardRuns.size() > 1) {
            CliFixture.Outcome partial = CliFixture.runCli("merge", shardRuns.get(0).toString(), "--out",
                    tmp.resolve("partial").toString());
            assertThat(partial.code()).isEqualTo(2);
            assertThat(partial.err()).contains("missing");
        }

        CliFixture.Outcome again = CliFixture.runCli(args.toArray(String[]::new));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("a run already exists here");
    }

    @Test
    void aResumedShardFinishesTheShardItStarted() throws Exception {
        CliFixture project = new CliFixture(tmp.resolve("p"));
        Path out = tmp.resolve("runs");
        int index = 1;
        CliFixture.Outcome first = null;
        for (; index <= 2; index++) {
            first = project.run("run", project.suite.toString(), "--shard", index + "/2", "--out", out.toString(),
                    "--quiet");
            if (first.code() == 0) {
                break;
            }
        }
        assertThat(first.code()).as(first.err()).isZero();
        Path run;
        try (Stream<Path> dirs = Files.list(out)) {
            run = dirs.findFirst().orElseThrow();
        }
        int shardResults = RunStore.read(run).results().size();

        CliFixture.Outcome resumed = project.run("run", "--resume", run.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(RunStore.read(run).results()).hasSize(shardResults);

        CliFixture.Outcome widened = project.run("run", "--resume", run.toString(), "--shard", "1/1", "--quiet");
        assertThat(widened.code()).isEqualTo(2);
        assertThat(widened.err()).contains("the run was started with --shard " + index + "/2");
    }

    @Test
    void aBadShardIsAnInputError() {
        CliFixture project = new CliFixture(tmp.resolve("p"));
        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--shard", "4/3");
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err()).contains("--shard").contains("1 <= i <= n");
    }
}
