package dev.evalgate.datasets.tooling;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.Lineage;
import dev.evalgate.datasets.lineage.Operations;

/**
 * Splits a corpus into disjoint corpora (train/dev/test, or any names) by a stable, seeded assignment: each case
 * goes to the split its own {@code sha256(seed, id)} falls in, read as a number in [0, 1) against the cumulative
 * fractions. A case's split depends on nothing but the seed and its id, so adding cases to the corpus, removing
 * others or editing their content moves no existing case, and no id can land in two splits.
 *
 * <p>Because the assignment is per case, every tag (stratum) is divided in the given proportions in expectation,
 * not exactly: a quota per stratum would have to move old cases whenever new ones arrive. The result counts each
 * stratum per split, so a small stratum that missed a split is visible.
 *
 * <p>The corpus is streamed: each case line is written, byte for byte, to its split as it is read.
 */
public final class CorpusSplitter {

    /** A split's name (used as the directory name and the corpus-name suffix) and its share of the cases. */
    public record Split(String name, double fraction) {
        public Split {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("split name '" + name + "': use letters, digits, '.', '_' and '-'");
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("split '" + name + "': the fraction must be in (0, 1], was "
                        + fraction);
            }
        }

        /** Parses {@code train=0.8,dev=0.1,test=0.1}; the fractions must add up to 1. */
        public static List<Split> parseAll(String spec) {
            List<Split> splits = new ArrayList<>();
            double total = 0;
            for (String part : spec.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + part.strip() + "': expected NAME=FRACTION, e.g."
                            + " train=0.8,test=0.2");
                }
                double fraction;
                try {
                    fraction = Double.parseDouble(part.substring(eq + 1).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + part.strip() + "': the fraction is not a number");
                }
                Split split = new Split(part.substring(0, eq).strip(), fraction);
                if (splits.stream().anyMatch(s -> s.name().equals(split.name()))) {
                    throw new IllegalArgumentException("split '" + split.name() + "' is named twice");
                }
                splits.add(split);
                total += fraction;
            }
            if (splits.size() < 2) {
                throw new IllegalArgumentException("give at least two splits, e.g. train=0.8,test=0.2");
            }
            if (Math.abs(total - 1) > 1e-9) {
                throw new IllegalArgumentException("the fractions add up to " + total + "; they must add up to 1");
            }
            return List.copyOf(splits);
        }
    }

    /**
     * @param manifests the written corpora, by split name, in the order the splits were given
     * @param strata    for each stratum (sorted tags, see {@link StratifiedSampler#stratum}), cases per split
     */
    public record Result(int cases, Map<String, CorpusManifest> manifests, Map<String, Map<String, Integer>> strata) {
    }

    private CorpusSplitter() {
    }

    /** The split of one id under a seed: a pure function of the two. */
    public static String assign(String id, long seed, List<Split> splits) {
        double u = unitInterval(id, seed);
        double cumulative = 0;
        for (Split split : splits) {
            cumulative += split.fraction();
            if (u < cumulative) {
                return split.name();
            }
        }
        return splits.get(splits.size() - 1).name();
    }

    /** sha256 of the seed and the id, its first 53 bits as a double in [0, 1). */
    static double unitInterval(String id, long seed) {
        MessageDigest digest = ContentHash.digest();
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        digest.update(id.getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(digest.digest()).getLong() >>> 11;
        return bits / (double) (1L << 53);
    }

    /**
     * Writes one corpus per split into {@code out/NAME}, each named {@code CORPUS-NAME} with the corpus's version,
     * its lineage recording the parent corpus, the seed and the fractions.
     *
     * @param tagPrefix strata for the count: the tags that start with it ("" for all tags)
     */
    public static Result split(Path corpus, List<Split> splits, long seed, String tagPrefix, Path out,
                               boolean overwrite) {
        Map<String, CorpusStreamWriter> writers = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> strata = new TreeMap<>();
        try {
            for (Split split : splits) {
                writers.put(split.name(), CorpusStreamWriter.open(out.resolve(split.name()), overwrite));
            }
            int[] count = {0};
            CorpusManifest parent = CorpusLoader.verifying().stream(corpus, (line, text, evalCase) -> {
                String name = assign(evalCase.id(), seed, splits);
                writers.get(name).addLine(text, evalCase);
                strata.computeIfAbsent(StratifiedSampler.stratum(evalCase, tagPrefix == null ? "" : tagPrefix),
                        k -> new LinkedHashMap<>()).merge(name, 1, Integer::sum);
                count[0]++;
            });
            Map<String, Object> fractions = new LinkedHashMap<>();
            splits.forEach(s -> fractions.put(s.name(), s.fraction()));
            for (Split split : splits) {
                if (writers.get(split.name()).count() == 0) {
                    // checked for every split before any is written, so a refused split leaves nothing behind
                    throw new InvalidInputException(null, 0, "--splits", "split '" + split.name() + "' got no case"
                            + " of the " + count[0] + "; give it a larger fraction or split a larger corpus");
                }
            }
            Map<String, CorpusManifest> manifests = new LinkedHashMap<>();
            for (Split split : splits) {
                CorpusStreamWriter writer = writers.get(split.name());
                Map<String, Object> parameters = new LinkedHashMap<>();
                parameters.put("split", split.name());
                parameters.put("seed", seed);
                parameters.put("fractions", fractions);
                parameters.put("assignment", "sha256(seed, id)");
                parameters.put("cases", writer.count());
                parameters.put("of", count[0]);
                String name = parent.name() + "-" + split.name();
                CorpusManifest manifest = new CorpusManifest(name, parent.version(), "Split '" + split.name()
                        + "' (" + writer.count() + " of " + count[0] + " cases, fraction " + split.fraction()
                        + ", seed " + seed + ") of " + parent.name() + " " + parent.version() + " (cases sha256 "
                        + parent.casesSha256() + ")." + (parent.description().isBlank() ? ""
                        : "\n\n" + parent.description()), parent.license(), parent.source(),
                        CorpusManifest.DEFAULT_CASES_FILE, "0".repeat(64), parent.tags(),
                        Lineage.derive(Operations.SPLIT, parameters, List.of(parent)));
                manifests.put(split.name(), writer.commit(manifest));
            }
            return new Result(count[0], manifests, strata);
        } finally {
            writers.values().forEach(CorpusStreamWriter::abort);
        }
    }

    /** Cases of the given list per split, for callers that hold the cases already. */
    public static Map<String, List<EvalCase>> assignAll(List<EvalCase> cases, long seed, List<Split> splits) {
        Map<String, List<EvalCase>> out = new LinkedHashMap<>();
        splits.forEach(s -> out.put(s.name(), new ArrayList<>()));
        cases.forEach(c -> out.get(assign(c.id(), seed, splits)).add(c));
        return out;
    }
}
