package dev.evalgate.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.evalgate.datasets.ContentHash;

/**
 * A small, real project on disk (corpus, bundle, suite, recorded outputs) that a test can break in one place,
 * and a way to run the CLI in-process and capture what it says.
 */
final class CliFixture {
    final Path root;
    final Path suite;
    final Path bundle;
    final Path corpus;

    CliFixture(Path root) {
        this.root = root;
        this.suite = root.resolve("suite.yaml");
        this.bundle = root.resolve("bundle.yaml");
        this.corpus = root.resolve("corpus");
        write(corpus.resolve("cases.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"input\": {\"question\": \"What is 2+2?\"}, \"tags\": [\"math\"]}",
                "{\"id\": \"b\", \"input\": {\"question\": \"Capital of France?\"}}",
                "{\"id\": \"c\", \"input\": {\"question\": \"Say hi\"}, \"tags\": [\"adversarial\"]}", ""));
        write(corpus.resolve("manifest.yaml"), "name: tiny\nversion: 1.0.0\nlicense: Apache-2.0\nsha256: "
                + "0".repeat(64) + "\n");
        freeze();
        write(root.resolve("outputs.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"output\": \"{\\\"answer\\\": 4}\"}",
                "{\"id\": \"b\", \"output\": \"Paris\"}",
                "{\"id\": \"c\", \"output\": \"{\\\"answer\\\": \\\"hi\\\"}\"}", ""));
        write(bundle, String.join("\n",
                "id: tiny-bundle",
                "version: 1.0.0",
                "model: replay:outputs.jsonl",
                "system: Answer in JSON.",
                "template: \"Q: {{question}}\"",
                "params:",
                "  temperature: 0",
                "  seed: 7", ""));
        write(suite, String.join("\n",
                "name: tiny",
                "bundle: bundle.yaml",
                "corpora: [corpus]",
                "scorers:",
                "  - name: json",
                "    type: valid-json",
                "output: runs", ""));
    }

    /** Re-pins the manifest to the cases file as it is now. */
    void freeze() {
        Path manifest = corpus.resolve("manifest.yaml");
        String sha = ContentHash.sha256(corpus.resolve("cases.jsonl"));
        write(manifest, read(manifest).replaceAll("sha256: [0-9a-f]{64}", "sha256: " + sha));
    }

    void replaceInCases(int lineNo, String line) {
        Path cases = corpus.resolve("cases.jsonl");
        List<String> lines = new ArrayList<>(List.of(read(cases).split("\n")));
        lines.set(lineNo - 1, line);
        write(cases, String.join("\n", lines) + "\n");
    }

    Outcome run(String... args) {
        return runCli(args);
    }

    /** Runs the CLI in-process, as {@code evalgate ARGS} would, capturing its output and exit code. */
    static Outcome runCli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvalgateCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Outcome(int code, String out, String err) {
    }
}
