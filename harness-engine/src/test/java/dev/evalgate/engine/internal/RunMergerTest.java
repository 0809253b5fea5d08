package dev.evalgate.engine.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BaselineOutputs;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.PlannedCase;
import dev.evalgate.engine.RepairPolicy;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSelection;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.Shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunMergerTest {
    @TempDir
    Path tmp;

    @Test
    void shardsMergeIntoOneRunWithEveryCaseOnce() {
        List<PlannedCase> cases = RunnerTest.cases(40);
        for (int i = 1; i <= 3; i++) {
            runShard(cases, new Shard(i, 3), "shard-" + i);
        }
        RunResult merged = RunMerger.merge(List.of(tmp.resolve("shard-1"), tmp.resolve("shard-2"),
                tmp.resolve("shard-3")), tmp.resolve("merged"));

        assertThat(merged.results()).hasSize(40);
        assertThat(merged.results()).extracting(CaseResult::key).doesNotHaveDuplicates();
        assertThat(RunStore.read(tmp.resolve("merged")).results()).hasSize(40);
        assertThat(RunStore.readRecord(tmp.resolve("merged")).status()).isEqualTo(RunRecord.COMPLETED);
        assertThat(merged.summary().results()).isEqualTo(40);
    }

    @Test
    void overlappingShardsAreRefused() {
        List<PlannedCase> cases = RunnerTest.cases(10);
        runShard(cases, new Shard(1, 1), "a");
        runShard(cases, new Shard(1, 2), "b");
        assertThatThrownBy(() -> RunMerger.merge(List.of(tmp.resolve("a"), tmp.resolve("b")), tmp.resolve("m")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is in two shards");
    }

    @Test
    void aMissingShardIsNamedInsteadOfMergingAPartOfTheSuite() {
        List<PlannedCase> cases = RunnerTest.cases(6);
        runRecordedShard(cases, new Shard(1, 3), "s1");
        runRecordedShard(cases, new Shard(3, 3), "s3");
        assertThatThrownBy(() -> RunMerger.merge(List.of(tmp.resolve("s1"), tmp.resolve("s3")), tmp.resolve("m")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("shard 2/3 is missing");
        runRecordedShard(cases, new Shard(2, 3), "s2");
        RunResult merged = RunMerger.merge(List.of(tmp.resolve("s1"), tmp.resolve("s2"), tmp.resolve("s3")),
                tmp.resolve("m"));
        assertThat(merged.results()).hasSize(6);
        assertThat(merged.spec().selection()).isEqualTo(RunSelection.NONE);
    }

    /** A shard whose run records which shard it is, as 'evalgate run --shard' writes it. */
    private void runRecordedShard(List<PlannedCase> cases, Shard shard, String dir) {
        RunSpec base = RunnerTest.spec(1);
        RunSpec spec = new RunSpec(base.runId(), base.suite(), base.suiteFile(), base.startedAt(),
                base.engineVersion(), base.bundle(), base.bundleDigest(), base.model(), base.corpora(),
                base.scorers(), base.repeats(), base.seeds(), base.concurrency(), base.timeoutMs(), base.host(),
                base.java(), base.os(), new RunSelection(null, shard));
        RunPlan plan = new RunPlan(spec, shard.selection().select(cases), RunnerTest.bundle(RepairPolicy.NONE),
                ScriptedModelClient.answering(r -> "ok"), List.of(), Optional.empty(), RetryPolicy.NONE,
                Duration.ofSeconds(5), 1, 1, BaselineOutputs.NONE);
        new Runner(d -> { }).run(plan, RunStore.create(tmp.resolve(dir)), RunListener.NONE);
    }

    private void runShard(List<PlannedCase> cases, Shard shard, String dir) {
        ScriptedModelClient client = ScriptedModelClient.answering(r -> "ok");
        RunPlan plan = new RunPlan(RunnerTest.spec(1), shard.selection().select(cases),
                RunnerTest.bundle(RepairPolicy.NONE), client, List.of(), Optional.empty(), RetryPolicy.NONE,
                Duration.ofSeconds(5), 1, 1, BaselineOutputs.NONE);
        new Runner(d -> { }).run(plan, RunStore.create(tmp.resolve(dir)), RunListener.NONE);
    }
}
