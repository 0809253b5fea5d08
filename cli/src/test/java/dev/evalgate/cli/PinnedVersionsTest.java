package dev.evalgate.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/** A version names one content, and a baseline covers the whole suite, unless someone says otherwise. */
class PinnedVersionsTest {
    @TempDir
    Path tmp;

    @Test
    void freezeRefusesChangedCasesUnderTheSameVersionAndBumpsItWhenAsked() {
        CliFixture project = new CliFixture(tmp);
        project.replaceInCases(2, "{\"id\": \"b\", \"input\": {\"question\": \"Capital of Italy?\"}}");
        String corpus = project.corpus.toString();

        CliFixture.Outcome refused = project.run("datasets", "freeze", corpus);

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("manifest.yaml", "field 'version'", "the cases changed",
                "the version stays 1.0.0", "--bump patch|minor|major");
        assertThat(CliFixture.read(project.corpus.resolve("manifest.yaml"))).contains("version: 1.0.0");

        CliFixture.Outcome bumped = project.run("datasets", "freeze", corpus, "--bump", "minor");

        assertThat(bumped.code()).as(bumped.err()).isZero();
        assertThat(bumped.out()).contains("version 1.0.0 -> 1.1.0");
        String manifest = CliFixture.read(project.corpus.resolve("manifest.yaml"));
        // the top-level version is bumped; the lineage still names the parent version 1.0.0, indented
        assertThat(manifest).containsPattern("(?m)^version: 1.1.0$").doesNotContainPattern("(?m)^version: 1.0.0$")
                .containsPattern("(?m)^    version: 1.0.0$");
        assertThat(project.run("datasets", "validate", corpus).code()).isZero();
        // Unchanged content freezes without a new version.
        assertThat(project.run("datasets", "freeze", corpus).out()).contains("(unchanged)");

        project.replaceInCases(2, "{\"id\": \"b\", \"input\": {\"question\": \"Capital of Peru?\"}}");
        CliFixture.Outcome named = project.run("datasets", "freeze", corpus, "--new-version", "2026.11");
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(CliFixture.read(project.corpus.resolve("manifest.yaml"))).contains("version: 2026.11");
    }

    @Test
    void promotingARunOfOneTierNeedsAnExplicitFlag() {
        CliFixture project = new CliFixture(tmp);
        CliFixture.write(project.suite, CliFixture.read(project.suite) + "tiers:\n  smoke: {tags: [math]}\n");
        CliFixture.Outcome smoke = project.run("run", project.suite.toString(), "--tier", "smoke", "--quiet");
        Path run = Path.of(smoke.out().lines().filter(l -> l.strip().startsWith("results: ")).findFirst()
                .orElseThrow().strip().substring("results: ".length()));

        CliFixture.Outcome refused = project.run("baseline", "promote", run.toString(), "--name", "main");

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains(RunStore.RUN_FILE, "this run evaluated part of the suite (--tier smoke)",
                "--allow-partial");
        assertThat(tmp.resolve("baselines/main")).doesNotExist();

        CliFixture.Outcome allowed = project.run("baseline", "promote", run.toString(), "--name", "main",
                "--allow-partial");
        assertThat(allowed.code()).as(allowed.err()).isZero();
    }
}
