package dev.evalgate.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.InvalidInputException;

class HistoryLocationTest {
    @TempDir
    Path dir;

    @Test
    void theFlagWinsThenTheSuiteThenTheEnvironmentThenTheUsersDataDirectory() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, "name: s\nhistory: jdbc:postgresql://db.example/evalgate?user=ci&password=secret\n");
        Path fallback = dir.resolve("default.db");
        assertThat(HistoryLocation.resolve("flag.db", suite, "env.db", fallback)).get()
                .extracting(HistoryLocation::url).asString().endsWith("/flag.db");
        HistoryLocation fromSuite = HistoryLocation.resolve(null, suite, "env.db", fallback).orElseThrow();
        assertThat(fromSuite.sqlite()).isFalse();
        assertThat(fromSuite.toString()).contains("password=***").doesNotContain("secret");
        Files.writeString(suite, "name: s\n");
        assertThat(HistoryLocation.resolve(null, suite, "env.db", fallback)).get()
                .extracting(HistoryLocation::url).asString().endsWith("/env.db");
        assertThat(HistoryLocation.resolve(null, suite, null, fallback)).contains(HistoryLocation.sqlite(fallback));
        assertThat(HistoryLocation.resolve("off", suite, "env.db", fallback)).isEmpty();
        assertThat(HistoryLocation.resolve(null, suite, "OFF", fallback)).isEmpty();
    }

    @Test
    void theDefaultLivesInTheUsersDataDirectory() {
        assertThat(HistoryLocation.userDefault(Map.of("XDG_DATA_HOME", "/data")))
                .isEqualTo(Path.of("/data/evalgate/history.db"));
        assertThat(HistoryLocation.userDefault(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"),
                ".local", "share", "evalgate", "history.db"));
    }

    @Test
    void anotherDatabaseIsRefusedNamingWhereItWasGiven() {
        assertThatThrownBy(() -> HistoryLocation.parse("jdbc:mysql://db/x", "--history"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--history")
                .hasMessageContaining("SQLite").hasMessageContaining("PostgreSQL");
    }
}
