package dev.evalgate.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history contract on an SQLite file; {@link PostgresHistoryStoreTest} runs the same contract on PostgreSQL. */
class SqliteHistoryStoreTest extends HistoryStoreContract {
    @TempDir
    Path dir;

    @Override
    HistoryLocation location() {
        return HistoryLocation.sqlite(dir.resolve("sub").resolve("history.db"));
    }

    @Test
    void aStoreWrittenByANewerSchemaIsRefusedWithAClearMessage() throws Exception {
        HistoryLocation location = location();
        try (HistoryStore store = HistoryStore.open(location);
             var s = store.connection().createStatement()) {
            s.execute("INSERT INTO history_migrations (version, description, applied_at) VALUES (99, 'future', 'x')");
            store.connection().commit();
        }
        assertThatThrownBy(() -> HistoryStore.open(location)).isInstanceOf(HistoryException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("upgrade evalgate");
    }

    @Test
    void aPathThatCannotHoldADatabaseFailsNamingIt() throws Exception {
        Path file = dir.resolve("plain-file");
        java.nio.file.Files.writeString(file, "not a directory");
        assertThatThrownBy(() -> HistoryStore.open(HistoryLocation.sqlite(file.resolve("history.db"))))
                .isInstanceOf(HistoryException.class).hasMessageContaining("cannot open the run history at")
                .hasMessageContaining("plain-file");
    }
}
