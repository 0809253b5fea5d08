package dev.evalgate.history;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.evalgate.engine.Bundle;
import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.ScorerSpec;
import dev.evalgate.engine.internal.RunStore;

/** Runs built in code with a seed: series of runs of one suite whose pass probability and lengths are set. */
final class HistoryFixtures {
    static final String SUITE = "support-suite";
    static final Instant START = Instant.parse("2026-10-01T08:00:00Z");

    private HistoryFixtures() {
    }

    /** How one synthetic run behaves. */
    record Shape(double passProbability, double meanOutputChars, String fingerprint, String corpusVersion) {
        static Shape of(double passProbability) {
            return new Shape(passProbability, 200, "sha256:model-a", "1.0.0");
        }
    }

    static RunSpec spec(String runId, Instant startedAt, String fingerprint, String corpusVersion) {
        return spec(runId, SUITE, "support-bot", startedAt, fingerprint, corpusVersion);
    }

    static RunSpec spec(String runId, String suite, String bundleId, Instant startedAt, String fingerprint,
                        String corpusVersion) {
        Bundle bundle = new Bundle(bundleId, "1.4.0", "llamacpp:stories260K.gguf", "You are helpful.",
                "{{input}}", null, null, null);
        return new RunSpec(runId, suite, "suite.yaml", startedAt.toString(), "0.1.0-test", bundle, bundle.digest(),
                new ModelInfo("llamacpp", "stories260K.gguf", fingerprint, 120),
                List.of(new CorpusRef("support", corpusVersion, "sha-" + corpusVersion, 0)),
                List.of(ScorerSpec.of("contains", Map.of()), ScorerSpec.of("rouge", Map.of())), 1, List.of(42L), 2,
                30_000, "ci-runner-1", "17", "Linux");
    }

    /** Run {@code index} of a series: {@code cases} cases, each passing with the shape's probability. */
    static RunResult run(int index, int cases, Shape shape, long seed) {
        Random random = new Random(seed * 1_000_003L + index);
        String runId = String.format("run-%04d", index);
        RunSpec spec = spec(runId, START.plusSeconds(3600L * 24 * index), shape.fingerprint(), shape.corpusVersion());
        List<CaseResult> results = new ArrayList<>(cases);
        for (int c = 0; c < cases; c++) {
            boolean pass = random.nextDouble() < shape.passProbability();
            double rouge = Math.min(1, Math.max(0, (pass ? 0.7 : 0.3) + random.nextGaussian() * 0.1));
            int chars = (int) Math.max(1, shape.meanOutputChars() + random.nextGaussian() * shape.meanOutputChars() / 5);
            String output = ("answer " + c + " ").repeat(chars / 7 + 1).substring(0, chars);
            results.add(new CaseResult("support", String.format("case-%05d", c), 0, "t-" + c,
                    List.of(c % 5 == 0 ? "adversarial" : "historical"), "question " + c, output, false,
                    new CallStats(20, chars / 4, 50 + random.nextDouble() * 20, null, "stop", 1, 0),
                    List.of(pass ? Score.pass("contains", "found 'refund'") : Score.fail("contains", "no 'refund'"),
                            new Score("rouge", rouge, rouge >= 0.5, "ROUGE-L " + rouge, Map.of())),
                    null, 0, false));
        }
        return new RunResult(spec, results, RunSummary.of(results, 120, 1000), null);
    }

    /** Writes a run as the engine does, into {@code runs/RUN_ID/}. */
    static Path writeRunDirectory(Path runsRoot, RunResult run) {
        Path dir = runsRoot.resolve(run.spec().runId());
        try (RunStore store = RunStore.create(dir)) {
            store.writeRecord(new RunRecord(run.spec(), RunRecord.RUNNING, null));
            run.results().forEach(store::append);
            store.writeRecord(new RunRecord(run.spec(), RunRecord.COMPLETED, run.summary()));
        }
        return dir;
    }
}
