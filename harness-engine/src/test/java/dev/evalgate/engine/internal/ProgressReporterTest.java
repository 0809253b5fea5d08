package dev.evalgate.engine.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.compare.SyntheticRuns;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressReporterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void anInterruptedRunEndsTheBarLineAndSaysHowToResume() {
        ProgressReporter bar = new ProgressReporter(out, true);
        bar.runStarted(RunnerTest.spec(1), 3, 0);
        bar.caseFinished(SyntheticRuns.result("a", 0, true));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\r[").doesNotEndWith("\n");
        assertThat(bar.unfinishedNotice()).startsWith("\nevalgate: stopped after 1 of 3 results; run run-1 keeps them")
                .contains("finish it with resume(RUN_DIR) on that run's directory").endsWith(System.lineSeparator());
    }

    @Test
    void aFinishedRunHasNothingToSayOnExit() {
        ProgressReporter plain = new ProgressReporter(out, false);
        plain.runStarted(RunnerTest.spec(1), 2, 1);
        assertThat(plain.unfinishedNotice()).doesNotStartWith("\n").contains("stopped after 1 of 2");

        plain.caseFinished(SyntheticRuns.result("b", 0, false));

        assertThat(plain.unfinishedNotice()).isNull();
        assertThat(new ProgressReporter(out, false).unfinishedNotice()).as("no run started").isNull();
    }

    @Test
    void aCommandThatEndsWithItsRunUnfinishedSaysSoOnce() {
        ProgressReporter plain = new ProgressReporter(out, false);
        plain.runStarted(RunnerTest.spec(1), 3, 0);
        plain.caseFinished(SyntheticRuns.result("a", 0, true));

        plain.commandEnded();
        plain.commandEnded();

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("stopped after 1 of 3 results");
        assertThat(printed.indexOf("stopped after")).isEqualTo(printed.lastIndexOf("stopped after"));
    }

    @Test
    void aCommandWhoseRunFinishedSaysNothingMoreAtItsEnd() {
        ProgressReporter plain = new ProgressReporter(out, false);
        plain.runStarted(RunnerTest.spec(1), 1, 0);
        plain.caseFinished(SyntheticRuns.result("a", 0, true));
        String before = bytes.toString(StandardCharsets.UTF_8);

        plain.commandEnded();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(before);
    }

    @Test
    void aStandardErrorIsATerminalByWhereItLeadsElseByTheConsole() {
        assertThat(ProgressReporter.isTerminal("/dev/pts/3", false)).isTrue();
        assertThat(ProgressReporter.isTerminal("/dev/tty1", false)).isTrue();
        assertThat(ProgressReporter.isTerminal("/home/me/run.log", true)).as("2> run.log in a terminal").isFalse();
        assertThat(ProgressReporter.isTerminal("pipe:[81723]", true)).isFalse();
        assertThat(ProgressReporter.isTerminal(null, true)).as("no /proc: the console decides").isTrue();
        assertThat(ProgressReporter.isTerminal(null, false)).isFalse();
    }
}
