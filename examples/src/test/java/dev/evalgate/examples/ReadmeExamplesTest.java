package dev.evalgate.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.engine.Bundle;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;
import dev.evalgate.engine.internal.BundleLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The file formats the README shows are parsed by the real loaders, so the README cannot drift from the code. */
class ReadmeExamplesTest {
    private static final Pattern BLOCK = Pattern.compile("```(yaml|json)\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void everyFormatExampleInTheReadmeLoads() throws IOException {
        List<String> yaml = new ArrayList<>();
        List<String> json = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(Path.of("..", "README.md")));
        while (m.find()) {
            (m.group(1).equals("yaml") ? yaml : json).add(m.group(2));
        }
        String manifestYaml = only(yaml, "sha256:");
        String bundleYaml = only(yaml, "template:");
        String suiteYaml = only(yaml, "scorers:");

        Path manifest = tmp.resolve("manifest.yaml");
        Files.writeString(manifest, manifestYaml);
        CorpusManifest parsedManifest = CorpusLoader.readManifest(manifest);
        assertThat(parsedManifest.name()).isEqualTo("quickstart");

        Path cases = tmp.resolve("cases.jsonl");
        Files.writeString(cases, String.join("", json));
        List<EvalCase> parsedCases = CorpusLoader.readCases(cases);
        assertThat(parsedCases).hasSize(2);

        Path bundle = tmp.resolve("bundle.yaml");
        Files.writeString(bundle, bundleYaml);
        Bundle parsedBundle = BundleLoader.load(bundle);
        assertThat(parsedBundle.repair().maxRetries()).isEqualTo(2);
        assertThat(parsedBundle.outputSchema()).containsKey("required");

        Path suite = tmp.resolve("suite.yaml");
        Files.writeString(suite, suiteYaml);
        Suite parsedSuite = new SuiteLoader(ScorerRegistry.load()).load(suite);
        assertThat(parsedSuite.scorers()).hasSize(3);
        assertThat(parsedSuite.judge()).isPresent();
        assertThat(parsedSuite.tier("smoke")).isNotNull();
    }

    private static String only(List<String> blocks, String marker) {
        List<String> found = blocks.stream().filter(b -> b.contains(marker)).toList();
        assertThat(found).as("README blocks containing '%s'", marker).hasSize(1);
        return found.get(0);
    }
}
