package dev.evalgate.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.baseline.BaselineStore;
import dev.evalgate.engine.gate.GatePolicy;
import dev.evalgate.engine.tier.Tier;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * What to evaluate and how: the bundle, the corpora, the scorers and the run settings. Paths are resolved against
 * the suite file's directory.
 *
 * @param gate      the policy a run must meet; {@link GatePolicy#DEFAULT} when the suite has no {@code gate:}
 * @param tiers     named subsets of cases such as {@code smoke}, in file order
 * @param baselines where named baselines are stored; {@code baselines/} next to the suite by default
 * @param redact    what to mask in everything the run stores ({@code pii}, {@code secrets}); empty: nothing
 * @param plugins   jars, or directories of jars, with scorers, backends or sinks the suite uses; empty: none
 */
@API(status = STABLE, since = "0.1.0")
public record Suite(String name, Path file, Path bundle, List<Path> corpora, List<ScorerSpec> scorers,
                    Optional<JudgeSpec> judge, int repeats, int concurrency, Duration timeout, Path outputDirectory,
                    GatePolicy gate, Map<String, Tier> tiers, Path baselines, List<String> redact,
                    List<Path> plugins) {
    public static final int MAX_REPEATS = 100;

    public Suite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bundle, "bundle");
        corpora = List.copyOf(corpora);
        scorers = List.copyOf(scorers);
        judge = judge == null ? Optional.empty() : judge;
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw new IllegalArgumentException("repeats must be between 1 and " + MAX_REPEATS);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        timeout = timeout == null ? ModelRequest.DEFAULT_TIMEOUT : timeout;
        gate = gate == null ? GatePolicy.DEFAULT : gate;
        tiers = tiers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
        if (baselines == null) {
            baselines = file == null ? Path.of(BaselineStore.DEFAULT_DIRECTORY)
                    : file.toAbsolutePath().getParent().resolve(BaselineStore.DEFAULT_DIRECTORY);
        }
        redact = redact == null ? List.of() : List.copyOf(redact);
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }

    /** A suite without plugins. */
    public Suite(String name, Path file, Path bundle, List<Path> corpora, List<ScorerSpec> scorers,
                 Optional<JudgeSpec> judge, int repeats, int concurrency, Duration timeout, Path outputDirectory,
                 GatePolicy gate, Map<String, Tier> tiers, Path baselines, List<String> redact) {
        this(name, file, bundle, corpora, scorers, judge, repeats, concurrency, timeout, outputDirectory, gate, tiers,
                baselines, redact, List.of());
    }

    /** A suite that redacts nothing. */
    public Suite(String name, Path file, Path bundle, List<Path> corpora, List<ScorerSpec> scorers,
                 Optional<JudgeSpec> judge, int repeats, int concurrency, Duration timeout, Path outputDirectory,
                 GatePolicy gate, Map<String, Tier> tiers, Path baselines) {
        this(name, file, bundle, corpora, scorers, judge, repeats, concurrency, timeout, outputDirectory, gate, tiers,
                baselines, List.of());
    }

    /** A suite without gate, tiers or baseline settings: the default policy, no tiers, baselines next to the file. */
    public Suite(String name, Path file, Path bundle, List<Path> corpora, List<ScorerSpec> scorers,
                 Optional<JudgeSpec> judge, int repeats, int concurrency, Duration timeout, Path outputDirectory) {
        this(name, file, bundle, corpora, scorers, judge, repeats, concurrency, timeout, outputDirectory, null, null,
                null);
    }

    /** Where new run directories go: the flag if given, else the suite's {@code output}, else {@code ./runs}. */
    public Path runsDirectory(Path override) {
        if (override != null) {
            return override;
        }
        return outputDirectory != null ? outputDirectory : Path.of("runs");
    }

    public Suite withBundle(Path newBundle) {
        return new Suite(name, file, newBundle, corpora, scorers, judge, repeats, concurrency, timeout,
                outputDirectory, gate, tiers, baselines, redact, plugins);
    }

    public Suite withRepeats(int newRepeats) {
        return new Suite(name, file, bundle, corpora, scorers, judge, newRepeats, concurrency, timeout,
                outputDirectory, gate, tiers, baselines, redact, plugins);
    }

    public Suite withConcurrency(int newConcurrency) {
        return new Suite(name, file, bundle, corpora, scorers, judge, repeats, newConcurrency, timeout,
                outputDirectory, gate, tiers, baselines, redact, plugins);
    }

    /**
     * Opens the suite's plugin jars, seen through the thread's context class loader (which holds evalgate and the
     * plugins a front end added); {@link Plugins#NONE} when the suite names none.
     */
    public Plugins openPlugins() {
        return Plugins.open(plugins, ScorerRegistry.contextClassLoader(), file == null ? "a suite" : file.toString());
    }

    public BaselineStore baselineStore() {
        return new BaselineStore(baselines);
    }

    /**
     * The tier by name; {@code full} always exists and keeps every case unless the suite redefines it.
     *
     * @throws InvalidInputException naming the suite and the declared tiers when there is no such tier
     */
    public Tier tier(String tierName) {
        Tier tier = tiers.get(tierName);
        if (tier != null) {
            return tier;
        }
        if (Tier.FULL.equals(tierName)) {
            return Tier.ALL;
        }
        // full always exists, so it is listed once whether or not the suite redefines it
        Set<String> available = new LinkedHashSet<>(tiers.keySet());
        available.add(Tier.FULL);
        throw new InvalidInputException(file, 0, "tiers", "the suite declares no tier '" + tierName + "'; "
                + "declared tiers: " + String.join(", ", available)
                + ". Add it under tiers:, e.g. " + tierName + ": {tags: [" + tierName + "]}");
    }
}
