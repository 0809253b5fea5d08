package dev.evalgate.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An open connection to the run history, migrated to the current schema. Not thread-safe: one store per thread
 * (the viewer opens one per request).
 */
public final class HistoryStore implements AutoCloseable {
    private final HistoryLocation location;
    private final Connection connection;

    private HistoryStore(HistoryLocation location, Connection connection) {
        this.location = location;
        this.connection = connection;
    }

    /**
     * Opens (and for SQLite creates) the store and brings its schema up to date.
     *
     * @throws HistoryException naming the location when it cannot be opened
     */
    public static HistoryStore open(HistoryLocation location) {
        try {
            if (location.sqlite()) {
                Path file = Path.of(location.url().substring("jdbc:sqlite:".length()));
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                SqliteNativeLibrary.prepare();
            }
            Connection connection = DriverManager.getConnection(location.url());
            try {
                if (location.sqlite()) {
                    try (Statement s = connection.createStatement()) {
                        // Shards of one CI job may record at the same time: wait for the writer instead of failing.
                        s.execute("PRAGMA busy_timeout = 30000");
                        s.execute("PRAGMA journal_mode = WAL");
                        s.execute("PRAGMA foreign_keys = ON");
                    }
                }
                connection.setAutoCommit(false);
                Schema.migrate(connection);
                return new HistoryStore(location, connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException | java.io.IOException e) {
            throw new HistoryException("cannot open the run history at " + location + ": " + e.getMessage(), e);
        }
    }

    public HistoryLocation location() {
        return location;
    }

    public int schemaVersion() {
        try {
            return Schema.version(connection);
        } catch (SQLException e) {
            throw new HistoryException("cannot read the schema version of " + location + ": " + e.getMessage(), e);
        }
    }

    public RunRecorder recorder() {
        return new RunRecorder(connection, location);
    }

    public HistoryQueries queries() {
        return new HistoryQueries(connection, location);
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new HistoryException("cannot close the run history at " + location + ": " + e.getMessage(), e);
        }
    }
}
