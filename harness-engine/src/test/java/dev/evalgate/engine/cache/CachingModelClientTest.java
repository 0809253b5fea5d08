package dev.evalgate.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRequest;

class CachingModelClientTest {
    private static final GenerationParams PARAMS = new GenerationParams(0.0, 42, 64, 1.0);

    @TempDir
    Path dir;

    @Test
    void secondPassMakesNoModelCallsAndReturnsTheSameCompletions() throws Exception {
        CountingModel model = new CountingModel("sha256:aaa");
        List<ModelRequest> requests = List.of(
                ModelRequest.of("Be brief.", "What is 2+2?", PARAMS),
                ModelRequest.of("Be brief.", "Capital of France?", PARAMS),
                ModelRequest.of("", "Tell a story", PARAMS.withSeed(7)));

        List<Completion> first = new ArrayList<>();
        try (CachingModelClient cold = new CachingModelClient(model, new InferenceStore(dir), CacheMode.READWRITE)) {
            for (ModelRequest request : requests) {
                first.add(cold.complete(request));
            }
            assertThat(cold.stats().modelCalls()).isEqualTo(3);
            assertThat(cold.stats().recorded()).isEqualTo(3);
        }
        assertThat(model.calls.get()).isEqualTo(3);
        assertThat(first).noneMatch(Completion::cached);

        CountingModel again = new CountingModel("sha256:aaa");
        CachingModelClient warm = new CachingModelClient(again, new InferenceStore(dir), CacheMode.READWRITE);
        for (int i = 0; i < requests.size(); i++) {
            Completion cached = warm.complete(requests.get(i));
            Completion original = first.get(i);
            assertThat(cached.cached()).isTrue();
            assertThat(cached.text()).isEqualTo(original.text());
            assertThat(cached.promptTokens()).isEqualTo(original.promptTokens());
            assertThat(cached.completionTokens()).isEqualTo(original.completionTokens());
            assertThat(cached.finishReason()).isEqualTo(original.finishReason());
            assertThat(cached.latency().toNanos()).isCloseTo(original.latency().toNanos(), org.assertj.core.data.Offset.offset(1_000L));
            assertThat(cached.timeToFirstToken()).isEqualTo(original.timeToFirstToken());
            assertThat(CallStats.of(cached).cachedCalls()).isEqualTo(1);
            assertThat(CallStats.of(cached).calls()).isZero();
        }
        assertThat(again.calls.get()).isZero();
        assertThat(warm.stats().hits()).isEqualTo(3);
    }

    @Test
    void anyChangeThatCanChangeTheOutputMisses() throws Exception {
        ModelRequest base = ModelRequest.of("Be brief.", "What is 2+2?", PARAMS);
        new CachingModelClient(new CountingModel("sha256:aaa"), new InferenceStore(dir), CacheMode.READWRITE)
                .complete(base);

        List<ModelRequest> changed = List.of(
                ModelRequest.of("Be brief.", "What is 2+2?", new GenerationParams(0.7, 42, 64, 1.0)),
                ModelRequest.of("Be brief.", "What is 2+2?", PARAMS.withSeed(43)),
                ModelRequest.of("Be brief.", "What is 2+3?", PARAMS),
                ModelRequest.of("Be verbose.", "What is 2+2?", PARAMS),
                ModelRequest.of("Be brief.", "What is 2+2?", new GenerationParams(0.0, 42, 65, 1.0)));
        for (ModelRequest request : changed) {
            CountingModel model = new CountingModel("sha256:aaa");
            Completion completion = new CachingModelClient(model, new InferenceStore(dir), CacheMode.READWRITE)
                    .complete(request);
            assertThat(completion.cached()).as("cached for %s", request).isFalse();
            assertThat(model.calls.get()).isEqualTo(1);
        }

        CountingModel otherWeights = new CountingModel("sha256:bbb");
        Completion completion = new CachingModelClient(otherWeights, new InferenceStore(dir), CacheMode.READWRITE)
                .complete(base);
        assertThat(completion.cached()).isFalse();
        assertThat(completion.text()).contains("sha256:bbb");
        assertThat(otherWeights.calls.get()).isEqualTo(1);

        CountingModel sameWeights = new CountingModel("sha256:aaa");
        ModelRequest otherTimeoutAndTrace = new ModelRequest(base.system(), base.messages(), base.params(),
                Duration.ofSeconds(3), "case-17#2");
        assertThat(new CachingModelClient(sameWeights, new InferenceStore(dir), CacheMode.READWRITE)
                .complete(otherTimeoutAndTrace).cached()).as("timeout and trace id are not part of the key").isTrue();
    }

