package dev.evalgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.history.HistoryLocation;
import dev.evalgate.history.HistoryStore;
import dev.evalgate.history.RunFilter;

/** Which history a reading command opens, and which of its runs it looks at; shared by history and view. */
public final class HistoryOptions {
    @Option(names = "--history", paramLabel = "FILE|JDBC_URL", description = "The history to read: an SQLite file "
            + "or jdbc:postgresql://HOST/DB (default: $EVALGATE_HISTORY, else ~/.local/share/evalgate/history.db).")
    String location;

    @Option(names = "--suite", paramLabel = "NAME", description = "Only runs of this suite (default for trends: the "
            + "suite of the latest run).")
    String suite;

    @Option(names = "--branch", paramLabel = "NAME", description = "Only runs made on this git branch.")
    String branch;

    @Option(names = "--model", paramLabel = "NAME|FINGERPRINT", description = "Only runs of this model.")
    String model;

    @Option(names = "--limit", paramLabel = "N", description = "The most recent N runs (default: ${DEFAULT-VALUE}).")
    int limit = 30;

    HistoryLocation resolve() {
        return HistoryLocation.resolve(location, null)
                .orElseThrow(() -> new InvalidInputException(null, 0, "--history", "history is 'off'; give the "
                        + "history to read"));
    }

    /** Opens a history that exists: reading a store nobody wrote is a mistake worth naming. */
    HistoryStore open() {
        HistoryLocation where = resolve();
        if (where.sqlite()) {
            Path file = Path.of(where.url().substring("jdbc:sqlite:".length()));
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(file, 0, "--history", "no run history here; runs are recorded by "
                        + "'evalgate run', and 'evalgate history import runs/' backfills existing run directories");
            }
        }
        return HistoryStore.open(where);
    }

    RunFilter filter() {
        if (limit < 0) {
            throw new InvalidInputException(null, 0, "--limit", "must not be negative");
        }
        return new RunFilter(suite, branch, model, null, limit);
    }
}
