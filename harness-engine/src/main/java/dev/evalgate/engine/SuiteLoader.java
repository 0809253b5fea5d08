package dev.evalgate.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.engine.compare.MetricDelta;
import dev.evalgate.engine.gate.GatePolicy;
import dev.evalgate.engine.gate.GatePolicyParser;
import dev.evalgate.engine.internal.StoredTextRedactor;
import dev.evalgate.engine.tier.Tier;
import dev.evalgate.engine.tier.TierParser;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/** Reads {@code suite.yaml}; checks scorer types against the registry so a typo fails before any model call. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class SuiteLoader {
    private final ScorerRegistry scorers;

    public SuiteLoader(ScorerRegistry scorers) {
        this.scorers = scorers;
    }

    public Suite load(Path file) {
        ConfigNode root = ConfigNode.parseYaml(file);
        root.allowOnly("name", "description", "bundle", "corpora", "scorers", "judge", "repeats", "concurrency",
                "timeout_seconds", "output", "gate", "tiers", "baselines", "history", "redact",
                "plugins");
        Path dir = file.toAbsolutePath().getParent();
        String name = root.string("name", stripExtension(file.getFileName().toString()));
        // Where the run history is recorded; the history sink reads it from the file, here it is only checked.
        root.optional("history").ifPresent(ConfigNode::asString);

        List<Path> corpora = new ArrayList<>();
        ConfigNode corporaNode = root.required("corpora");
        for (ConfigNode item : corporaNode.isList() ? corporaNode.asList() : List.of(corporaNode)) {
            corpora.add(item.asPathIn(dir));
        }
        if (corpora.isEmpty()) {
            throw corporaNode.error("list at least one corpus directory");
        }

        // Plugin jars first: the scorer types below may come from them.
        List<Path> plugins = new ArrayList<>();
        Optional<ConfigNode> pluginsNode = root.optional("plugins");
        for (ConfigNode item : pluginsNode.map(n -> n.isList() ? n.asList() : List.of(n)).orElse(List.of())) {
            Path plugin = item.asPathIn(dir);
            if (!Files.exists(plugin)) {
                throw item.error("plugin jar or directory " + plugin + " does not exist");
            }
            plugins.add(plugin);
        }
        // The suite's plugins are opened here only to know their scorer types; the run opens them again.
        try (Plugins suitePlugins = Plugins.open(plugins, ScorerRegistry.contextClassLoader(), file.toString())) {
            ScorerRegistry scorers = this.scorers.withPlugins(suitePlugins);

            List<ScorerSpec> specs = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (ConfigNode item : root.required("scorers").asList()) {
                item.allowOnly("name", "type", "params", "tags");
                String type = item.requiredString("type");
                if (!scorers.knows(type)) {
                    throw item.required("type").error("unknown scorer '" + type + "'; known scorers: "
                            + String.join(", ", scorers.providers().keySet()));
                }
                String scorerName = item.string("name", type);
                if (scorerName.equals(MetricDelta.OVERALL_PASS)) {
                    throw item.optional("name").orElse(item.required("type")).error("'" + MetricDelta.OVERALL_PASS
                            + "' is reserved for the overall pass rate; give this scorer another 'name'");
                }
                if (!names.add(scorerName)) {
                    throw item.error("two scorers are named '" + scorerName + "'; give each a distinct 'name'");
                }
                specs.add(new ScorerSpec(scorerName, type,
                        item.optional("params").map(ConfigNode::toPlainMap).orElse(null), item.strings("tags"),
                        SourceLocation.of(item)));
            }
            if (specs.isEmpty()) {
                throw root.required("scorers").error("list at least one scorer");
            }

            Optional<JudgeSpec> judge = root.optional("judge").map(node -> {
                node.allowOnly("model", "temperature", "seed", "max_tokens");
                GenerationParams d = GenerationParams.DEFAULTS;
                return new JudgeSpec(node.requiredString("model"), new GenerationParams(
                        node.number("temperature", 0.0), node.longValue("seed", d.seed()),
                        node.integer("max_tokens", d.maxTokens()), 1.0));
            });

            int repeats = root.integer("repeats", 1);
            if (repeats < 1 || repeats > Suite.MAX_REPEATS) {
                throw root.required("repeats").error("must be between 1 and " + Suite.MAX_REPEATS);
            }
            int concurrency = root.integer("concurrency", 1);
            if (concurrency < 1 || concurrency > 256) {
                throw root.required("concurrency").error("must be between 1 and 256");
            }
            int timeoutSeconds = root.integer("timeout_seconds", (int) ModelRequest.DEFAULT_TIMEOUT.toSeconds());
            if (timeoutSeconds < 1) {
                throw root.required("timeout_seconds").error("must be at least 1");
            }
            GatePolicy gate = root.optional("gate").map(node -> GatePolicyParser.parse(node, names))
                    .orElse(GatePolicy.DEFAULT);
            Map<String, Tier> tiers = root.optional("tiers").map(TierParser::parse).orElse(Map.of());
            List<String> redact = root.strings("redact");
            for (String kind : redact) {
                if (!StoredTextRedactor.KINDS.contains(kind)) {
                    throw root.required("redact").error("unknown kind '" + kind + "'; use pii, secrets or both");
                }
            }
            return new Suite(name, file, root.required("bundle").asPathIn(dir), corpora, specs, judge,
                    repeats, concurrency, Duration.ofSeconds(timeoutSeconds),
                    root.optional("output").map(n -> n.asPathIn(dir)).orElse(null), gate, tiers,
                    root.optional("baselines").map(n -> n.asPathIn(dir)).orElse(null), redact, plugins);
        }
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
