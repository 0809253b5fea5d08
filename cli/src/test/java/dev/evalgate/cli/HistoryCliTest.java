package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs recorded by 'evalgate run' on the replay backend, then read back with 'evalgate history'. */
class HistoryCliTest {
    @TempDir
    Path tmp;

    private CliFixture project;

    @BeforeEach
    void setUp() {
        project = new CliFixture(tmp);
    }

    @Test
    void everyRunIsRecordedAndListedWithTrends() throws IOException {
        // Without --history a run goes to $EVALGATE_HISTORY (the build points it into target/), never into runs/.
        CliFixture.Outcome plain = project.run("run", project.suite.toString(), "--quiet");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.err()).doesNotContain("warning");
        try (Stream<Path> entries = Files.list(tmp.resolve("runs"))) {
            assertThat(entries).allMatch(Files::isDirectory);
        }
        String runId = plain.out().replaceAll("(?s).*report: +\\S*/runs/([^/]+)/report\\.html.*", "$1");
        try (dev.evalgate.history.HistoryStore env = dev.evalgate.history.HistoryStore.open(
                dev.evalgate.history.HistoryLocation.parse(System.getenv("EVALGATE_HISTORY"), "env"))) {
            assertThat(env.queries().run(runId)).isPresent();
        }

        Path db = tmp.resolve("history.db");
        CliFixture.Outcome first = project.run("run", project.suite.toString(), "--quiet", "--history", db.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(db).isRegularFile();

        // Case c stops being JSON in the second run.
        CliFixture.write(tmp.resolve("outputs.jsonl"), String.join("\n",
                "{\"id\": \"a\", \"output\": \"{\\\"answer\\\": 4}\"}",
                "{\"id\": \"b\", \"output\": \"Paris\"}",
                "{\"id\": \"c\", \"output\": \"\\u001b[31mred\\u001b[0m not json\"}", ""));
        assertThat(project.run("run", project.suite.toString(), "--quiet", "--history", db.toString()).code())
                .isZero();

        CliFixture.Outcome list = project.run("history", "--history", db.toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("runs in jdbc:sqlite:" + db, "tiny-bundle@1.0.0", "66.7%", "33.3%",
                "trends of suite tiny", "pass ", "0.667 -> 0.333", "json ");

        CliFixture.Outcome history = project.run("history", "case", "tiny/c", "--history", db.toString());
        assertThat(history.code()).as(history.err()).isZero();
        assertThat(history.out()).contains("case tiny/c in 2 runs", "output changed", "\\u001b[31mred",
                "failing since run ");
        assertThat(history.out()).doesNotContain("\u001b");
    }

    @Test
    void recordingNeverChangesTheRunDirectoryAndAFailureIsOnlyAWarning() throws IOException {
        Path blocker = tmp.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        CliFixture.Outcome run = project.run("run", project.suite.toString(), "--quiet", "--history",
                blocker.resolve("history.db").toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: history was not updated for run ", "not-a-dir");

        Path runDir;
        try (Stream<Path> dirs = Files.list(tmp.resolve("runs"))) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Map<String, Long> before = snapshot(runDir);
        Path db = tmp.resolve("elsewhere.db");
        CliFixture.Outcome imported = project.run("history", "import", tmp.resolve("runs").toString(), "--history",
                db.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 1 runs", "skipped 0");
        assertThat(snapshot(runDir)).isEqualTo(before);
        assertThat(project.run("history", "import", tmp.resolve("runs").toString(), "--history", db.toString())
                .out()).contains("imported 0 runs", "skipped 1 already recorded");
        assertThat(project.run("history", "--history", "off").code()).isEqualTo(2);
        assertThat(project.run("history", "--history", tmp.resolve("missing.db").toString()).err())
                .contains("no run history here", "history import");
    }

    @Test
    void aPassRateSlidingOverFourRunsFailsTheMaxDriftRule() {
        CliFixture.write(project.suite, CliFixture.read(project.suite) + "gate:\n  max_drift: {metric: pass, window: 4}\n");
        String db = tmp.resolve("drift.db").toString();
        String last = null;
        String[] json = {"{\"answer\": 4}", "\"Paris\"", "{\"answer\": \"hi\"}"};
        for (int run = 0; run < 4; run++) {
            StringBuilder outputs = new StringBuilder();
            for (int c = 0; c < 3; c++) {
                // One more case stops being JSON in each run: 3, 2, 1, 0 of 3 pass.
                String output = c < 3 - run ? json[c] : "not json " + c;
                outputs.append("{\"id\": \"").append((char) ('a' + c)).append("\", \"output\": ")
                        .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(output)).append("}\n");
            }
            CliFixture.write(tmp.resolve("outputs.jsonl"), outputs.toString());
            CliFixture.Outcome outcome = project.run("run", project.suite.toString(), "--quiet", "--history", db);
            last = outcome.out();
            if (run < 3) {
                assertThat(outcome.code()).as(outcome.out() + outcome.err()).isZero();
                assertThat(outcome.out()).contains("max_drift[pass]");
            } else {
                assertThat(outcome.code()).as(outcome.out() + outcome.err()).isEqualTo(1);
                assertThat(outcome.out()).contains("FAIL max_drift[pass]", "pass falls over the last 4 runs",
                        "1.000 -> 0.000");
            }
        }
        // The gate re-applied to the last run reads the runs before it, not the run itself twice.
        java.util.regex.Matcher report = java.util.regex.Pattern.compile("report: +(\\S+)report\\.html").matcher(last);
        assertThat(report.find()).as(last).isTrue();
        CliFixture.Outcome regate = project.run("gate", report.group(1), "--history", db);
        assertThat(regate.code()).as(regate.out() + regate.err()).isEqualTo(1);
        assertThat(regate.out()).contains("FAIL max_drift[pass]");
    }

    @Test
    void theViewerRefusesAPortThatIsTakenAsAUsageError() throws IOException {
        Path db = tmp.resolve("view.db");
        assertThat(project.run("run", project.suite.toString(), "--quiet", "--history", db.toString()).code())
                .isZero();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliFixture.Outcome view = project.run("view", "--history", db.toString(), "--port",
                    String.valueOf(taken.getLocalPort()));
            assertThat(view.code()).isEqualTo(2);
            assertThat(view.err()).contains("--port", "cannot listen on 127.0.0.1:" + taken.getLocalPort(),
                    "choose another --port");
        }
    }

    private static Map<String, Long> snapshot(Path dir) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(dir.relativize(p) + ":" + Files.size(p), Files.getLastModifiedTime(p).toMillis());
                }
            }
        }
        return files;
    }
}
