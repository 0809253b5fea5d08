package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A comparison says what it compares: another model or tier is a warning, and a rule can require them equal. */
class ComparabilityCliTest {
    @TempDir
    Path tmp;

    private CliFixture project;

    @BeforeEach
    void promoteABaseline() throws IOException {
        project = new CliFixture(tmp);
        CliFixture.write(project.suite, CliFixture.read(project.suite) + "tiers:\n  smoke: {tags: [math]}\n");
        CliFixture.Outcome first = project.run("run", project.suite.toString(), "--quiet");
        assertThat(first.code()).isZero();
        assertThat(project.run("baseline", "promote", runOf(first).toString(), "--name", "main").code()).isZero();
    }

    @Test
    void aBaselineOfAnotherModelIsComparedWithAVisibleWarning() throws IOException {
        // The same bundle, served by another model: the outputs come from another recording.
        CliFixture.write(tmp.resolve("other-model.jsonl"), CliFixture.read(tmp.resolve("outputs.jsonl"))
                .replace("Paris", "Paris!"));
        CliFixture.write(project.bundle, CliFixture.read(project.bundle).replace("replay:outputs.jsonl",
                "replay:other-model.jsonl"));

        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--baseline", "main", "--quiet");

        assertThat(outcome.code()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("compared: baseline run", "  model    baseline replay:",
                "<- differs", "WARNING: the runs used different models", "  corpus   tiny 1.0.0 (both)",
                "  repeats  1 (both)");
        String summary = CliFixture.read(runOf(outcome).resolve("summary.md"));
        assertThat(summary).contains("| compared | baseline | candidate |", "**(differs)**",
                "Warning: the runs used different models");
        assertThat(CliFixture.read(runOf(outcome).resolve("report.html"))).contains("<dt>Compared</dt>",
                "(differs)");

        CliFixture.write(project.suite, CliFixture.read(project.suite)
                + "gate:\n  require_same: [model, tier]\n  no_new_failures: [adversarial]\n");
        CliFixture.Outcome strict = project.run("run", project.suite.toString(), "--baseline", "main", "--quiet");
        assertThat(strict.code()).as(strict.out() + strict.err()).isEqualTo(1);
        assertThat(strict.out()).contains("FAIL require_same[model,tier]: model differs: baseline replay:");
    }

    @Test
    void aSmokeRunAgainstAFullBaselineIsWarnedAbout() {
        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--tier", "smoke", "--baseline",
                "main", "--quiet");

        assertThat(outcome.out()).contains("  tier     baseline full, candidate smoke  <- differs",
                "WARNING: the runs evaluated different parts of the suite");
    }

    /** The run directory the command printed ("results: DIR"). */
    private static Path runOf(CliFixture.Outcome outcome) {
        return Path.of(outcome.out().lines().filter(l -> l.strip().startsWith("results: ")).findFirst()
                .orElseThrow().strip().substring("results: ".length()));
    }
}
