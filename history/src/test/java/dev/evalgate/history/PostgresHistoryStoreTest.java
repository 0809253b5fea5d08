package dev.evalgate.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history contract on a real PostgreSQL server that the test starts in a temporary directory; skipped, with the
 * reason, where PostgreSQL is not installed or cannot start.
 */
class PostgresHistoryStoreTest extends HistoryStoreContract {
    static PrivatePostgres server;
    static String unavailable;

    @BeforeAll
    static void startServer() {
        try {
            server = PrivatePostgres.start();
        } catch (PrivatePostgres.Unavailable e) {
            unavailable = e.getMessage();
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyDatabase() throws Exception {
        Assumptions.assumeTrue(server != null, () -> "PostgreSQL tests skipped: " + unavailable);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    @Override
    HistoryLocation location() {
        return new HistoryLocation(server.jdbcUrl());
    }

    @Test
    void theSchemaIsTheSameAsOnSqlite() {
        try (HistoryStore store = open()) {
            List<String> tables = store.queries().query("SELECT table_name FROM information_schema.tables WHERE "
                    + "table_schema = 'public' ORDER BY table_name", List.of(), r -> r.getString(1));
            assertThat(tables).containsExactly("case_results", "case_scores", "history_migrations", "metrics",
                    "run_corpora", "runs");
        }
    }

    @Test
    void aSecondStoreOpenedAtOnceFindsTheSchemaMigrated() throws Exception {
        // Two CI runners opening a fresh shared history at the same moment.
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                open().close();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        try (HistoryStore store = open()) {
            other.join();
            assertThat(failure.get()).isNull();
            assertThat(store.schemaVersion()).isEqualTo(Schema.CURRENT);
        }
    }
}
