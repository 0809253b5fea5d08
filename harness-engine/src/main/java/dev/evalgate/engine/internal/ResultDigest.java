package dev.evalgate.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalgate.engine.CallStats;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.compare.TrustedScores;

/**
 * What the gate, the comparison and the reports read of each result, as columns of numbers: its case, verdict,
 * tokens, latency and each scorer's value and verdict, a few dozen bytes a result. A run read from its file makes
 * its digest while it checks the file, so passes that need only these figures read no result again; on a heap too
 * small to keep the results, each such pass would otherwise parse the whole file once more.
 *
 * <p>Scorers are in order of their first appearance in the results. {@link #forEachScore} visits a result's scores
 * in the result's own order; a result with two scores of one name (only a hand-made file has them) keeps the first
 * in the columns and the others aside, so sums and counts are those of every score.
 */
public final class ResultDigest {
    private static final byte ERRORED = 1;
    private static final byte PASSED = 2;
    private static final byte TRUSTED_PASSED = 4;
    private static final byte FALLBACK = 8;
    private static final byte SCORED = 1;
    private static final byte SCORE_PASSED = 2;
    private static final byte SCORE_UNDECIDED = 4;
    private static final byte SCORE_UNTRUSTED = 8;

    /** One score beside the columns: the second or later of its name in one result. */
    private record Extra(int result, int scorer, double value, byte flags) {
    }

    /** Reads one score: its scorer's place in {@link #scorers()}, its value and verdict. */
    @FunctionalInterface
    public interface ScoreVisitor {
        void score(int scorer, double value, boolean passed, boolean undecided, boolean untrusted);
    }

    private final int size;
    private final Map<String, Integer> caseNumbers;
    private final String[] keys;
    private final String[] corpora;
    private final int[] caseOf;
    private final List<String>[] tags;
    private final int[] repeats;
    private final byte[] flags;
    private final int[] repairs;
    private final int[] promptTokens;
    private final int[] completionTokens;
    private final int[] calls;
    private final int[] cachedCalls;
    private final double[] latencies;
    private final int[] outputChars;
    private final List<String> scorers;
    private final double[][] values;
    private final byte[][] scoreFlags;
    /** Per result, its scores' scorers in its own order (shared between results of one order). */
    private final int[][] orders;
    private final Extra[] extras;
    private final boolean judgeStats;
    private final boolean instructionCounts;

    /**
     * Takes the builder's columns, each cut to size as it is taken and dropped from the builder at once: with
     * every column copied before any was let go, the digest of a large run needed twice its size at this moment.
     */
    private ResultDigest(Builder b) {
        size = b.size;
        caseNumbers = b.cases;
        int cases = b.cases.size();
        keys = Columns.fit(b.keys, cases);
        b.keys = null;
        corpora = Columns.fit(b.corpora, cases);
        b.corpora = null;
        caseOf = Columns.fit(b.caseOf, size);
        b.caseOf = null;
        tags = Columns.fit(b.tags, size);
        b.tags = null;
        repeats = Columns.fit(b.repeats, size);
        b.repeats = null;
        flags = Columns.fit(b.flags, size);
        b.flags = null;
        repairs = Columns.fit(b.repairs, size);
        b.repairs = null;
        promptTokens = Columns.fit(b.promptTokens, size);
        b.promptTokens = null;
        completionTokens = Columns.fit(b.completionTokens, size);
        b.completionTokens = null;
        calls = Columns.fit(b.calls, size);
        b.calls = null;
        cachedCalls = Columns.fit(b.cachedCalls, size);
        b.cachedCalls = null;
        latencies = Columns.fit(b.latencies, size);
        b.latencies = null;
        outputChars = Columns.fit(b.outputChars, size);
        b.outputChars = null;
        scorers = List.copyOf(b.scorerIndex.keySet());
        values = new double[scorers.size()][];
        scoreFlags = new byte[scorers.size()][];
        for (int s = 0; s < scorers.size(); s++) {
            values[s] = Columns.fit(b.values.get(s), size);
            b.values.set(s, null);
            scoreFlags[s] = Columns.fit(b.scoreFlags.get(s), size);
            b.scoreFlags.set(s, null);
        }
        orders = Columns.fit(b.orders, size);
        b.orders = null;
        extras = b.extras.toArray(new Extra[0]);
        judgeStats = b.judgeStats;
        instructionCounts = b.instructionCounts;
    }

