package dev.evalgate.engine.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.apiguardian.api.API;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.Shard;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.Wording;
import dev.evalgate.engine.gate.MetricHistory;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Everything a front end asks of {@link Pipeline#evaluate}: what to run, against which baseline, on which backend.
 * Build it with {@link #builder(Suite)}; every setting but the suite has a default.
 *
 * @param suite             the loaded suite
 * @param bundle            evaluate this bundle file instead of the suite's
 * @param runsDirectory     where new run directories are created; empty for the suite's {@code output}, else
 *                          {@code runs/}
 * @param resume            an unfinished run directory to complete instead of starting a new run
 * @param repeats           overrides the suite's repeats
 * @param concurrency       overrides the suite's concurrency
 * @param tier              run only this tier of the suite; empty for every case (a resumed run keeps its own)
 * @param shard             run only this shard; empty for the whole selection
 * @param baseline          what the run is compared with
 * @param allowCorpusChange compare with a baseline of another corpus version, on the case ids both share
 * @param backend           where models come from
 * @param cache             how the inference cache is used
 * @param history           where drift rules read the suite's earlier runs; empty for the history a run sink
 *                          keeps (the run history, when its module is on the class path)
 * @param sinkSettings      each run sink's and observer's setting by name (such as {@code history}, {@code otel})
 * @param listener          hears the run's progress
 * @param warnings          receives what went wrong without changing the verdict (a sink that failed)
 * @param wording           how the front end names settings in the engine's advice (a flag, a configuration key)
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record PipelineRequest(Suite suite, Optional<Path> bundle, Optional<Path> runsDirectory, Optional<Path> resume,
                              Optional<Integer> repeats, Optional<Integer> concurrency, Optional<String> tier,
                              Optional<Shard> shard, BaselineChoice baseline, boolean allowCorpusChange,
                              BackendOptions backend, CacheSettings cache, Optional<MetricHistory> history,
                              Map<String, String> sinkSettings, RunListener listener, Consumer<String> warnings,
                              Wording wording) {
    public PipelineRequest {
        Objects.requireNonNull(suite, "suite");
        bundle = Objects.requireNonNullElse(bundle, Optional.empty());
        runsDirectory = Objects.requireNonNullElse(runsDirectory, Optional.empty());
        resume = Objects.requireNonNullElse(resume, Optional.empty());
        repeats = Objects.requireNonNullElse(repeats, Optional.empty());
        concurrency = Objects.requireNonNullElse(concurrency, Optional.empty());
        tier = Objects.requireNonNullElse(tier, Optional.empty());
        shard = Objects.requireNonNullElse(shard, Optional.empty());
        repeats.filter(n -> n < 1 || n > Suite.MAX_REPEATS).ifPresent(n -> {
            throw new IllegalArgumentException("repeats must be between 1 and " + Suite.MAX_REPEATS + ", was " + n);
        });
        concurrency.filter(n -> n < 1).ifPresent(n -> {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + n);
        });
        tier.filter(String::isBlank).ifPresent(t -> {
            throw new IllegalArgumentException("tier must not be blank");
        });
        baseline = Objects.requireNonNullElse(baseline, BaselineChoice.NONE);
        backend = Objects.requireNonNullElseGet(backend, () -> new BackendOptions(null, null, null, null));
        cache = Objects.requireNonNullElse(cache, CacheSettings.DEFAULT);
        history = Objects.requireNonNullElse(history, Optional.empty());
        sinkSettings = sinkSettings == null ? Map.of() : Map.copyOf(sinkSettings);
        listener = Objects.requireNonNullElse(listener, RunListener.NONE);
        warnings = Objects.requireNonNullElse(warnings, w -> { });
        wording = Objects.requireNonNullElse(wording, Wording.ENGINE);
    }

    public static Builder builder(Suite suite) {
        return new Builder(suite);
    }

    /** A copy to change a setting or two. */
    public Builder toBuilder() {
        Builder b = new Builder(suite);
        b.bundle = bundle.orElse(null);
        b.runsDirectory = runsDirectory.orElse(null);
        b.resume = resume.orElse(null);
        b.repeats = repeats.orElse(null);
        b.concurrency = concurrency.orElse(null);
        b.tier = tier.orElse(null);
        b.shard = shard.orElse(null);
        b.baseline = baseline;
        b.allowCorpusChange = allowCorpusChange;
        b.backend = backend;
        b.cache = cache;
        b.history = history.orElse(null);
        b.sinkSettings = sinkSettings;
        b.listener = listener;
        b.warnings = warnings;
        b.wording = wording;
        return b;
    }

    /** Where new run directories go: the one given, else the suite's {@code output}, else {@code runs/}. */
    public Path runsRoot() {
        return suite.runsDirectory(runsDirectory.orElse(null));
    }

    /** Builds a {@link PipelineRequest}; a setting left alone keeps its default. */
    public static final class Builder {
        private final Suite suite;
        private Path bundle;
        private Path runsDirectory;
        private Path resume;
        private Integer repeats;
        private Integer concurrency;
        private String tier;
        private Shard shard;
        private BaselineChoice baseline = BaselineChoice.NONE;
        private boolean allowCorpusChange;
        private BackendOptions backend;
        private CacheSettings cache = CacheSettings.DEFAULT;
        private MetricHistory history;
        private Map<String, String> sinkSettings = Map.of();
        private RunListener listener = RunListener.NONE;
        private Consumer<String> warnings;
        private Wording wording;

        private Builder(Suite suite) {
            this.suite = Objects.requireNonNull(suite, "suite");
        }

        public Builder bundle(Path file) {
            this.bundle = file;
            return this;
        }

        public Builder runsDirectory(Path directory) {
            this.runsDirectory = directory;
            return this;
        }

        public Builder resume(Path runDirectory) {
            this.resume = runDirectory;
            return this;
        }

        public Builder repeats(Integer n) {
            this.repeats = n;
            return this;
        }

        public Builder concurrency(Integer n) {
            this.concurrency = n;
            return this;
        }

        public Builder tier(String name) {
            this.tier = name;
            return this;
        }

        public Builder shard(Shard part) {
            this.shard = part;
            return this;
        }

        public Builder baseline(BaselineChoice choice) {
            this.baseline = choice;
            return this;
        }

        public Builder allowCorpusChange(boolean allow) {
            this.allowCorpusChange = allow;
            return this;
        }

        public Builder backend(BackendOptions options) {
            this.backend = options;
            return this;
        }

        public Builder cache(CacheSettings settings) {
            this.cache = settings;
            return this;
        }

        public Builder history(MetricHistory runHistory) {
            this.history = runHistory;
            return this;
        }

        public Builder sinkSettings(Map<String, String> settings) {
            this.sinkSettings = settings;
            return this;
        }

        public Builder listener(RunListener runListener) {
            this.listener = runListener;
            return this;
        }

        public Builder warnings(Consumer<String> consumer) {
            this.warnings = consumer;
            return this;
        }

        /** How this front end names settings (a flag, a configuration key) in the advice of errors and notes. */
        public Builder wording(Wording frontEndWording) {
            this.wording = frontEndWording;
            return this;
        }

        public PipelineRequest build() {
            return new PipelineRequest(suite, Optional.ofNullable(bundle), Optional.ofNullable(runsDirectory),
                    Optional.ofNullable(resume), Optional.ofNullable(repeats), Optional.ofNullable(concurrency),
                    Optional.ofNullable(tier), Optional.ofNullable(shard), baseline, allowCorpusChange, backend, cache,
                    Optional.ofNullable(history), sinkSettings, listener, warnings, wording);
        }
    }
}
