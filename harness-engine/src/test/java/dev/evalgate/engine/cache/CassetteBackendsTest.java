package dev.evalgate.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.AdvisedInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelCallException;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelClientProvider;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.ModelInfo;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.ModelRequest;
import dev.evalgate.engine.SourceLocation;

class CassetteBackendsTest {
    private static final ModelRef REF = ModelRef.parse("fake:small-model");
    private static final ModelRequest REQUEST = ModelRequest.of("Be brief.", "2+2?", new GenerationParams(0, 1, 8, 1));

    @TempDir
    Path dir;

    private final BackendOptions options = new BackendOptions(null, null, null, null);

    /** A backend that serves one model with a fixed fingerprint, or is unreachable. */
    private static final class FakeBackend implements ModelClientProvider {
        final AtomicInteger opened = new AtomicInteger();
        final boolean reachable;

        FakeBackend(boolean reachable) {
            this.reachable = reachable;
        }

        @Override
        public String backend() {
            return "fake";
        }

        @Override
        public ModelClient open(ModelRef ref, BackendOptions options) {
            opened.incrementAndGet();
            if (!reachable) {
                throw new EvaluationException("cannot reach the fake backend");
            }
            return new ModelClient() {
                @Override
                public ModelInfo info() {
                    return new ModelInfo("fake", ref.name(), "sha256:weights-1", 5);
                }

                @Override
                public Completion complete(ModelRequest request) {
                    return new Completion("4", 3, 1, Duration.ofMillis(20), Duration.ofMillis(5), "stop");
                }
            };
        }
    }

    private ModelClient open(FakeBackend backend, CacheMode mode, ModelRef ref) {
        InferenceStore store = new InferenceStore(dir);
        ModelClients backends = CassetteBackends.wrap(ModelClients.of(backend), store, mode);
        return CachingModelClient.wrap(backends.open(ref, options, SourceLocation.NONE), store, mode);
    }

    @Test
    void replayNeedsNoBackendForAModelThatWasRecorded() throws Exception {
        Completion recorded = open(new FakeBackend(true), CacheMode.RECORD, REF).complete(REQUEST);
        String index = Files.readString(dir.resolve(RecordedModels.FILE));
        assertThat(index).contains("\"fake:small-model\"", "\"fingerprint\" : \"sha256:weights-1\"");

        FakeBackend offline = new FakeBackend(false);
        ModelClient replay = open(offline, CacheMode.REPLAY, REF);
        assertThat(offline.opened.get()).isZero();
        assertThat(replay.info()).isEqualTo(new ModelInfo("fake", "small-model", "sha256:weights-1", 0));
        Completion replayed = replay.complete(REQUEST);
        assertThat(replayed.cached()).isTrue();
        assertThat(replayed.text()).isEqualTo(recorded.text());
        assertThatThrownBy(() -> replay.complete(ModelRequest.of("Be brief.", "3+3?", REQUEST.params())))
                .isInstanceOf(ModelCallException.class).hasMessageContaining("no recorded completion");
    }

    @Test
    void replayOpensTheBackendForAModelNeverRecorded() {
        FakeBackend offline = new FakeBackend(false);
        assertThatThrownBy(() -> open(offline, CacheMode.REPLAY, REF))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("cannot reach the fake backend");
        assertThat(offline.opened.get()).isEqualTo(1);
    }

    @Test
    void readwriteRemembersModelsAndOffLeavesTheStoreAlone() throws Exception {
        open(new FakeBackend(true), CacheMode.OFF, REF).complete(REQUEST);
        assertThat(dir.resolve(RecordedModels.FILE)).doesNotExist();
        open(new FakeBackend(true), CacheMode.READWRITE, REF).complete(REQUEST);
        open(new FakeBackend(true), CacheMode.READWRITE, ModelRef.parse("fake:other")).complete(REQUEST);
        RecordedModels models = new RecordedModels(new InferenceStore(dir));
        assertThat(models.find(REF)).map(ModelInfo::fingerprint).contains("sha256:weights-1");
        assertThat(models.find(ModelRef.parse("fake:other"))).map(ModelInfo::model).contains("other");
        assertThat(models.find(ModelRef.parse("fake:never"))).isEmpty();
    }

    @Test
    void anUnreadableListOfRecordedModelsIsRefusedNamingTheFileAndTheEntry() throws Exception {
        open(new FakeBackend(true), CacheMode.READWRITE, REF).complete(REQUEST);
        Path index = dir.resolve(RecordedModels.FILE);
        RecordedModels models = new RecordedModels(new InferenceStore(dir));

        Files.writeString(index, "{\"fake:weights\": \"sha256:weights-1\"}\n");
        assertThatThrownBy(() -> models.find(REF)).isInstanceOf(AdvisedInputException.class)
                .hasMessageContaining(index.toString()).hasMessageContaining("fake:weights")
                .hasMessageContaining("not an object with backend, model and fingerprint");

        Files.writeString(index, "{\"fake:weights\": {\"backend\": \"fake\"");
        assertThatThrownBy(() -> models.find(REF)).isInstanceOf(AdvisedInputException.class)
                .hasMessageContaining(index.toString()).hasMessageContaining("not a readable list of recorded models");
    }
}