    @Test
    void replayRefusesAMissWithoutCallingTheModel() throws Exception {
        ModelRequest recordedRequest = ModelRequest.of("", "recorded prompt", PARAMS);
        new CachingModelClient(new CountingModel("sha256:aaa"), new InferenceStore(dir), CacheMode.RECORD)
                .complete(recordedRequest);

        CountingModel model = new CountingModel("sha256:aaa");
        CachingModelClient replay = new CachingModelClient(model, new InferenceStore(dir), CacheMode.REPLAY);
        assertThat(replay.complete(recordedRequest).cached()).isTrue();

        assertThatThrownBy(() -> replay.complete(ModelRequest.of("", "a prompt nobody recorded", PARAMS)))
                .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("no recorded completion")
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("a prompt nobody recorded")
                .hasMessageContaining("re-record with cache mode RECORD")
                .satisfies(e -> assertThat(((dev.evalgate.engine.Advised) e).advice()
                        .mentions(dev.evalgate.engine.Setting.CACHE_MODE_RECORD)).isTrue());
        assertThat(model.calls.get()).isZero();
    }

    @Test
    void recordCallsTheModelEveryTimeAndReplacesTheEntry() throws Exception {
        ModelRequest request = ModelRequest.of("", "hello", PARAMS);
        CountingModel model = new CountingModel("sha256:aaa");
        CachingModelClient record = new CachingModelClient(model, new InferenceStore(dir), CacheMode.RECORD);
        record.complete(request);
        Completion second = record.complete(request);
        assertThat(model.calls.get()).isEqualTo(2);
        assertThat(second.cached()).isFalse();

        Completion replayed = new CachingModelClient(new CountingModel("sha256:aaa"), new InferenceStore(dir),
                CacheMode.REPLAY).complete(request);
        assertThat(replayed.text()).isEqualTo(second.text());
    }

