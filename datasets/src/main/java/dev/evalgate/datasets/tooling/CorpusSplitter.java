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
 * Splits a corpus into disjoint corpora (train/dev/test, or any names) by a stable, seeded assignment, stratified by
 * tag. Each case goes to the split its own {@code sha256(seed, id)} falls in, read as a number in [0, 1) against the
 * cumulative fractions; within each tag stratum the cases are therefore divided by the same thresholds, and the
 * result counts every stratum per split so the realised proportions can be set beside the asked ones.
 *
 * <p>Small strata: a stratum of n cases "should" reach every split whose share of it, n &times; fraction, is at
 * least one case. When the hash alone leaves such a split without a case of the stratum, the stratum's case whose
 * hash lies nearest that split's range (ties by id) is moved there, provided its own split keeps a case it should
 * keep. These moves are the only exception to the rule that a case's split depends on nothing but the seed and its
 * id, and they are listed in the result and the lineage.
 *
 * <p>The trade-off, stated exactly: a rule under which adding cases can never move an existing case must place
 * each case by the case alone (take a corpus holding just that case), and such a rule cannot promise a small
 * stratum a case in every split. So adding cases never moves a case placed by its hash; a case the small-stratum
 * rule moved may go back to its hash split when its stratum grows (and another may be moved in a stratum that
 * needs it). Splitting without the fill ({@code fill = false}) keeps the pure assignment: stable under every change,
 * proportions per stratum only in expectation.
 *
 * <p>The corpus is streamed: each case line is written, byte for byte, to its split as it is read. Only when the
 * small-stratum rule moves a case is the corpus read a second time.
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
     * @param filled    cases the small-stratum rule moved, id to the split it was moved to
     * @param unfilled  "STRATUM -> SPLIT" for each split a small stratum should have reached but could not
     *                  (every case it could give was needed where it was)
     */
    public record Result(int cases, Map<String, CorpusManifest> manifests, Map<String, Map<String, Integer>> strata,
                         Map<String, String> filled, List<String> unfilled) {
    }

    private CorpusSplitter() {
    }

    /** The split of one id under a seed by its hash alone: a pure function of the two. */
    public static String assign(String id, long seed, List<Split> splits) {
        return assign(unitInterval(id, seed), splits);
    }

    private static String assign(double u, List<Split> splits) {
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

    /** Splits with the small-stratum rule; see {@link #split(Path, List, long, String, Path, boolean, boolean)}. */
    public static Result split(Path corpus, List<Split> splits, long seed, String tagPrefix, Path out,
                               boolean overwrite) {
        return split(corpus, splits, seed, tagPrefix, out, overwrite, true);
    }

    /**
     * Writes one corpus per split into {@code out/NAME}, each named {@code CORPUS-NAME} with the corpus's version,
     * its lineage recording the parent corpus, the seed, the fractions and any case the small-stratum rule moved.
     *
     * @param tagPrefix strata: the tags that start with it ("" for all tags)
     * @param fill      whether to apply the small-stratum rule (see the class comment)
     */
    public static Result split(Path corpus, List<Split> splits, long seed, String tagPrefix, Path out,
                               boolean overwrite, boolean fill) {
        String prefix = tagPrefix == null ? "" : tagPrefix;
        Pass first = pass(corpus, splits, seed, prefix, out, overwrite, Map.of());
        List<String> unfilled = new ArrayList<>();
        Map<String, String> moves = fill ? first.tally.fill(unfilled) : Map.of();
        if (moves.isEmpty()) {
            return first.commit(splits, seed, prefix, fill, moves, unfilled);
        }
        first.abort();
        Pass second = pass(corpus, splits, seed, prefix, out, overwrite, moves);
        second.tally.fill(new ArrayList<>()); // brings the counts to where the moves put them
        return second.commit(splits, seed, prefix, fill, moves, unfilled);
    }

    /** One streaming pass over the corpus: every case line written to its split, the strata counted. */
    private static Pass pass(Path corpus, List<Split> splits, long seed, String prefix, Path out, boolean overwrite,
                             Map<String, String> moves) {
        Map<String, CorpusStreamWriter> writers = new LinkedHashMap<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        StratumTally tally = new StratumTally(splits);
        boolean done = false;
        try {
            for (Split split : splits) {
                index.put(split.name(), index.size());
                writers.put(split.name(), CorpusStreamWriter.open(out.resolve(split.name()), overwrite));
            }
            int[] count = {0};
            CorpusManifest parent = CorpusLoader.verifying().stream(corpus, (line, text, evalCase) -> {
                double u = unitInterval(evalCase.id(), seed);
                String byHash = assign(u, splits);
                writers.get(moves.getOrDefault(evalCase.id(), byHash)).addLine(text, evalCase);
                // counted where the hash put it; the second pass's fill() replays the moves on these counts
                tally.add(StratifiedSampler.stratum(evalCase, prefix), evalCase.id(), u, index.get(byHash));
                count[0]++;
            });
            done = true;
            return new Pass(parent, count[0], writers, tally);
        } finally {
            if (!done) {
                writers.values().forEach(CorpusStreamWriter::abort);
            }
        }
    }

    private record Pass(CorpusManifest parent, int count, Map<String, CorpusStreamWriter> writers,
                        StratumTally tally) {

        void abort() {
            writers.values().forEach(CorpusStreamWriter::abort);
        }

        Result commit(List<Split> splits, long seed, String prefix, boolean fill, Map<String, String> moves,
                      List<String> unfilled) {
            try {
                Map<String, Object> fractions = new LinkedHashMap<>();
                splits.forEach(s -> fractions.put(s.name(), s.fraction()));
                for (Split split : splits) {
                    if (writers.get(split.name()).count() == 0) {
                        // checked for every split before any is written, so a refused split leaves nothing behind
                        throw new InvalidInputException(null, 0, "--splits", "split '" + split.name()
                                + "' got no case of the " + count + "; give it a larger fraction or split a larger"
                                + " corpus");
                    }
                }
                Map<String, CorpusManifest> manifests = new LinkedHashMap<>();
                for (Split split : splits) {
                    CorpusStreamWriter writer = writers.get(split.name());
                    Map<String, Object> parameters = new LinkedHashMap<>();
                    parameters.put("split", split.name());
                    parameters.put("seed", seed);
                    parameters.put("fractions", fractions);
                    parameters.put("by_tag", prefix);
                    parameters.put("assignment", fill ? "sha256(seed, id); small tag strata filled" : "sha256(seed, id)");
                    if (!moves.isEmpty()) {
                        parameters.put("filled", new LinkedHashMap<>(moves));
                    }
                    parameters.put("cases", writer.count());
                    parameters.put("of", count);
                    String name = parent.name() + "-" + split.name();
                    CorpusManifest manifest = new CorpusManifest(name, parent.version(), "Split '" + split.name()
                            + "' (" + writer.count() + " of " + count + " cases, fraction " + split.fraction()
                            + ", seed " + seed + ") of " + parent.name() + " " + parent.version()
                            + " (cases sha256 " + parent.casesSha256() + ")." + (parent.description().isBlank() ? ""
                            : "\n\n" + parent.description()), parent.license(), parent.source(),
                            CorpusManifest.DEFAULT_CASES_FILE, "0".repeat(64), parent.tags(),
                            Lineage.derive(Operations.SPLIT, parameters, List.of(parent)));
                    manifests.put(split.name(), writer.commit(manifest));
                }
                return new Result(count, manifests, tally.counts(), moves, List.copyOf(unfilled));
            } finally {
                abort();
            }
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
