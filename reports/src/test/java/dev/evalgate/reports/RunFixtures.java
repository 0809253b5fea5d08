package dev.evalgate.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.evalgate.engine.Bundle;
import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.ScorerSpec;
import dev.evalgate.engine.compare.Comparison;
import dev.evalgate.engine.compare.RunComparator;
import dev.evalgate.engine.gate.Gate;
import dev.evalgate.engine.gate.GatePolicy;
import dev.evalgate.engine.gate.GateVerdict;

/** Runs built in code, so report tests need no model: a hostile one and synthetic ones of any size. */
public final class RunFixtures {
    /** Set by any script that manages to run inside the report; tests look for it in the dumped DOM. */
    public static final String PWNED = "PWNED";

    /** Outputs that try every way of breaking out of the places a report puts text. */
    public static final List<String> HOSTILE_OUTPUTS = List.of(
            "<script>document.title='" + PWNED + "-1';document.documentElement.setAttribute('data-pwned','1')</script>",
            "</textarea><img src=x onerror=\"document.title='" + PWNED + "-2'\">",
            "\"}]}</script><script>document.title='" + PWNED + "-3'</script>",
            "<a href=\"javascript:document.title='" + PWNED + "-4'\">click me</a> [link](javascript:alert(1))",
            "line\u2028separator\u2029paragraph </SCRIPT ><!-- <script> --> & &amp; | pipe | `tick` **bold**",
            "<svg onload=\"document.title='" + PWNED + "-5'\"></svg><iframe src=\"javascript:parent.document.title='"
                    + PWNED + "-6'\"></iframe>",
            "\u0000nul \u0001 control \uD800 lone surrogate ]]> <![CDATA[ x ]]>",
            "<style>body{display:none}</style><base href=\"https://attacker.invalid/\">");

    private RunFixtures() {
    }

    public static RunSpec spec(String runId, String bundleVersion, int repeats, List<CorpusRef> corpora) {
        Bundle bundle = new Bundle("support-bot", bundleVersion, "llamacpp:stories260K.gguf", "You are helpful.",
                "{{input}}", null, null, null);
        return new RunSpec(runId, "support-suite", "suite.yaml", "2026-11-25T13:00:00Z", "0.1.0-test", bundle,
                bundle.digest(), new ModelInfo("llamacpp", "stories260K.gguf", "sha256:abcdef0123456789", 120),
                corpora, List.of(ScorerSpec.of("contains", Map.of()), ScorerSpec.of("judge", Map.of())), repeats,
                List.of(42L), 2, 30_000, "ci-runner-1", "17", "Linux");
    }

    public static RunResult run(RunSpec spec, List<CaseResult> results) {
        return new RunResult(spec, results, RunSummary.of(results, 120, 5_000), Path.of("runs", spec.runId()));
    }

    public static CaseResult result(String corpus, String id, int repeat, List<String> tags, String prompt,
                                    String output, double latencyMs, List<Score> scores, String error) {
        CallStats stats = error != null ? CallStats.NONE
                : new CallStats(12, 34, latencyMs, latencyMs / 4, "stop", 1, 0);
        return new CaseResult(corpus, id, repeat, "trace-" + id + "-" + repeat, tags, prompt, output, false, stats,
                scores, error, 0, false);
    }

