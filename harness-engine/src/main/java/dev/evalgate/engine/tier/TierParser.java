package dev.evalgate.engine.tier;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.evalgate.datasets.ConfigNode;
import dev.evalgate.engine.SourceLocation;

/**
 * Reads a suite's {@code tiers:} section.
 *
 * <pre>
 * tiers:
 *   smoke: {tags: [smoke], sample: 50, seed: 7}
 *   nightly: {fraction: 0.25}
 *   full: {}
 * </pre>
 */
public final class TierParser {
    private TierParser() {
    }

    public static Map<String, Tier> parse(ConfigNode tiers) {
        Map<String, Tier> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : tiers.asMap().entrySet()) {
            String name = entry.getKey();
            ConfigNode node = entry.getValue();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
                throw node.error("tier names are letters, digits, '-' and '_' (at most 64), such as smoke or full");
            }
            if (node.isNull()) {
                out.put(name, new Tier(name, null, 0, 1.0, Tier.DEFAULT_SEED, SourceLocation.of(node)));
                continue;
            }
            node.allowOnly("tags", "sample", "fraction", "seed");
            int sample = node.integer("sample", 0);
            if (sample < 0) {
                throw node.required("sample").error("must be a number of cases >= 1, or 0 for no limit");
            }
            double fraction = node.number("fraction", 1.0);
            if (!(fraction > 0 && fraction <= 1)) {
                throw node.required("fraction").error("must be a share of cases greater than 0 and at most 1");
            }
            out.put(name, new Tier(name, node.strings("tags"), sample, fraction,
                    node.longValue("seed", Tier.DEFAULT_SEED), SourceLocation.of(node)));
        }
        return out;
    }
}
