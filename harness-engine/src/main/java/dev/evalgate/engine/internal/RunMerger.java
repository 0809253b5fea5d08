package dev.evalgate.engine.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.Advice;
import dev.evalgate.engine.AdvisedInputException;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSelection;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Setting;

/**
 * Joins the runs of several shards into one run, refusing shards that did not evaluate the same thing (bundle
 * digest, corpora, scorers, repeats, model) or that overlap.
 */
public final class RunMerger {
    private RunMerger() {
    }

    public static RunResult merge(List<Path> shardDirectories, Path outDirectory) {
        if (shardDirectories.isEmpty()) {
            throw new InvalidInputException(null, 0, "RUN_DIR", "give at least one run directory to merge");
        }
        List<RunResult> shards = new ArrayList<>();
        for (Path dir : shardDirectories) {
            shards.add(RunStore.read(dir));
        }
        RunSpec first = shards.get(0).spec();
        Map<String, Path> owner = new HashMap<>();
        int results = 0;
        long wallMs = 0;
        for (int i = 0; i < shards.size(); i++) {
            RunResult shard = shards.get(i);
            Path dir = shardDirectories.get(i);
            requireSame(dir, "bundleDigest", first.bundleDigest(), shard.spec().bundleDigest());
            requireSame(dir, "corpora", first.corpora(), shard.spec().corpora());
            requireSame(dir, "scorers", first.scorers(), shard.spec().scorers());
            requireSame(dir, "repeats", first.repeats(), shard.spec().repeats());
            requireSame(dir, "model.fingerprint", first.model().fingerprint(), shard.spec().model().fingerprint());
            if (!RunRecord.COMPLETED.equals(RunStore.readRecord(dir).status())) {
                throw new AdvisedInputException(dir.resolve(RunStore.RUN_FILE), 0, "status",
                        Advice.text("this shard has not finished; finish it with ").then(Setting.RESUME, dir)
                                .then(" first"), null);
            }
            for (CaseResult result : shard.results()) {
                String task = result.key() + "#" + result.repeat();
                Path earlier = owner.putIfAbsent(task, dir);
                if (earlier != null) {
                    throw new AdvisedInputException(dir.resolve(RunStore.RESULTS_FILE), 0, "caseId", Advice.text(
                            "case " + task + " is in two shards (" + earlier + " and " + dir + "); were the shards"
                                    + " of the same ").then(Setting.SHARD, "i/n").then(" split?"), null);
                }
                results++;
            }
            wallMs = Math.max(wallMs, shard.summary().wallMs());
        }
        owner = null;
        requireEveryShard(shardDirectories, shards, results);
        RunSpec merged = new RunSpec(outDirectory.getFileName().toString(), first.suite(), first.suiteFile(),
                first.startedAt(), first.engineVersion(), first.bundle(), first.bundleDigest(), first.model(),
                first.corpora(), first.scorers(), first.repeats(), first.seeds(), first.concurrency(),
                first.timeoutMs(), first.host(), first.java(), first.os(),
                new RunSelection(first.selection().tier(), null), first.pricing());
        // Checked first, copied second: a merge that is refused writes nothing, and no shard is held in memory.
        StoredResults all;
        RunSummary summary;
        try (RunStore store = RunStore.create(outDirectory)) {
            store.writeRecord(new RunRecord(merged, RunRecord.RUNNING, null));
            StoredResults.Builder lines = new StoredResults.Builder(outDirectory.resolve(RunStore.RESULTS_FILE),
                    results);
            for (RunResult shard : shards) {
                for (CaseResult result : shard.results()) {
                    lines.add(store.appendBuffered(result));
                }
            }
            store.flush();
            all = lines.build();
            summary = RunSummary.of(all, first.model().loadMillis(), wallMs);
            store.writeRecord(new RunRecord(merged, RunRecord.COMPLETED, summary));
        }
        return new RunResult(merged, all, summary, outDirectory);
    }

    /**
     * Shards record which {@code i/n} they are: all must split the same way, and none may be missing, or the merged
     * run would pass a gate on a part of the suite.
     */
    private static void requireEveryShard(List<Path> dirs, List<RunResult> shards, int results) {
        RunSelection first = shards.get(0).spec().selection();
        if (first.shard() == null) {
            return; // runs not started with --shard: only overlap is checked
        }
        Set<Integer> present = new TreeSet<>();
        for (int i = 0; i < shards.size(); i++) {
            RunSelection selection = shards.get(i).spec().selection();
            Path runFile = dirs.get(i).resolve(RunStore.RUN_FILE);
            if (selection.shard() == null || selection.shard().count() != first.shard().count()
                    || !Objects.equals(selection.tier(), first.tier())) {
                throw new InvalidInputException(runFile, 0, "selection", "this run is " + selection.describe()
                        + " but the first is " + first.describe() + "; only shards of one split can be merged");
            }
            if (!present.add(selection.shard().index())) {
                throw new InvalidInputException(runFile, 0, "selection", "shard " + selection.shard()
                        + " is given twice");
            }
        }
        int count = first.shard().count();
        RunSpec spec = shards.get(0).spec();
        int expected = spec.corpora().stream().mapToInt(CorpusRef::cases).sum() * spec.repeats();
        // Without a tier the merged run must hold every case; a shard that selected no case cannot have run.
        boolean complete = first.tier() == null ? results >= expected : present.size() == count;
        if (!complete) {
            List<String> missing = new ArrayList<>();
            for (int index = 1; index <= count; index++) {
                if (!present.contains(index)) {
                    missing.add(index + "/" + count);
                }
            }
            throw new InvalidInputException(null, 0, "RUN_DIR", "shard" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " missing: the shards "
                    + "given hold " + results + (first.tier() == null ? " of " + expected : "") + " results");
        }
    }

    private static void requireSame(Path dir, String field, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new InvalidInputException(dir.resolve(RunStore.RUN_FILE), 0, field, "differs from the first "
                    + "shard (" + actual + " instead of " + expected + "); only shards of one run can be merged");
        }
    }
}
