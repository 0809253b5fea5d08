package dev.evalgate.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to evaluate and how: the bundle, the corpora, the scorers and the run settings. Paths are resolved against
 * the suite file's directory.
 */
public record Suite(String name, Path file, Path bundle, List<Path> corpora, List<ScorerSpec> scorers,
                    Optional<JudgeSpec> judge, int repeats, int concurrency, Duration timeout, Path outputDirectory) {
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
    }

    public Suite withBundle(Path newBundle) {
        return new Suite(name, file, newBundle, corpora, scorers, judge, repeats, concurrency, timeout,
                outputDirectory);
    }

    public Suite withRepeats(int newRepeats) {
        return new Suite(name, file, bundle, corpora, scorers, judge, newRepeats, concurrency, timeout,
                outputDirectory);
    }

    public Suite withConcurrency(int newConcurrency) {
        return new Suite(name, file, bundle, corpora, scorers, judge, repeats, newConcurrency, timeout,
                outputDirectory);
    }
}