    /**
     * A candidate whose outputs are the hostile strings, in cases whose ids, tags and explanations are hostile too,
     * against a baseline where they all passed, so every case regresses and the detail view shows both sides.
     */
    public static RunResult hostileCandidate() {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < HOSTILE_OUTPUTS.size(); i++) {
            String id = i == 0 ? "case-<script>document.title='" + PWNED + "-id'</script>" : "hostile-" + i;
            List<String> tags = List.of("adversarial", "<img src=x onerror=\"document.title='" + PWNED + "-tag'\">");
            Score failed = Score.fail("contains", "expected 'refund' but output was: " + HOSTILE_OUTPUTS.get(i));
            Score judge = new Score("judge</script><script>document.title='" + PWNED + "-scorer'</script>", 0.25,
                    false, "judge says <b>no</b>", Map.of());
            results.add(result("support", id, 0, tags, "Prompt with <script>document.title='" + PWNED
                    + "-prompt'</script>", HOSTILE_OUTPUTS.get(i), 100 + i * 10, List.of(failed, judge), null));
        }
        results.add(result("support", "errored-case", 0, List.of("historical"), "hello", "", 0, List.of(),
                "model unreachable: <script>document.title='" + PWNED + "-error'</script>"));
        results.add(result("support", "passing-case", 0, List.of("historical"), "Where is my refund?",
                "Your refund was sent on Monday.", 80, List.of(Score.pass("contains", "found 'refund'")), null));
        return run(spec("run-candidate-<b>1</b>", "2.0.0", 1, List.of(new CorpusRef("support", "3",
                "0123456789abcdef0123456789abcdef", results.size()))), results);
    }

    public static RunResult hostileBaseline() {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < HOSTILE_OUTPUTS.size(); i++) {
            String id = i == 0 ? "case-<script>document.title='" + PWNED + "-id'</script>" : "hostile-" + i;
            results.add(result("support", id, 0, List.of("adversarial"), "prompt",
                    "I cannot help with that, but here is the refund policy.", 90,
                    List.of(Score.pass("contains", "found 'refund'")), null));
        }
        results.add(result("support", "passing-case", 0, List.of("historical"), "Where is my refund?",
                "Your refund was sent on Tuesday.", 85, List.of(Score.pass("contains", "found 'refund'")), null));
        return run(spec("run-baseline-1", "1.0.0", 1, List.of(new CorpusRef("support", "3",
                "0123456789abcdef0123456789abcdef", results.size()))), results);
    }

    /**
     * The hostile candidate against its baseline as the CLI would report it: the engine's comparison and the
     * default gate policy (no significant pass-rate drop, no new adversarial failures), which it fails.
     */
    public static ReportContext hostileContext() {
        return gated(hostileBaseline(), hostileCandidate());
    }

    /** Compares two runs and applies the default gate, as {@code evalgate run --baseline} does. */
    public static ReportContext gated(RunResult baseline, RunResult candidate) {
        return gated(baseline, candidate, GatePolicy.DEFAULT);
    }

    /** The default rules, with the few timeouts of {@link #synthetic} runs tolerated. */
    public static final GatePolicy TOLERATING_ERRORS = new GatePolicy(GatePolicy.DEFAULT_LEVEL,
            GatePolicy.DEFAULT_LIST_CASES, java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(new dev.evalgate.engine.gate.GateRule.MaxErrorRate(0.05, null)),
                    GatePolicy.DEFAULT.rules().stream().skip(1)).toList(), Map.of(), null);

    public static ReportContext gated(RunResult baseline, RunResult candidate, GatePolicy policy) {
        Comparison comparison = new RunComparator().compare(baseline, candidate);
        GateVerdict verdict = new Gate(policy).evaluate(candidate, comparison);
        return ReportContext.of(baseline, comparison, verdict);
    }

    private static final String[] WORDS = ("the refund was sent on monday please wait three to five business days "
            + "for the payment to arrive your order number is listed in the confirmation email we are sorry for the "
            + "delay and thank you for your patience").split(" ");

    /**
     * A plausible run of {@code cases} cases and {@code repeats} repeats with two scorers, several tags and outputs
     * of a few hundred characters; different seeds give different outcomes, so two runs make a baseline and a
     * candidate.
     */
    public static RunResult synthetic(int cases, int repeats, long seed, String runId) {
        Random random = new Random(seed);
        List<CaseResult> results = new ArrayList<>();
        String[] tagPool = {"billing", "shipping", "returns", "account", "adversarial", "historical", "smoke",
            "multilingual"};
        for (int c = 0; c < cases; c++) {
            String id = String.format("case-%05d", c);
            List<String> tags = Stream.of(tagPool[c % tagPool.length], tagPool[(c / 3 + 5) % tagPool.length])
                    .distinct().toList();
            String prompt = "Customer question " + c + ": " + sentence(new Random(c), 20);
            Random caseRandom = new Random(c * 31L + 7);
            String common = sentence(caseRandom, 30);
            for (int r = 0; r < repeats; r++) {
                boolean errored = random.nextDouble() < 0.01;
                String output = errored ? "" : common + " " + sentence(random, 10 + random.nextInt(40));
                double quality = random.nextDouble();
                List<Score> scores = errored ? List.of() : List.of(
                        new Score("contains", quality > 0.15 ? 1 : 0, quality > 0.15,
                                quality > 0.15 ? "found 'refund'" : "expected 'refund' in the output", Map.of()),
                        new Score("judge", quality, quality > 0.3,
                                "rubric: answer is " + (quality > 0.3 ? "helpful" : "unhelpful") + " and polite",
                                Map.of()));
                double latency = Math.max(1, 50 + random.nextGaussian() * 10
                        + random.nextDouble() * random.nextDouble() * 400);
                results.add(result("support", id, r, tags, prompt, output, latency, scores,
                        errored ? "timeout after 30000 ms" : null));
            }
        }
        return run(spec(runId, "1." + seed, repeats, List.of(new CorpusRef("support", "7",
                "fedcba9876543210fedcba9876543210", cases))), results);
    }

    private static String sentence(Random random, int words) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words; i++) {
            out.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }
}
