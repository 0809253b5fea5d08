package dev.evalgate.junit;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.platform.engine.UniqueId;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Evaluation;
import dev.evalgate.engine.EvaluationRequest;
import dev.evalgate.engine.ModelClients;
import dev.evalgate.engine.PlannedCase;
import dev.evalgate.engine.ScorerRegistry;
import dev.evalgate.engine.Suite;
import dev.evalgate.engine.SuiteLoader;

/**
 * Turns a suite file into descriptors: the suite, and one test per case. A suite that does not load becomes a
 * container without children whose execution fails with the input error, so a typo is a red test, not a silently
 * missing one.
 */
final class CaseDiscovery {
    private final ScorerRegistry scorers;

    CaseDiscovery(ScorerRegistry scorers) {
        this.scorers = scorers;
    }

    SuiteDescriptor describe(UniqueId engineId, Path suiteFile) {
        SuiteDescriptor descriptor = new SuiteDescriptor(engineId, suiteFile);
        try {
            Suite suite = new SuiteLoader(scorers).load(suiteFile);
            EvaluationRequest request = EvaluationRequest.of(suite, Path.of("unused"),
                    new BackendOptions(Optional.empty(), null, null, null));
            for (PlannedCase planned : new Evaluation(scorers, ModelClients.load()).prepare(request).cases()) {
                descriptor.addChild(new CaseDescriptor(descriptor.getUniqueId(), planned.key()));
            }
        } catch (InvalidInputException e) {
            // Reported when the suite executes; discovery itself must not throw.
        }
        return descriptor;
    }
}
