package dev.evalgate.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.apiguardian.api.API;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.pipeline.Pipeline;
import dev.evalgate.engine.pipeline.PipelineResult;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Runs evalgate suites as JUnit Platform tests: each suite file is a container, each case a test, and the gate a
 * container with one test per rule. It only adapts discovery and execution onto the engine's {@link Pipeline}, the
 * one {@code evalgate run} uses, so both reach the same verdict; deleting this module leaves the CLI whole.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class EvalgateTestEngine implements TestEngine {

    @Override
    public String getId() {
        return EvalgateEngineConfig.ENGINE_ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "evalgate");
        Set<Path> suites = new LinkedHashSet<>();
        request.getSelectorsByType(FileSelector.class).stream().map(FileSelector::getPath)
                .filter(EvalgateTestEngine::isSuiteFile).forEach(suites::add);
        for (DirectorySelector dir : request.getSelectorsByType(DirectorySelector.class)) {
            suites.addAll(suitesUnder(dir.getPath()));
        }
        for (UniqueIdSelector selector : request.getSelectorsByType(UniqueIdSelector.class)) {
            suiteOf(selector.getUniqueId(), uniqueId).ifPresent(suites::add);
        }
        if (suites.isEmpty()) {
            request.getConfigurationParameters().get(EvalgateEngineConfig.SUITES).ifPresent(list -> {
                for (String item : list.split(",")) {
                    if (!item.isBlank()) {
                        suites.add(Path.of(item.trim()));
                    }
                }
            });
        }
        CaseDiscovery discovery = new CaseDiscovery(ScorerRegistry.load(), request.getConfigurationParameters());
        for (Path suite : suites) {
            engine.addChild(discovery.describe(engine.getUniqueId(), suite.toAbsolutePath().normalize()));
        }
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor root = request.getRootTestDescriptor();
        EngineExecutionListener listener = request.getEngineExecutionListener();
        listener.executionStarted(root);
        SuiteExecution execution = new SuiteExecution(Pipeline.load(), request.getConfigurationParameters());
        for (TestDescriptor child : root.getChildren()) {
            if (child instanceof SuiteDescriptor suite) {
                execution.execute(suite, listener);
            }
        }
        listener.executionFinished(root, TestExecutionResult.successful());
    }

    /** The last run of each suite, for tests of this engine and for tooling that drives it in-process. */
    public static Optional<RunResult> lastRun(Path suiteFile) {
        return SuiteExecution.lastResult(suiteFile).map(PipelineResult::run);
    }

    /** The last pipeline result of each suite (run, comparison, verdict, files written). */
    public static Optional<PipelineResult> lastResult(Path suiteFile) {
        return SuiteExecution.lastResult(suiteFile);
    }

    static boolean isSuiteFile(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(EvalgateEngineConfig.SUITE_FILE_SUFFIX);
    }

    private static List<Path> suitesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir, 8)) {
            return files.filter(EvalgateTestEngine::isSuiteFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Optional<Path> suiteOf(UniqueId id, UniqueId engineId) {
        if (!id.hasPrefix(engineId)) {
            return Optional.empty();
        }
        List<UniqueId.Segment> segments = new ArrayList<>(id.getSegments());
        return segments.stream().filter(s -> s.getType().equals(SuiteDescriptor.SEGMENT)).findFirst()
                .map(s -> Path.of(s.getValue()));
    }
}
