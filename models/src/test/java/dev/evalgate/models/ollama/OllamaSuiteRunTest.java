package dev.evalgate.models.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.cache.CacheMode;
import dev.evalgate.engine.cache.CachingModelClient;
import dev.evalgate.engine.cache.InferenceStore;

/** A support-questions suite run end to end through the engine against an Ollama-speaking server on loopback. */
class OllamaSuiteRunTest {
    private static final String MODEL = "qwen2.5:0.5b";
    @TempDir
    Path tmp;

    private FakeOllamaServer server;
    private SupportSuite suite;

    @BeforeEach
    void start() throws IOException {
        suite = new SupportSuite(tmp, MODEL, 48);
        server = new FakeOllamaServer(MODEL);
        server.answer = request -> "{\"answer\": \"Please see our help pages.\"}";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RunResult run(UnaryOperator<ModelClient> decorator) {
        return suite.run(Map.of(OllamaSettings.URL, server.url().toString()), decorator);
    }

    @Test
    void aSuiteRunsAgainstOllamaRetryingServerErrorsAndRecordingBrokenAnswersAsErroredCases() {
        server.replies.add(FakeOllamaServer.status(500, "llama runner process has terminated"));
        server.replyFor = request -> request.toString().contains("reset my password")
                ? FakeOllamaServer.raw("this is not json\n") : null;

        RunResult result = run(null);

        int cases = result.results().size();
        assertThat(cases).isEqualTo(suite.cases());
        assertThat(result.spec().model().backend()).isEqualTo("ollama");
        assertThat(result.spec().model().fingerprint()).isEqualTo(FakeOllamaServer.digestOf(MODEL));
        // The first call got a 500 and was retried by the runner; the case itself succeeded.
        CaseResult first = result.results().get(0);
        assertThat(first.errored()).isFalse();
        assertThat(first.stats().calls()).isEqualTo(1);
        assertThat(server.chatRequests()).hasSize(cases + 1);
        // The malformed answer errors only its own case, without retries, and the run goes on.
        assertThat(result.summary().errored()).isEqualTo(1);
        CaseResult broken = result.results().stream().filter(CaseResult::errored).findFirst().orElseThrow();
        assertThat(broken.caseId()).isEqualTo("q2");
        assertThat(broken.error()).contains("not valid Ollama chat JSON");
        assertThat(result.summary().passed()).isEqualTo(cases - 1);
        assertThat(result.summary().modelCalls()).isEqualTo(cases - 1);
        assertThat(result.summary().completionTokens()).isPositive();
        assertThat(result.summary().promptTokens()).isPositive();
    }

    @Test
    void rerunningAnUnchangedSuiteIsServedFromTheCache() {
        InferenceStore store = new InferenceStore(tmp.resolve("cache").resolve("inference"));
        UnaryOperator<ModelClient> cache = client -> CachingModelClient.wrap(client, store, CacheMode.READWRITE);

        RunResult cold = run(cache);
        int callsAfterCold = server.chatRequests().size();
        RunResult warm = run(cache);

        assertThat(cold.summary().cachedCalls()).isZero();
        assertThat(cold.summary().modelCalls()).isEqualTo(suite.cases());
        assertThat(warm.summary().cachedCalls()).isEqualTo(suite.cases());
        assertThat(warm.summary().modelCalls()).isZero();
        assertThat(server.chatRequests()).hasSize(callsAfterCold);
        for (int i = 0; i < suite.cases(); i++) {
            assertThat(warm.results().get(i).output()).isEqualTo(cold.results().get(i).output());
        }

        // Same tag, new weights: the server reports another digest, so nothing may be served from the cache.
        server.digests.put(MODEL, "0".repeat(63) + "1");
        RunResult newWeights = run(cache);
        assertThat(newWeights.spec().model().fingerprint()).isEqualTo("0".repeat(63) + "1");
        assertThat(newWeights.summary().cachedCalls()).isZero();
        assertThat(newWeights.summary().modelCalls()).isEqualTo(suite.cases());
    }
}
