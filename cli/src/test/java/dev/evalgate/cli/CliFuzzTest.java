package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated corpora, manifests, suites, bundles, replay files and run directories, thousands of them, each run
 * through the CLI's entry point in this one JVM. Whatever the input, evalgate must answer with an exit code of its
 * table other than 4 (a bug), print no stack trace without {@code --verbose}, and answer within a time bound.
 *
 * <p>Seeded, so a failure reproduces: {@code -Devalgate.fuzz.seed=N}. {@code -Devalgate.fuzz.inputs=N} runs a
 * larger campaign (the build runs {@value #DEFAULT_INPUTS}); the summary (exit codes, slowest input) is printed and
 * written to {@code target/fuzz-summary.txt}.
 */
class CliFuzzTest {
    static final int DEFAULT_INPUTS = 2000;
    /** Far above any answer to a small input; the inputs that took minutes took 30 s and more. */
    static final long TIME_BOUND_MS = 10_000;

    private static final String[] SNIPPETS = {
        "[", "]", "{", "}", "\"", "'", ": ", "- ", "\n", "\t", "#", "&a ", "*a", "!!binary ", "!!java.lang.Object ",
        "!!python/object ", "<<: *a\n", "null", "~", "-1", "-0.5", "1e309", "NaN", "-Infinity", "99999999999999999999",
        "0x7fffffff", "true", "[]", "{}", "\"\\u0000\"", "\\u0000", "\u0000", "\u202e", "\uFEFF", "\r", "%YAML 1.1\n",
        "---\n", "...\n", "? ", "|\n  ", ">-\n  ", "{{", "}}", "{{question}}", "../../../../etc/passwd",
        "/dev/zero", "\"latency_ms\": -1, ", "\"latencyMs\": -1.0, ", "\"completionTokens\": -3, ", "\"repeat\": -1, ",
        "\"repeat\": 99, ", "\"id\": [], ", "\"output\": {}, ", "\"spec\": null, ", "\"status\": 7, ",
        "\"scores\": [{\"name\": \"x\", \"value\": 2}], ", "\"input\": 5, ", "\"tags\": \"x\", ", "repeats: 0\n",
        "concurrency: 100000\n", "timeout_seconds: -1\n", "corpora: []\n", "scorers: []\n", "bundle: \"x\\0y\"\n",
        "cases: \"a\\0b\"\n", "output: /proc/self\n", "model: replay:/dev/zero\n", "model: nosuch:x\n",
        "gate: {min_pass_rate: [{scorer: nope, min: 2}]}\n", "tiers: {smoke: {sample: -1}}\n",
        "output_schema: {type: object, properties: {a: {pattern: \"([\"}}}\n", "params: {max_tokens: 0}\n",
    };

    @TempDir
    Path tmp;

    @Test
    void noInputMakesEvalgateFailAsABug() throws Exception {
        long seed = Long.getLong("evalgate.fuzz.seed", 14L);
        int inputs = Integer.getInteger("evalgate.fuzz.inputs", DEFAULT_INPUTS);
        Random random = new Random(seed);
        CliFixture base = new CliFixture(tmp.resolve("base"));
        CliFixture.Outcome first = base.run("run", base.suite.toString(), "--quiet", "--no-cache");
        assertThat(first.code()).as(first.err()).isZero();
        Path baseRun = HostileEnvironmentTest.onlyRun(base.root.resolve("runs"));
        Path fifo = tmp.resolve("fifo");
        boolean haveFifo = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS)
                && Files.exists(fifo);

        Map<Integer, Integer> codes = new TreeMap<>();
        Map<Integer, Long> millisByCode = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long slowestMs = -1;
        String slowest = "";
        long started = System.nanoTime();
        for (int i = 0; i < inputs; i++) {
            Path dir = tmp.resolve("in-" + i);
            copyProject(base.root, dir, baseRun);
            Target target = Target.values()[random.nextInt(Target.values().length)];
            Path file = dir.resolve(target.file(baseRun, base.root));
            String mutation = mutate(file, random, haveFifo ? fifo : null);
            String[] args = target.command(dir, dir.resolve(base.root.relativize(baseRun)), random);
            long t0 = System.nanoTime();
            CliFixture.Outcome outcome = quietly(args);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            codes.merge(outcome.code(), 1, Integer::sum);
            millisByCode.merge(outcome.code(), ms, Long::sum);
            String what = "input " + i + " (seed " + seed + "): " + target + " " + mutation + ", evalgate "
                    + String.join(" ", args).replace(dir.toString(), "DIR");
            if (ms > slowestMs) {
                slowestMs = ms;
                slowest = what;
            }
            if (outcome.code() == 4 || outcome.code() < 0 || outcome.code() > 4) {
                failures.add(what + " -> exit " + outcome.code() + ": " + firstLines(outcome.err()));
            } else if (outcome.err().contains("\tat ") || outcome.err().contains("Caused by:")) {
                failures.add(what + " -> a stack trace without --verbose: " + firstLines(outcome.err()));
            } else if (ms > TIME_BOUND_MS) {
                failures.add(what + " -> took " + ms + " ms");
            }
            deleteTree(dir);
        }
        long totalMs = (System.nanoTime() - started) / 1_000_000;
        String summary = String.format(Locale.ROOT, "fuzz: %d inputs (seed %d) in %.1f s; exit codes %s; slowest"
                + " %d ms: %s; failures %d; total ms by exit code %s%n", inputs, seed, totalMs / 1000.0, codes,
                slowestMs, slowest, failures.size(), millisByCode);
        System.out.print(summary);
        Files.writeString(Path.of("target", "fuzz-summary.txt"), summary + String.join("\n", failures) + "\n");
        assertThat(failures).as(summary).isEmpty();
        assertThat(codes.keySet()).as("the inputs reach more than one outcome").contains(0, 2);
    }

    /** What is mutated, and which command reads it. */
    enum Target {
        CASES, MANIFEST, SUITE, BUNDLE, REPLAY, RUN_RECORD, RESULTS;

        String file(Path baseRun, Path root) {
            return switch (this) {
                case CASES -> "corpus/cases.jsonl";
                case MANIFEST -> "corpus/manifest.yaml";
                case SUITE -> "suite.yaml";
                case BUNDLE -> "bundle.yaml";
                case REPLAY -> "outputs.jsonl";
                case RUN_RECORD -> root.relativize(baseRun).resolve("run.json").toString();
                case RESULTS -> root.relativize(baseRun).resolve("results.jsonl").toString();
            };
        }

        String[] command(Path dir, Path run, Random random) {
            String suite = dir.resolve("suite.yaml").toString();
            return switch (this) {
                case CASES, MANIFEST -> random.nextBoolean()
                        ? new String[] {"datasets", "validate", dir.resolve("corpus").toString()}
                        : new String[] {"run", suite, "--quiet", "--no-cache"};
                case SUITE, BUNDLE, REPLAY -> new String[] {"run", suite, "--quiet", "--no-cache"};
                case RUN_RECORD, RESULTS -> switch (random.nextInt(4)) {
                    case 0 -> new String[] {"report", run.toString()};
                    case 1 -> new String[] {"gate", run.toString(), "--suite", suite};
                    case 2 -> new String[] {"run", "--resume", run.toString(), "--quiet", "--no-cache"};
                    default -> new String[] {"run", suite, "--quiet", "--no-cache", "--baseline", run.toString()};
                };
            };
        }
    }

    /** Applies one to three mutations; returns what was done, to reproduce a failure by reading it. */
    static String mutate(Path file, Random random, Path fifo) throws IOException {
        int kind = random.nextInt(100);
        if (kind < 2) {
            Files.delete(file);
            Files.createSymbolicLink(file, Path.of("/dev/zero"));
            return "-> /dev/zero";
        }
        if (kind < 3 && fifo != null) {
            Files.delete(file);
            Files.createSymbolicLink(file, fifo);
            return "-> a FIFO";
        }
        if (kind < 4) {
            Files.delete(file);
            Files.createDirectory(file);
            return "-> a directory";
        }
        if (kind < 5) {
            Files.delete(file);
            return "deleted";
        }
        byte[] bytes = Files.readAllBytes(file);
        StringBuilder what = new StringBuilder();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int op = random.nextInt(10);
            switch (op) {
                case 0 -> {
                    if (bytes.length > 0) {
                        int i = Math.min(at, bytes.length - 1);
                        bytes[i] = (byte) random.nextInt(256);
                        what.append("byte ").append(i).append(" set; ");
                    }
                }
                case 1 -> {
                    int end = Math.min(bytes.length, at + random.nextInt(64));
                    bytes = splice(bytes, at, end, new byte[0]);
                    what.append("bytes ").append(at).append("..").append(end).append(" deleted; ");
                }
                case 2 -> {
                    bytes = java.util.Arrays.copyOf(bytes, at);
                    what.append("truncated at ").append(at).append("; ");
                }
                case 3 -> {
                    byte[] junk = new byte[1 + random.nextInt(16)];
                    random.nextBytes(junk);
                    bytes = splice(bytes, at, at, junk);
                    what.append(junk.length).append(" random bytes at ").append(at).append("; ");
                }
                case 4 -> {
                    int depth = 60 + random.nextInt(2000);
                    String open = random.nextBoolean() ? "[" : "{\"a\":";
                    bytes = splice(bytes, at, at, open.repeat(depth).getBytes(StandardCharsets.UTF_8));
                    what.append("nesting ").append(depth).append(" at ").append(at).append("; ");
                }
                case 5 -> {
                    int size = random.nextInt(3) == 0 ? (1 << 20) + random.nextInt(1 << 20) : random.nextInt(300_000);
                    bytes = splice(bytes, at, at, "z".repeat(size).getBytes(StandardCharsets.UTF_8));
                    what.append("a ").append(size).append("-character token at ").append(at).append("; ");
                }
                case 6 -> {
                    int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                    int to = Math.min(bytes.length, from + random.nextInt(200));
                    byte[] copy = java.util.Arrays.copyOfRange(bytes, from, to);
                    bytes = splice(bytes, at, at, copy);
                    what.append("bytes ").append(from).append("..").append(to).append(" repeated at ").append(at)
                            .append("; ");
                }
                default -> {
                    String snippet = SNIPPETS[random.nextInt(SNIPPETS.length)];
                    bytes = splice(bytes, at, at, snippet.getBytes(StandardCharsets.UTF_8));
                    what.append("'").append(snippet.replace("\n", "\\n").replace("\u0000", "\\0")).append("' at ")
                            .append(at).append("; ");
                }
            }
        }
        Files.write(file, bytes);
        return what.toString().strip();
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        byte[] out = new byte[bytes.length - (to - from) + insert.length];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(bytes, to, out, from + insert.length, bytes.length - to);
        return out;
    }

    /** The base project without its reports: only what the commands read. */
    private static void copyProject(Path from, Path to, Path baseRun) throws IOException {
        for (String name : List.of("suite.yaml", "bundle.yaml", "outputs.jsonl", "corpus/manifest.yaml",
                "corpus/cases.jsonl")) {
            copy(from.resolve(name), to.resolve(name));
        }
        Path run = to.resolve(from.relativize(baseRun));
        copy(baseRun.resolve("run.json"), run.resolve("run.json"));
        copy(baseRun.resolve("results.jsonl"), run.resolve("results.jsonl"));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    /** Runs the CLI with the JVM's own stderr captured too: library log lines count as output. */
    private static CliFixture.Outcome quietly(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream original = System.err;
        System.setErr(errStream);
        try {
            int code = EvalgateCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), errStream);
            return new CliFixture.Outcome(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (Throwable e) {
            // What Main would turn into exit 4.
            return new CliFixture.Outcome(4, "", e + "\n\tat " + e.getStackTrace()[0]);
        } finally {
            System.setErr(original);
        }
    }

    private static String firstLines(String text) {
        return text.lines().limit(6).reduce("", (a, b) -> a + "\n    " + b);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
