package dev.evalgate.junit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.platform.engine.ConfigurationParameters;
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
import dev.evalgate.engine.gate.GateRule;
import dev.evalgate.engine.tier.TierSelector;

/**
 * Turns a suite file into descriptors: the suite, one test per case of the configured tier, and the gate with one
 * test per rule. A suite that does not load becomes a container without children whose execution fails with the
 * input error, so a typo is a red test, not a silently missing one.
 */
final class CaseDiscovery {
    private final ScorerRegistry scorers;
    private final ConfigurationParameters config;

    CaseDiscovery(ScorerRegistry scorers, ConfigurationParameters config) {
        this.scorers = scorers;
        this.config = config;
    }

    SuiteDescriptor describe(UniqueId engineId, Path suiteFile) {
        SuiteDescriptor descriptor = new SuiteDescriptor(engineId, suiteFile);
        try {
            Suite suite = new SuiteLoader(scorers).load(suiteFile);
            Optional<String> tier = config.get(EvalgateEngineConfig.TIER).map(String::trim).filter(t -> !t.isEmpty());
            EvaluationRequest request = new EvaluationRequest(suite, Optional.empty(), Path.of("unused"),
                    Optional.empty(), Optional.empty(), Optional.empty(),
                    new BackendOptions(Optional.empty(), null, null, null),
                    tier.map(t -> TierSelector.selection(suite.tier(t))).orElse(null), null, null);
            for (PlannedCase planned : new Evaluation(scorers, ModelClients.load()).prepare(request).cases()) {
                descriptor.addChild(new CaseDescriptor(descriptor.getUniqueId(), planned.key()));
            }
            GateDescriptor gate = new GateDescriptor(descriptor.getUniqueId());
            List<GateRule> rules = suite.gate().rules();
            for (int i = 0; i < rules.size(); i++) {
                gate.addChild(new RuleDescriptor(gate.getUniqueId(), i, rules.get(i).name()));
            }
            descriptor.addChild(gate);
        } catch (InvalidInputException e) {
            // Reported when the suite executes; discovery itself must not throw.
        }
        return descriptor;
    }
}
