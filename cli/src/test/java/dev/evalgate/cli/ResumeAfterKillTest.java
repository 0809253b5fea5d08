package dev.evalgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.internal.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run on the real embedded model is killed with SIGKILL while it writes results; {@code --resume} then finishes
 * it without recomputing a finished case, and every case ends up in the results exactly once.
 */
class ResumeAfterKillTest {
    private static final int CASES = 120;
    private static final int KILL_AFTER = 15;

    @TempDir
    Path tmp;

    @Test
    void aKilledRunResumesWithEveryCaseExactlyOnce() throws Exception {
        Path model = SharedModelFile.path();
        Path suite = StoryRunProject.write(tmp, CASES);
        Path runs = tmp.resolve("runs");

        Process process = StoryRunProject.start(tmp.resolve("first.log"), "run", suite.toString(),
                "--model", model.toString(), "--quiet", "--no-cache");
        Path results = StoryRunProject.awaitResults(runs, process, KILL_AFTER).resolve(RunStore.RESULTS_FILE);
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Path runDir = results.getParent();
        List<String> before = Files.readAllLines(results, StandardCharsets.UTF_8);
        assertThat(RunStore.readRecord(runDir).status()).isEqualTo(RunRecord.RUNNING);
        assertThat(before.size()).as("killed midway").isBetween(KILL_AFTER - 1, CASES - 1);
        String finishedPrefix = finishedLines(results);

        CliFixture.Outcome resumed = CliFixture.runCli("run", "--resume", runDir.toString(),
                "--model", model.toString(), "--quiet", "--no-cache");
        assertThat(resumed.code()).as(resumed.err()).isZero();

        List<CaseResult> all = RunStore.read(runDir).results();
        assertThat(all).hasSize(CASES);
        Set<String> keys = new HashSet<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            CaseResult r = dev.evalgate.engine.internal.Json.MAPPER.readValue(line, CaseResult.class);
            assertThat(keys.add(r.key() + "#" + r.repeat())).as("%s appears once", r.key()).isTrue();
        }
        assertThat(keys).hasSize(CASES);
        // What was on disk before the kill is untouched: finished cases were not recomputed.
        assertThat(Files.readString(results, StandardCharsets.UTF_8)).startsWith(finishedPrefix);
        assertThat(RunStore.readRecord(runDir).status()).isEqualTo(RunRecord.COMPLETED);
    }

    /** The file up to its last newline: the lines that were complete when the process died. */
    private static String finishedLines(Path results) throws IOException {
        String text = Files.readString(results, StandardCharsets.UTF_8);
        return text.substring(0, text.lastIndexOf('\n') + 1);
    }
}
