package dev.evalgate.engine.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.evalgate.engine.compare.SyntheticRuns;

class RunSinksTest {
    private final FinishedRun run = new FinishedRun(SyntheticRuns.run("r1", List.of()), null, null, null);
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aSinkThatReadsNoReportsRecordsWhileTheReportsAreWritten() {
        CountDownLatch recording = new CountDownLatch(1);
        RunSinks sinks = new RunSinks(List.of(new Sink("history", false, () -> {
            events.add("history recorded");
            recording.countDown();
        }), new Sink("exporter", true, () -> events.add("exporter read the reports"))));

        String written = sinks.acceptWhileReporting(run, () -> {
            // Waits for the history: were the sinks called only after the reports, this would time out.
            boolean beside = await(recording);
            events.add("reports written");
            return beside ? "reports" : "the history waited for the reports";
        }, warnings::add);

        assertThat(written).isEqualTo("reports");
        assertThat(events).containsExactly("history recorded", "reports written", "exporter read the reports");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFailingSinkIsAWarningAndTheReportsStand() {
        RunSinks sinks = new RunSinks(List.of(new Sink("history", false, () -> {
            throw new IllegalStateException("disk full");
        })));

        assertThat(sinks.acceptWhileReporting(run, () -> "reports", warnings::add)).isEqualTo("reports");
        assertThat(warnings).containsExactly("history was not updated for run r1: disk full");
    }

    @Test
    void whenTheReportsFailTheStartedSinksAreWaitedForAndTheOthersNotCalled() {
        CountDownLatch started = new CountDownLatch(1);
        RunSinks sinks = new RunSinks(List.of(new Sink("history", false, () -> {
            started.countDown();
            sleep(200);
            events.add("history recorded");
        }), new Sink("exporter", true, () -> events.add("exporter read the reports"))));

        assertThatThrownBy(() -> sinks.acceptWhileReporting(run, () -> {
            await(started);
            throw new IllegalStateException("no space for report.html");
        }, warnings::add)).hasMessage("no space for report.html");
        assertThat(events).containsExactly("history recorded");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Sink(String name, boolean needsReports, Runnable onAccept) implements RunSink {
        @Override
        public void accept(FinishedRun run) {
            onAccept.run();
        }
    }
}
