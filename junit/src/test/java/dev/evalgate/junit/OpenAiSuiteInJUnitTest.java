package dev.evalgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.models.openai.FakeOpenAiServer;

/** The JUnit engine runs an {@code openai:} suite against the server its configuration names. */
class OpenAiSuiteInJUnitTest {
    @TempDir
    Path tmp;

    @Test
    void theEngineReachesTheServerItsConfigurationNames() throws IOException {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        Files.writeString(corpus.resolve("cases.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"input\": \"2+2?\"}",
                "{\"id\": \"b\", \"input\": \"Capital of France?\"}", ""));
        Files.writeString(corpus.resolve("manifest.yaml"), "name: tiny\nversion: 1\nsha256: "
                + ContentHash.sha256(corpus.resolve("cases.jsonl")) + "\n");
        Files.writeString(tmp.resolve("bundle.yaml"), "id: tiny\nversion: 1\nmodel: openai:tiny-chat\n"
                + "template: \"{{input}}\"\n");
        Path suite = tmp.resolve("tiny.suite.yaml");
        Files.writeString(suite, "bundle: bundle.yaml\ncorpora: [corpus]\nscorers:\n  - type: valid-json\n"
                + "output: runs\n");
        try (FakeOpenAiServer server = new FakeOpenAiServer("tiny-chat")) {
            server.answer = request -> "{\"answer\": 4}";
            EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID)
                    .configurationParameter(EvalgateEngineConfig.OPENAI_URL, server.url().toString())
                    .configurationParameter(EvalgateEngineConfig.OPENAI_CONCURRENCY, "1")
                    .configurationParameter(EvalgateEngineConfig.CACHE_MODE, "off")
                    .configurationParameter(EvalgateEngineConfig.HISTORY, "off")
                    .selectors(selectFile(suite.toFile())).execute()
                    // the 2 cases pass; of the gate's 3 rules, the 2 that need a baseline are aborted as not checked
                    .testEvents().assertStatistics(stats -> stats.started(5).succeeded(3).aborted(2).failed(0));
            assertThat(server.chatCalls.get()).isEqualTo(2);
        }
    }
}
