package dev.evalgate.junit;

import java.util.List;
import java.util.Locale;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.ScorerSummary;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * AssertJ assertions on a run, for teams that gate on evaluations inside their own JUnit tests:
 * {@code assertThat(run).hasNoErroredCases().scorer("json").hasPassRateAtLeast(0.95)}.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class RunResultAssert extends AbstractAssert<RunResultAssert, RunResult> {

    RunResultAssert(RunResult actual) {
        super(actual, RunResultAssert.class);
    }

    public static RunResultAssert assertThat(RunResult actual) {
        return new RunResultAssert(actual);
    }

    public RunResultAssert hasResults(int expected) {
        isNotNull();
        if (actual.results().size() != expected) {
            failWithMessage("expected %d results but the run has %d", expected, actual.results().size());
        }
        return this;
    }

    public RunResultAssert hasNoErroredCases() {
        isNotNull();
        List<String> errored = actual.results().stream().filter(CaseResult::errored)
                .map(r -> r.key() + "#" + r.repeat() + ": " + r.error()).limit(10).toList();
        if (!errored.isEmpty()) {
            failWithMessage("expected no errored cases but %d errored, e.g. %s", actual.summary().errored(), errored);
        }
        return this;
    }

    public RunResultAssert hasPassRateAtLeast(double minimum) {
        isNotNull();
        if (!(actual.summary().passRate() >= minimum)) {
            failWithMessage("expected a pass rate of at least %s but it was %s; failing cases: %s",
                    percent(minimum), percent(actual.summary().passRate()), failing(null));
        }
        return this;
    }

    /** Narrows the assertions to one scorer. */
    public ScorerAssert scorer(String name) {
        isNotNull();
        ScorerSummary summary = actual.summary().scorers().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElse(null);
        if (summary == null) {
            failWithMessage("the run has no scorer named '%s'; it has %s", name,
                    actual.summary().scorers().stream().map(ScorerSummary::name).toList());
        }
        return new ScorerAssert(this, summary);
    }

    private List<String> failing(String scorer) {
        return actual.results().stream()
                .filter(r -> scorer == null ? !r.passed() : r.score(scorer).map(s -> !s.passed()).orElse(false))
                .map(CaseResult::key).distinct().limit(10).toList();
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * value);
    }

    /** Assertions on one scorer's summary. */
    public static final class ScorerAssert {
        private final RunResultAssert parent;
        private final ScorerSummary summary;

        ScorerAssert(RunResultAssert parent, ScorerSummary summary) {
            this.parent = parent;
            this.summary = summary;
        }

        public ScorerAssert hasPassRateAtLeast(double minimum) {
            if (!(summary.passRate() >= minimum)) {
                parent.failWithMessage("expected scorer '%s' to pass at least %s but it passed %s; failing cases: %s",
                        summary.name(), percent(minimum), percent(summary.passRate()), parent.failing(summary.name()));
            }
            return this;
        }

        public ScorerAssert hasMeanAtLeast(double minimum) {
            if (!(summary.mean() >= minimum)) {
                parent.failWithMessage("expected scorer '%s' to have a mean of at least %s but it was %s",
                        summary.name(), minimum, summary.mean());
            }
            return this;
        }

        public RunResultAssert and() {
            return parent;
        }
    }
}
