package dev.evalgate.cli;

import static dev.evalgate.cli.CliFixture.runCli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad plugin stops the command before it does anything, with exit 2 and a message naming the file. */
class PluginsOptionTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingPluginIsNamed() {
        Path missing = tmp.resolve("house-style.jar");

        CliFixture.Outcome outcome = runCli("scorers", "--plugins", missing.toString());

        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err()).contains(missing.toString()).contains("does not exist").contains("--plugins");
    }

    @Test
    void aFileThatIsNotAJarIsNamed() throws IOException {
        Path text = Files.writeString(tmp.resolve("scorer.jar"), "not a zip");

        CliFixture.Outcome outcome = runCli("--plugins", text.toString(), "scorers");

        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err()).contains(text.toString()).contains("not a jar file");
    }

    @Test
    void theCommandReleasesItsPluginJarsWhenItIsOver() throws IOException {
        Path jar = tmp.resolve("resources-only.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry("notes/readme.txt"));
            zip.write("a plugin jar with no evalgate service is still opened\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        CliFixture.Outcome outcome = runCli("--plugins", jar.toString(), "scorers");

        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(dev.evalgate.engine.Plugins.held()).doesNotContain(jar.toAbsolutePath().normalize());
    }

    @Test
    void aServiceClassThatCannotBeLoadedIsNamedWithItsJar() throws IOException {
        Path jar = tmp.resolve("ghost.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry("META-INF/services/dev.evalgate.engine.ScorerProvider"));
            zip.write("com.example.GhostScorerProvider\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        CliFixture.Outcome outcome = runCli("scorers", "--plugins", tmp.toString());

        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err()).contains(jar.toString()).contains("com.example.GhostScorerProvider")
                .contains("cannot be loaded: class not found");
    }

    @Test
    void aSuitesMissingPluginIsNamedAtItsLine() {
        CliFixture project = new CliFixture(tmp.resolve("project"));
        CliFixture.write(project.suite, CliFixture.read(project.suite) + "plugins: [plugins/house-style.jar]\n");

        CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--no-cache", "--history", "off");

        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err()).contains("suite.yaml:8").contains("plugins")
                .contains("house-style.jar does not exist");
    }
}
