package dev.evalgate.history;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.datasets.InvalidInputException;

/**
 * Where the run history lives, as a JDBC URL: an SQLite file by default, or a PostgreSQL database shared by
 * ephemeral CI runners.
 *
 * <p>SQLite rather than H2: its file format has been stable for two decades and is read by the {@code sqlite3}
 * shell and every language's standard tooling, so a team can query its history without evalgate; H2's file format
 * changes between major versions and is read only by H2.
 *
 * @param url the JDBC URL, such as {@code jdbc:sqlite:runs/history.db} or {@code jdbc:postgresql://host/db}
 */
public record HistoryLocation(String url) {
    /** The default store's file, under the user's data directory: one history for every project on a machine. */
    public static final String DEFAULT_FILE = "evalgate/history.db";
    /** Turns recording off, as a flag value or in the suite. */
    public static final String OFF = "off";
    /** An environment variable that sets the location when neither the flag nor the suite does. */
    public static final String ENVIRONMENT = "EVALGATE_HISTORY";

    public HistoryLocation {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("history supports SQLite and PostgreSQL, not " + redacted(url));
        }
    }

    /**
     * Reads a location as a user writes it: a JDBC URL, or a path to an SQLite file.
     *
     * @throws InvalidInputException for a JDBC URL of another database
     */
    public static HistoryLocation parse(String text, String where) {
        String value = text.trim();
        if (value.startsWith("jdbc:")) {
            if (!value.startsWith("jdbc:sqlite:") && !value.startsWith("jdbc:postgresql:")) {
                throw new InvalidInputException(null, 0, where, "the history store is SQLite (a file path or "
                        + "jdbc:sqlite:FILE) or PostgreSQL (jdbc:postgresql://HOST/DB), not " + redacted(value));
            }
            return new HistoryLocation(value);
        }
        return sqlite(Path.of(value));
    }

    public static HistoryLocation sqlite(Path file) {
        return new HistoryLocation("jdbc:sqlite:" + file.toAbsolutePath().normalize());
    }

    /**
     * The store a run is recorded in: the flag, else the suite's {@code history:}, else {@value #ENVIRONMENT},
     * else {@code defaultFile} ({@link #userDefault}). Empty when any of them says {@value #OFF}.
     */
    public static Optional<HistoryLocation> resolve(String flag, Path suiteFile, String environment,
                                                    Path defaultFile) {
        if (flag != null) {
            return of(flag, "--history");
        }
        if (suiteFile != null && suiteFile.toFile().isFile()) {
            Optional<ConfigNode> node = ConfigNode.parseYaml(suiteFile).optional("history");
            if (node.isPresent()) {
                return of(node.get().asString(), suiteFile + ": history");
            }
        }
        if (environment != null && !environment.isBlank()) {
            return of(environment, ENVIRONMENT);
        }
        return Optional.of(sqlite(defaultFile));
    }

    /**
     * {@code $XDG_DATA_HOME/evalgate/history.db}, else {@code ~/.local/share/evalgate/history.db}: outside the runs
     * directory, whose entries scripts and CI steps expect to be run directories only.
     */
    public static Path userDefault(java.util.Map<String, String> environment) {
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve(DEFAULT_FILE);
    }

    /** Where {@code evalgate run} records and the history commands read when nothing else is said. */
    public static Optional<HistoryLocation> resolve(String flag, Path suiteFile) {
        return resolve(flag, suiteFile, System.getenv(ENVIRONMENT), userDefault(System.getenv()));
    }

    private static Optional<HistoryLocation> of(String text, String where) {
        return text.trim().toLowerCase(Locale.ROOT).equals(OFF) ? Optional.empty()
                : Optional.of(parse(text, where));
    }

    public boolean sqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    /** The URL without a password, for messages. */
    @Override
    public String toString() {
        return redacted(url);
    }

    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }
}