    /** The digest of a run's results: kept with a run read from its file, made in one pass otherwise. */
    public static ResultDigest of(List<CaseResult> results) {
        if (results instanceof StoredResults stored) {
            return stored.digest();
        }
        Builder b = new Builder();
        results.forEach(b::add);
        return b.build();
    }

    public int size() {
        return size;
    }

    /** How many distinct cases the results are of. */
    public int cases() {
        return keys.length;
    }

    /**
     * The positions of each case's results, by case number: results of one case spread apart (a merged or hand-made
     * run) are gathered, each case's in the order they lie.
     */
    public int[][] positionsByCase() {
        int[][] positions = new int[cases()][];
        int[] counts = new int[cases()];
        for (int i = 0; i < size; i++) {
            counts[caseOf[i]]++;
        }
        for (int c = 0; c < positions.length; c++) {
            positions[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int i = 0; i < size; i++) {
            int c = caseOf[i];
            positions[c][counts[c]++] = i;
        }
        return positions;
    }

    /** The case of result {@code i}, numbered in order of first appearance. */
    public int caseOf(int i) {
        return caseOf[i];
    }

    /** The number of the case with this key, or -1 when no result is of it. */
    public int caseNumber(String key) {
        Integer c = caseNumbers.get(key);
        return c == null ? -1 : c;
    }

    /** The key ({@link CaseResult#key()}) of case {@code c}. */
    public String caseKey(int c) {
        return keys[c];
    }

    /** The id of case {@code c} within its corpus ({@link CaseResult#caseId()}). */
    public String caseId(int c) {
        String corpus = corpora[c];
        return corpus.isEmpty() ? keys[c] : keys[c].substring(corpus.length() + 1);
    }

    /** The corpus of case {@code c}, as its first result names it. */
    public String corpus(int c) {
        return corpora[c];
    }

    /** The key of result {@code i}. */
    public String key(int i) {
        return keys[caseOf[i]];
    }

    public List<String> tags(int i) {
        return tags[i];
    }

    public int repeat(int i) {
        return repeats[i];
    }

    /** As {@link CaseResult#errored()}. */
    public boolean errored(int i) {
        return (flags[i] & ERRORED) != 0;
    }

    /** As {@link CaseResult#passed()}. */
    public boolean passed(int i) {
        return (flags[i] & PASSED) != 0;
    }

    /** As {@link TrustedScores#passed(CaseResult)}. */
    public boolean trustedPassed(int i) {
        return (flags[i] & TRUSTED_PASSED) != 0;
    }

    public boolean fallbackUsed(int i) {
        return (flags[i] & FALLBACK) != 0;
    }

    public int repairAttempts(int i) {
        return repairs[i];
    }

    public int promptTokens(int i) {
        return promptTokens[i];
    }

    public int completionTokens(int i) {
        return completionTokens[i];
    }

    public int calls(int i) {
        return calls[i];
    }

    public int cachedCalls(int i) {
        return cachedCalls[i];
    }

    public double latencyMs(int i) {
        return latencies[i];
    }

    /** The length of result {@code i}'s output, in chars. */
    public int outputChars(int i) {
        return outputChars[i];
    }

    /** Whether any result records judge calls (whose cost only the results themselves tell). */
    public boolean hasJudgeStats() {
        return judgeStats;
    }

    /**
     * Whether any score carries IFEval's per-instruction counts (a number in its details'
     * {@code instructions_total}): only then do the reports read the results again for IFEval's accuracies.
     */
    public boolean hasInstructionCounts() {
        return instructionCounts;
    }

    /** Scorer names in order of first appearance. */
    public List<String> scorers() {
        return scorers;
    }

    /** The place of a scorer in {@link #scorers()}, or -1. */
    public int scorer(String name) {
        return scorers.indexOf(name);
    }

    /** Whether result {@code i} has a score of scorer {@code s}; the getters below read its first one. */
    public boolean scored(int i, int s) {
        return (scoreFlags[s][i] & SCORED) != 0;
    }

    public double value(int i, int s) {
        return values[s][i];
    }

    public boolean scorePassed(int i, int s) {
        return (scoreFlags[s][i] & SCORE_PASSED) != 0;
    }

    public boolean untrusted(int i, int s) {
        return (scoreFlags[s][i] & SCORE_UNTRUSTED) != 0;
    }

    /** Every score of result {@code i}, in the result's order. */
    public void forEachScore(int i, ScoreVisitor visitor) {
        int[] order = orders[i];
        int extra = -1;
        for (int k = 0; k < order.length; k++) {
            int s = order[k];
            if (!seenBefore(order, k)) {
                byte f = scoreFlags[s][i];
                visitor.score(s, values[s][i], (f & SCORE_PASSED) != 0, (f & SCORE_UNDECIDED) != 0,
                        (f & SCORE_UNTRUSTED) != 0);
            } else {
                if (extra < 0) {
                    extra = firstExtra(i);
                }
                Extra e = extras[extra++];
                visitor.score(e.scorer(), e.value(), (e.flags() & SCORE_PASSED) != 0,
                        (e.flags() & SCORE_UNDECIDED) != 0, (e.flags() & SCORE_UNTRUSTED) != 0);
            }
        }
    }

    private static boolean seenBefore(int[] order, int k) {
        for (int j = 0; j < k; j++) {
            if (order[j] == order[k]) {
                return true;
            }
        }
        return false;
    }

    private int firstExtra(int result) {
        int lo = 0;
        int hi = extras.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (extras[mid].result() < result) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Folds results in, in the order of the list they come from. */
    public static final class Builder {
        private final Map<String, Integer> cases = new HashMap<>();
        private final Map<List<String>, List<String>> tagLists = new HashMap<>();
        private final Map<String, String> corpusNames = new HashMap<>();
        private final Map<String, Integer> scorerIndex = new LinkedHashMap<>();
        private final List<double[]> values = new ArrayList<>();
        private final List<byte[]> scoreFlags = new ArrayList<>();
        private final List<Extra> extras = new ArrayList<>();
        private final Map<List<Integer>, int[]> orderOf = new HashMap<>();
        private int[][] orders;
        private String[] keys;
        private String[] corpora;
        private int[] caseOf;
        private List<String>[] tags;
        private int[] repeats;
        private byte[] flags;
        private int[] repairs;
        private int[] promptTokens;
        private int[] completionTokens;
        private int[] calls;
        private int[] cachedCalls;
        private double[] latencies;
        private int[] outputChars;
        private boolean judgeStats;
        private boolean instructionCounts;
        private int size;
        private boolean built;

        public Builder() {
            this(16);
        }

        /** @param expected how many results will be added: columns of that size need no copy when built */
        public Builder(int expected) {
            int capacity = Math.max(expected, 1);
            orders = new int[capacity][];
            keys = new String[16];
            corpora = new String[16];
            caseOf = new int[capacity];
            tags = newTagColumn(capacity);
            repeats = new int[capacity];
            flags = new byte[capacity];
            repairs = new int[capacity];
            promptTokens = new int[capacity];
            completionTokens = new int[capacity];
            calls = new int[capacity];
            cachedCalls = new int[capacity];
            latencies = new double[capacity];
            outputChars = new int[capacity];
        }

        @SuppressWarnings("unchecked")
        private static List<String>[] newTagColumn(int capacity) {
            return new List[capacity];
        }

        public Builder add(CaseResult r) {
            if (built) {
                throw new IllegalStateException("this digest was built; its builder gave its columns away");
            }
            int i = size++;
            if (i == caseOf.length) {
                grow(i * 2);
            }
            String key = r.key();
            Integer c = cases.get(key);
            if (c == null) {
                c = cases.size();
                cases.put(key, c);
                if (c == keys.length) {
                    keys = Arrays.copyOf(keys, c * 2);
                    corpora = Arrays.copyOf(corpora, c * 2);
                }
                keys[c] = key;
                corpora[c] = corpusNames.computeIfAbsent(r.corpus(), n -> n);
            }
            caseOf[i] = c;
            // Runs have a handful of tag sets: each is held once, not once per result.
            tags[i] = tagLists.computeIfAbsent(r.tags(), t -> t);
            repeats[i] = r.repeat();
            flags[i] = (byte) ((r.errored() ? ERRORED : 0) | (r.passed() ? PASSED : 0)
                    | (TrustedScores.passed(r) ? TRUSTED_PASSED : 0) | (r.fallbackUsed() ? FALLBACK : 0));
            repairs[i] = r.repairAttempts();
            CallStats stats = r.stats();
            promptTokens[i] = stats.promptTokens();
            completionTokens[i] = stats.completionTokens();
            calls[i] = stats.calls();
            cachedCalls[i] = stats.cachedCalls();
            latencies[i] = stats.latencyMs();
            outputChars[i] = r.output().length();
            judgeStats |= !r.judgeStats().isEmpty();
            List<Integer> order = new ArrayList<>(r.scores().size());
            for (Score score : r.scores()) {
                int s = scorerIndex.computeIfAbsent(score.name(), n -> {
                    values.add(new double[caseOf.length]);
                    scoreFlags.add(new byte[caseOf.length]);
                    return values.size() - 1;
                });
                order.add(s);
                instructionCounts |= score.details() != null
                        && score.details().get("instructions_total") instanceof Number;
                byte f = (byte) (SCORED | (score.passed() ? SCORE_PASSED : 0)
                        | (score.undecided() ? SCORE_UNDECIDED : 0)
                        | (TrustedScores.untrusted(score) ? SCORE_UNTRUSTED : 0));
                if ((scoreFlags.get(s)[i] & SCORED) != 0) {
                    extras.add(new Extra(i, s, score.value(), f));
                } else {
                    values.get(s)[i] = score.value();
                    scoreFlags.get(s)[i] = f;
                }
            }
            // Results share a handful of orders: each is held once.
            orders[i] = orderOf.computeIfAbsent(order, o -> o.stream().mapToInt(Integer::intValue).toArray());
            return this;
        }

        private void grow(int capacity) {
            caseOf = Arrays.copyOf(caseOf, capacity);
            tags = Arrays.copyOf(tags, capacity);
            repeats = Arrays.copyOf(repeats, capacity);
            flags = Arrays.copyOf(flags, capacity);
            repairs = Arrays.copyOf(repairs, capacity);
            promptTokens = Arrays.copyOf(promptTokens, capacity);
            completionTokens = Arrays.copyOf(completionTokens, capacity);
            calls = Arrays.copyOf(calls, capacity);
            cachedCalls = Arrays.copyOf(cachedCalls, capacity);
            latencies = Arrays.copyOf(latencies, capacity);
            outputChars = Arrays.copyOf(outputChars, capacity);
            orders = Arrays.copyOf(orders, capacity);
            for (int s = 0; s < values.size(); s++) {
                values.set(s, Arrays.copyOf(values.get(s), capacity));
                scoreFlags.set(s, Arrays.copyOf(scoreFlags.get(s), capacity));
            }
        }

        public int size() {
            return size;
        }

        /** The digest of what was added; the builder is spent. */
        public ResultDigest build() {
            if (built) {
                throw new IllegalStateException("a digest's builder builds it once");
            }
            built = true;
            return new ResultDigest(this);
        }
    }
}
