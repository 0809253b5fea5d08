package dev.evalgate.datasets.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalgate.datasets.ConfigNode;

/**
 * The {@code lineage:} field of {@code manifest.yaml}: a list of steps, oldest first.
 *
 * <pre>
 * lineage:
 * - operation: import
 *   corpus: {name: support, version: 1.0.0, sha256: 3f2a...}
 *   parents: []
 *   parameters: {format: jsonl, source: tickets.jsonl, source_sha256: 9c1e..., mapping: {...}}
 * - operation: split
 *   corpus: {name: support-test, version: 1.0.0, sha256: 77b0...}
 *   parents:
 *   - {name: support, version: 1.0.0, sha256: 3f2a...}
 *   parameters: {split: test, seed: 7, ...}
 * </pre>
 */
public final class LineageYaml {
    private LineageYaml() {
    }

    public static Lineage parse(ConfigNode node) {
        if (node.isNull()) {
            return Lineage.NONE;
        }
        List<LineageStep> steps = new ArrayList<>();
        for (ConfigNode item : node.asList()) {
            item.allowOnly("operation", "corpus", "parents", "parameters");
            String operation = item.requiredString("operation");
            if (!operation.matches("[a-z][a-z0-9-]*")) {
                throw item.required("operation").error("use lowercase letters, digits and '-'");
            }
            CorpusRef corpus = ref(item.required("corpus"));
            List<CorpusRef> parents = new ArrayList<>();
            item.optional("parents").filter(p -> !p.isNull()).ifPresent(p -> p.asList().forEach(
                    parent -> parents.add(ref(parent))));
            Map<String, Object> parameters = item.optional("parameters").filter(p -> !p.isNull())
                    .map(ConfigNode::toPlainMap).orElse(Map.of());
            steps.add(new LineageStep(operation, corpus, parents, parameters));
        }
        return new Lineage(steps);
    }

    private static CorpusRef ref(ConfigNode node) {
        node.allowOnly("name", "version", "sha256");
        String sha = node.string("sha256", null);
        if (sha != null && !sha.matches("[0-9a-f]{64}")) {
            throw node.required("sha256").error("expected 64 lowercase hexadecimal digits");
        }
        return new CorpusRef(node.requiredString("name"), node.requiredString("version"), sha);
    }

    /** The lineage as plain data for the YAML writer. */
    public static List<Object> toPlain(Lineage lineage) {
        List<Object> out = new ArrayList<>();
        for (LineageStep step : lineage.steps()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("operation", step.operation());
            item.put("corpus", ref(step.corpus()));
            item.put("parents", step.parents().stream().map(LineageYaml::ref).toList());
            item.put("parameters", step.parameters());
            out.add(item);
        }
        return out;
    }

    private static Map<String, Object> ref(CorpusRef ref) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", ref.name());
        out.put("version", ref.version());
        if (ref.sha256() != null) {
            out.put("sha256", ref.sha256());
        }
        return out;
    }
}