    @Test
    void offPassesEverythingThrough() throws Exception {
        CountingModel model = new CountingModel("sha256:aaa");
        ModelClient client = CachingModelClient.wrap(model, new InferenceStore(dir), CacheMode.OFF);
        client.complete(ModelRequest.of("", "hello", PARAMS));
        client.complete(ModelRequest.of("", "hello", PARAMS));
        assertThat(model.calls.get()).isEqualTo(2);
        assertThat(client).isSameAs(model);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void entriesAreReadableJsonFilesUnderATwoLevelDigestDirectory() throws Exception {
        InferenceStore store = new InferenceStore(dir);
        ModelRequest request = ModelRequest.of("You are terse.", "Name a colour.\nOne word.", PARAMS);
        new CachingModelClient(new CountingModel("sha256:aaa"), store, CacheMode.READWRITE).complete(request);

        Path file = store.pathOf(InferenceKey.of(new ModelInfo("fake", "m", "sha256:aaa", 0), request));
        assertThat(dir.relativize(file).getNameCount()).isEqualTo(3);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(json.lines().count()).as("pretty-printed, one field a line").isGreaterThan(10);
        assertThat(json).contains("\"system\" : \"You are terse.\"", "Name a colour.\\nOne word.",
                "\"model\" : \"sha256:aaa\"", "\"modelName\" : \"m\"", "\"temperature\" : 0.0", "\"seed\" : 42");
    }

    @Test
    void timedOutCompletionsAreNotKept() throws Exception {
        ModelClient timingOut = new CountingModel("sha256:aaa") {
            @Override
            public Completion complete(ModelRequest request) {
                calls.incrementAndGet();
                return new Completion("partial", 3, 1, Duration.ofSeconds(1), null, "timeout");
            }
        };
        CachingModelClient client = new CachingModelClient(timingOut, new InferenceStore(dir), CacheMode.READWRITE);
        client.complete(ModelRequest.of("", "slow", PARAMS));
        assertThat(client.complete(ModelRequest.of("", "slow", PARAMS)).cached()).isFalse();
        assertThat(client.stats().recorded()).isZero();
    }

    @Test
    void aCorruptEntryIsRecomputedInReadwriteAndReportedInReplay() throws Exception {
        InferenceStore store = new InferenceStore(dir);
        ModelRequest request = ModelRequest.of("", "hello", PARAMS);
        Path file = store.pathOf(InferenceKey.of(new ModelInfo("fake", "m", "sha256:aaa", 0), request));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"format\": 1, \"key\": {\"backend\": \"fa");

        assertThatThrownBy(() -> new CachingModelClient(new CountingModel("sha256:aaa"), store, CacheMode.REPLAY)
                .complete(request))
                .isInstanceOf(ModelCallException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a readable evalgate cache entry");

        CountingModel model = new CountingModel("sha256:aaa");
        new CachingModelClient(model, store, CacheMode.READWRITE).complete(request);
        assertThat(model.calls.get()).isEqualTo(1);
        assertThat(new CachingModelClient(model, store, CacheMode.REPLAY).complete(request).cached()).isTrue();
    }

    @Test
    void anEntryWithANegativeLatencyIsNeverServed() throws Exception {
        InferenceStore store = new InferenceStore(dir);
        ModelRequest request = ModelRequest.of("", "hello", PARAMS);
        CountingModel model = new CountingModel("sha256:aaa");
        new CachingModelClient(model, store, CacheMode.READWRITE).complete(request);
        Path file = store.pathOf(InferenceKey.of(model.info(), request));
        Files.writeString(file, Files.readString(file).replaceFirst("\"latencyMs\" ?: ?[0-9.E-]+",
                "\"latencyMs\" : -1.0"));

        assertThatThrownBy(() -> new CachingModelClient(new CountingModel("sha256:aaa"), store, CacheMode.REPLAY)
                .complete(request))
                .isInstanceOf(ModelCallException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("field 'completion': latencyMs must be a number of milliseconds, 0 or more");

        Completion fresh = new CachingModelClient(model, store, CacheMode.READWRITE).complete(request);
        assertThat(fresh.cached()).isFalse();
        assertThat(fresh.latency().isNegative()).isFalse();
        assertThat(model.calls.get()).isEqualTo(2);
    }

    @Test
    void concurrentWritersLeaveCompleteEntriesAndNoTemporaryFiles() throws Exception {
        InferenceStore store = new InferenceStore(dir);
        int threads = 8;
        int rounds = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                CachingModelClient client = new CachingModelClient(new CountingModel("sha256:aaa"), store,
                        CacheMode.RECORD);
                CachingModelClient reader = new CachingModelClient(new CountingModel("sha256:aaa"), store,
                        CacheMode.READWRITE);
                for (int i = 0; i < rounds; i++) {
                    // Every thread writes the same ten keys over and over while also reading them back.
                    ModelRequest request = ModelRequest.of("", "prompt " + (i % 10), PARAMS);
                    client.complete(request);
                    assertThat(reader.complete(request).text()).isEqualTo("answer to prompt " + (i % 10));
                }
                assertThat(client.stats().writeFailures()).isZero();
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).hasSize(10).allMatch(p -> p.toString().endsWith(".json"));
        }
        CountingModel model = new CountingModel("sha256:aaa");
        CachingModelClient replay = new CachingModelClient(model, store, CacheMode.REPLAY);
        for (int i = 0; i < 10; i++) {
            assertThat(replay.complete(ModelRequest.of("", "prompt " + i, PARAMS)).text())
                    .isEqualTo("answer to prompt " + i);
        }
    }

