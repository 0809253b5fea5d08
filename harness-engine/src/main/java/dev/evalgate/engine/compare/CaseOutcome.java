package dev.evalgate.engine.compare;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.evalgate.engine.CaseResult;

/**
 * One case in one run, taken over its repeats.
 *
 * @param repeats       how many results the run has for the case
 * @param passed        how many of them passed (scores from untrusted judges not counted)
 * @param errored       how many could not be evaluated
 * @param scores        each scorer's mean value over the repeats, by scorer name, in suite order
 * @param failedScorers names of scorers that failed at least one repeat (untrusted judges excluded)
 * @param firstRepeat   where the first repeat's output and error are read from: a comparison of a large corpus
 *                      holds the position of each case's first result in its run, not the outputs themselves
 */
@JsonPropertyOrder({"repeats", "passed", "errored", "scores", "failedScorers", "output", "error"})
public record CaseOutcome(int repeats, int passed, int errored, Map<String, Double> scores,
                          List<String> failedScorers, @JsonIgnore FirstRepeat firstRepeat) {
    public static final int MAX_OUTPUT_CHARS = 8 * 1024;

    public CaseOutcome {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, was " + repeats);
        }
        if (passed < 0 || passed > repeats) {
            throw new IllegalArgumentException("passed must be between 0 and repeats, was " + passed);
        }
        scores = Map.copyOf(Objects.requireNonNullElse(scores, Map.of()));
        failedScorers = List.copyOf(Objects.requireNonNullElse(failedScorers, List.of()));
        firstRepeat = Objects.requireNonNullElse(firstRepeat, FirstRepeat.NONE);
    }

    /** An outcome whose first repeat's output and error are at hand, as a stored comparison gives them. */
    @JsonCreator
    public static CaseOutcome of(@JsonProperty("repeats") int repeats, @JsonProperty("passed") int passed,
                                 @JsonProperty("errored") int errored,
                                 @JsonProperty("scores") Map<String, Double> scores,
                                 @JsonProperty("failedScorers") List<String> failedScorers,
                                 @JsonProperty("output") String output, @JsonProperty("error") String error) {
        return new CaseOutcome(repeats, passed, errored, scores, failedScorers, FirstRepeat.of(output, error));
    }

    /**
     * The first repeat's output, for side-by-side views, cut to {@link #MAX_OUTPUT_CHARS} so a comparison of a
     * large corpus stays small; the run itself keeps the full output. Read from the run when asked.
     */
    @JsonProperty("output")
    public String output() {
        String output = firstRepeat.output();
        return output == null ? "" : CaseResult.cap(output, MAX_OUTPUT_CHARS);
    }

    /** The first repeat's error, or null. */
    @JsonProperty("error")
    public String error() {
        return firstRepeat.error();
    }

    /** Share of repeats that passed. */
    @JsonIgnore
    public double passRate() {
        return (double) passed / repeats;
    }

    /** pass@k: at least one of the k repeats passed. */
    @JsonIgnore
    public boolean passAtK() {
        return passed > 0;
    }

    /** pass^k: all k repeats passed, the bar for a case that must work every time. */
    @JsonIgnore
    public boolean passAllK() {
        return passed == repeats;
    }

    /** The repeats disagree. */
    @JsonIgnore
    public boolean flaky() {
        return passed > 0 && passed < repeats;
    }

    /**
     * Share of pairs of repeats whose verdicts differ: an unbiased estimate of the chance that two runs of this case
     * disagree. 0 for a single repeat.
     */
    @JsonIgnore
    public double flipRate() {
        if (repeats < 2) {
            return 0.0;
        }
        return (double) passed * (repeats - passed) / (repeats * (repeats - 1) / 2.0);
    }

    /** Equal when the counts, scores and the first repeat's texts are, wherever those texts are read from. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CaseOutcome other && repeats == other.repeats && passed == other.passed
                && errored == other.errored && scores.equals(other.scores)
                && failedScorers.equals(other.failedScorers) && output().equals(other.output())
                && Objects.equals(error(), other.error());
    }

    @Override
    public int hashCode() {
        return Objects.hash(repeats, passed, errored, scores, failedScorers, output(), error());
    }

    @Override
    public String toString() {
        return "CaseOutcome[repeats=" + repeats + ", passed=" + passed + ", errored=" + errored + ", scores="
                + scores + ", failedScorers=" + failedScorers + "]";
    }

    /**
     * A case's first repeat, whose output and error a report may show: either read from the run's results when
     * asked ({@link #at}), or held, as a comparison read back from its file has them ({@link #of}).
     */
    public interface FirstRepeat {
        /** Neither output nor error. */
        FirstRepeat NONE = of("", null);

        String output();

        String error();

        /** Texts at hand. */
        static FirstRepeat of(String output, String error) {
            String capped = output == null ? "" : CaseResult.cap(output, MAX_OUTPUT_CHARS);
            return new FirstRepeat() {
                @Override
                public String output() {
                    return capped;
                }

                @Override
                public String error() {
                    return error;
                }
            };
        }

        /**
         * The result at {@code index} of a run's results, read only when its output or error is asked for: a run's
         * results are usually read from its file, so the comparison holds a position rather than the texts.
         */
        static FirstRepeat at(List<CaseResult> results, int index) {
            Objects.checkIndex(index, results.size());
            return new FirstRepeat() {
                @Override
                public String output() {
                    return results.get(index).output();
                }

                @Override
                public String error() {
                    return results.get(index).error();
                }
            };
        }
    }
}
