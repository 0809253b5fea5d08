package dev.evalgate.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The history's tables, created and upgraded by numbered migrations recorded in {@code history_migrations}. The
 * SQL is the subset SQLite and PostgreSQL share, so one schema serves both. A migration is never edited once
 * released; a change is a new migration.
 */
final class Schema {
    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "runs, corpora, metrics, case results and scores", List.of(
                    """
                    CREATE TABLE runs (
                      run_id VARCHAR(200) PRIMARY KEY,
                      suite VARCHAR(200) NOT NULL,
                      suite_file TEXT,
                      started_at VARCHAR(40) NOT NULL,
                      recorded_at VARCHAR(40) NOT NULL,
                      status VARCHAR(20) NOT NULL,
                      bundle_id TEXT,
                      bundle_version TEXT,
                      bundle_digest TEXT,
                      model_backend TEXT,
                      model_name TEXT,
                      model_fingerprint TEXT,
                      corpus_versions TEXT,
                      tier TEXT,
                      shard TEXT,
                      repeats INTEGER NOT NULL,
                      git_commit TEXT,
                      git_branch TEXT,
                      engine_version TEXT,
                      host TEXT,
                      results INTEGER NOT NULL,
                      passed INTEGER NOT NULL,
                      errored INTEGER NOT NULL,
                      gate_passed INTEGER,
                      directory TEXT,
                      spec_json TEXT NOT NULL
                    )""",
                    "CREATE INDEX runs_by_suite ON runs (suite, started_at)",
                    """
                    CREATE TABLE run_corpora (
                      run_id VARCHAR(200) NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                      corpus VARCHAR(200) NOT NULL,
                      version TEXT,
                      sha256 TEXT,
                      PRIMARY KEY (run_id, corpus)
                    )""",
                    """
                    CREATE TABLE metrics (
                      run_id VARCHAR(200) NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                      metric VARCHAR(200) NOT NULL,
                      value DOUBLE PRECISION,
                      lower_bound DOUBLE PRECISION,
                      upper_bound DOUBLE PRECISION,
                      n INTEGER NOT NULL,
                      PRIMARY KEY (run_id, metric)
                    )""",
                    """
                    CREATE TABLE case_results (
                      run_id VARCHAR(200) NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                      case_key VARCHAR(500) NOT NULL,
                      repeat_index INTEGER NOT NULL,
                      corpus TEXT NOT NULL,
                      case_id TEXT NOT NULL,
                      tags TEXT NOT NULL,
                      passed INTEGER NOT NULL,
                      errored INTEGER NOT NULL,
                      output TEXT NOT NULL,
                      output_sha256 VARCHAR(64) NOT NULL,
                      output_chars INTEGER NOT NULL,
                      prompt_tokens INTEGER NOT NULL,
                      completion_tokens INTEGER NOT NULL,
                      latency_ms DOUBLE PRECISION NOT NULL,
                      calls INTEGER NOT NULL,
                      cached_calls INTEGER NOT NULL,
                      repair_attempts INTEGER NOT NULL,
                      fallback_used INTEGER NOT NULL,
                      error TEXT,
                      PRIMARY KEY (run_id, case_key, repeat_index)
                    )""",
                    "CREATE INDEX case_results_by_case ON case_results (case_key, run_id)",
                    """
                    CREATE TABLE case_scores (
                      run_id VARCHAR(200) NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
                      case_key VARCHAR(500) NOT NULL,
                      repeat_index INTEGER NOT NULL,
                      scorer VARCHAR(200) NOT NULL,
                      value DOUBLE PRECISION NOT NULL,
                      passed INTEGER NOT NULL,
                      undecided INTEGER NOT NULL,
                      untrusted INTEGER NOT NULL,
                      explanation TEXT NOT NULL,
                      PRIMARY KEY (run_id, case_key, repeat_index, scorer)
                    )""")));

    static final int CURRENT = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private Schema() {
    }

    /** Brings the schema to {@link #CURRENT}; a second process migrating at the same time is waited out. */
    static void migrate(Connection connection) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                migrateOnce(connection);
                return;
            } catch (SQLException e) {
                connection.rollback();
                // Another process may have been creating the same tables: its migration is then done, or soon is.
                int at = version(connection);
                if (at == CURRENT) {
                    return;
                }
                if (at > CURRENT || attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void migrateOnce(Connection connection) throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                .contains("postgres");
        try (Statement s = connection.createStatement()) {
            if (postgres) {
                // One migrator at a time across every runner sharing the database; released at commit.
                s.execute("SELECT pg_advisory_xact_lock(7305512010)");
            }
            s.execute("CREATE TABLE IF NOT EXISTS history_migrations (version INTEGER PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_at VARCHAR(40) NOT NULL)");
        }
        if (!postgres) {
            connection.commit();
        }
        int at = versionInTransaction(connection);
        if (at > CURRENT) {
            throw new SQLException("the history store has schema version " + at + ", newer than this evalgate "
                    + "understands (" + CURRENT + "); upgrade evalgate");
        }
        for (Migration m : MIGRATIONS) {
            if (m.version() <= at) {
                continue;
            }
            try (Statement s = connection.createStatement()) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO history_migrations (version, description, applied_at) VALUES (?, ?, ?)")) {
                p.setInt(1, m.version());
                p.setString(2, m.description());
                p.setString(3, Instant.now().toString());
                p.executeUpdate();
            }
            if (!postgres) {
                connection.commit();
            }
        }
        connection.commit();
    }

    private static int versionInTransaction(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(version) FROM history_migrations")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    static int version(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(version) FROM history_migrations")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            connection.rollback();
            return 0;
        }
    }
}