    @Test
    void anUnwritableStoreStillReturnsTheCompletionAndReportsTheFailure() throws Exception {
        Path blocker = dir.resolve("not-a-directory");
        Files.writeString(blocker, "x");
        CachingModelClient client = new CachingModelClient(new CountingModel("sha256:aaa"),
                new InferenceStore(blocker), CacheMode.READWRITE);
        Completion completion = client.complete(ModelRequest.of("", "hello", PARAMS));
        assertThat(completion.text()).isEqualTo("answer to hello");
        assertThat(client.stats().writeFailures()).isEqualTo(1);
        assertThat(client.stats().firstWriteError()).contains("cannot write cache entry");
    }

    /** The model behind the cache: answers deterministically from the prompt and counts its calls. */
    @Test
    void anAnswerAtHandIsKeptAndACachedAnswerIsServedAtOnceWithoutTheModel() throws Exception {
        ModelRequest request = ModelRequest.of("Be brief.", "What is 2+2?", PARAMS);
        RecordedModel recorded = new RecordedModel();
        CachingModelClient cold = new CachingModelClient(recorded, new InferenceStore(dir), CacheMode.READWRITE);
        Completion answered = cold.completeAtOnce(request).orElseThrow();
        assertThat(answered.text()).isEqualTo("recorded answer to What is 2+2?");
        assertThat(cold.stats().modelCalls()).isEqualTo(1);
        assertThat(cold.stats().recorded()).isEqualTo(1);

        CountingModel slow = new CountingModel("sha256:rec"); // the same model, now without its recording
        CachingModelClient warm = new CachingModelClient(slow, new InferenceStore(dir), CacheMode.READWRITE);
        Completion cached = warm.completeAtOnce(request).orElseThrow();
        assertThat(cached.cached()).isTrue();
        assertThat(cached.text()).isEqualTo(answered.text());
        assertThat(warm.stats().hits()).isEqualTo(1);
        // A miss whose model has nothing at hand is left to complete(), which may wait.
        assertThat(warm.completeAtOnce(ModelRequest.of("Be brief.", "Capital of France?", PARAMS))).isEmpty();
        assertThat(slow.calls.get()).isZero();
        assertThat(warm.stats().modelCalls()).isZero();
    }

    /** A backend whose every answer is recorded, like the replay backend: it answers at once. */
    private static final class RecordedModel extends CountingModel {
        RecordedModel() {
            super("sha256:rec");
        }

        @Override
        public Completion complete(ModelRequest request) {
            return new Completion("recorded answer to " + request.lastUserMessage(), 3, 4, Duration.ofMillis(2),
                    null, "stop");
        }

        @Override
        public Optional<Completion> completeAtOnce(ModelRequest request) {
            return Optional.of(complete(request));
        }
    }

    private static class CountingModel implements ModelClient {
        final AtomicInteger calls = new AtomicInteger();
        private final String fingerprint;

        CountingModel(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public ModelInfo info() {
            return new ModelInfo("fake", "m", fingerprint, 0);
        }

        @Override
        public Completion complete(ModelRequest request) throws ModelCallException {
            int n = calls.incrementAndGet();
            String text = fingerprint.equals("sha256:aaa") ? "answer to " + request.lastUserMessage()
                    : "answer from " + fingerprint;
            return new Completion(text, 10 + n, 5, Duration.ofMillis(120 + n).plusNanos(123_456),
                    Duration.ofMillis(15), "stop");
        }
    }

}
