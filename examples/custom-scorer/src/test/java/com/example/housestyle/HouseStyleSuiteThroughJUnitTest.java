package com.example.housestyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import dev.evalgate.engine.RunResult;
import dev.evalgate.junit.EvalgateEngineConfig;
import dev.evalgate.junit.EvalgateTestKit;
import dev.evalgate.junit.RunResultAssert;

/**
 * The example suite run through the JUnit Platform, the way a project runs its own suites under Maven Surefire:
 * the scorer is found on the test class path, with no plugin option at all.
 */
class HouseStyleSuiteThroughJUnitTest {
    static final Path SUITE = Path.of("suite", "suite.yaml").toAbsolutePath();

    @TempDir
    Path runs;

    @Test
    void theJUnitEngineFindsTheScorerOnTheClassPathAndTheGateFailsTheOffendingCase() {
        Events tests = EngineTestKit.engine(EvalgateEngineConfig.ENGINE_ID)
                .configurationParameter(EvalgateEngineConfig.RUNS_DIRECTORY, runs.toString())
                .selectors(selectFile(SUITE.toFile())).execute().testEvents();

        tests.assertThatEvents().haveExactly(1, event(test("case", "support-style/reset"), finishedSuccessfully()))
                .haveExactly(1, event(test("case", "support-style/export"), finishedSuccessfully()));
        tests.assertThatEvents().haveExactly(1, event(test("case", "support-style/invoice"),
                finishedWithFailure(message(m -> m.contains("banned terms 'utilize' (use 'use')")
                        && m.contains("'click here'") && m.contains("product name 'Acme Cloud'")))));
    }

    @Test
    void theTestKitRunsTheSuiteInProcess() {
        RunResult run = EvalgateTestKit.writingRunsTo(runs).run(SUITE);

        RunResultAssert.assertThat(run).hasResults(3).hasNoErroredCases();
        assertThat(run.results()).filteredOn(r -> r.caseId().equals("reset")).singleElement()
                .satisfies(r -> assertThat(r.scores().get(0).passed()).isTrue());
        assertThat(run.results()).filteredOn(r -> r.caseId().equals("invoice")).singleElement()
                .satisfies(r -> assertThat(r.scores().get(0).value()).isZero());
    }
}
