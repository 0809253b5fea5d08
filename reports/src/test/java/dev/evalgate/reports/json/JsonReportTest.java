package dev.evalgate.reports.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.internal.Json;
import dev.evalgate.engine.internal.RunStore;
import dev.evalgate.engine.internal.StoredResults;
import dev.evalgate.reports.ReportContext;
import dev.evalgate.reports.RunFixtures;
import dev.evalgate.reports.model.ReportModel;

class JsonReportTest {
    private static final String EMOJI_AND_LONE = "smile \uD83D\uDE00 then a lone \uDC00 and \uD800";

    @Test
    void aStoredRunsResultsAreCopiedFromItsLinesExactlyAsTheyWouldBeWritten(@TempDir Path dir) throws Exception {
        RunResult inMemory = hostileRun();
        RunResult stored = stored(inMemory, dir.resolve("run"));

        Path fromMemory = write(inMemory, dir.resolve("memory.json"));
        Path fromLines = write(stored, dir.resolve("stored.json"));

        // Byte for byte, but for the second each was written in.
        assertThat(withoutGeneratedAt(fromLines)).isEqualTo(withoutGeneratedAt(fromMemory));
        JsonNode results = Json.MAPPER.readTree(fromLines.toFile()).get("results");
        assertThat(results).hasSize(inMemory.results().size());
        for (int i = 0; i < results.size(); i++) {
            // Every character comes back as the model wrote it: lone surrogates, controls, line separators.
            assertThat(Json.MAPPER.treeToValue(results.get(i), CaseResult.class))
                    .isEqualTo(inMemory.results().get(i));
        }
        assertThat(Files.readString(fromLines, StandardCharsets.UTF_8)).contains("smile \uD83D\uDE00 then")
                .contains("lone \\uDC00 and \\uD800");
    }

    @Test
    void aResultLineChangedAfterItWasReadIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        RunResult stored = stored(hostileRun(), dir.resolve("run"));
        Path lines = dir.resolve("run").resolve(RunStore.RESULTS_FILE);
        try (RandomAccessFile file = new RandomAccessFile(lines.toFile(), "rw")) {
            file.seek(0);
            file.write("[".getBytes(StandardCharsets.US_ASCII));
        }
        assertThatThrownBy(() -> write(stored, dir.resolve("report.json")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(lines.toString())
                .hasMessageContaining("changed after it was read")
                .hasMessageContaining("byte 0");
    }

    private static String withoutGeneratedAt(Path report) throws IOException {
        String json = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(json).containsOnlyOnce("\"generatedAt\":\"");
        return json.replaceFirst("\"generatedAt\":\"[^\"]*\"", "\"generatedAt\":\"\"");
    }

    private static RunResult hostileRun() {
        RunResult hostile = RunFixtures.hostileCandidate();
        List<CaseResult> results = new ArrayList<>(hostile.results());
        results.add(RunFixtures.result("support", "emoji", 0, List.of("historical"), "p", EMOJI_AND_LONE, 5,
                List.of(Score.pass("contains", "found " + EMOJI_AND_LONE)), null));
        return RunFixtures.run(hostile.spec(), results);
    }

    /** The same results as a run read back from disk: backed by results.jsonl, as the engine's runs are. */
    private static RunResult stored(RunResult run, Path directory) {
        StoredResults.Builder lines = new StoredResults.Builder(directory.resolve(RunStore.RESULTS_FILE),
                run.results().size(), 0);
        try (RunStore store = RunStore.create(directory)) {
            for (CaseResult r : run.results()) {
                lines.add(store.append(r));
            }
        }
        return new RunResult(run.spec(), lines.build(), run.summary(), directory);
    }

    private static Path write(RunResult run, Path file) throws IOException {
        JsonReport.write(run, ReportContext.none(), ReportModel.of(run, ReportContext.none()), file);
        return file;
    }
}
