package dev.evalgate.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Which of a suite's cases a run evaluates (a tier, a shard), decided without a list of the cases: a {@link Pass}
 * is shown each case once, in plan order, as the corpora are read, and then says which it keeps. A selection that
 * depends on the case alone (a shard, a tag filter) keeps nothing but its answers; a sample keeps a few numbers per
 * case, never the case.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface CaseSelection {
    /** Every case. */
    CaseSelection ALL = where(c -> true);

    /** A new pass over a suite's cases. */
    Pass begin();

    /** One look at the cases of a suite. */
    interface Pass {
        /** Shows the pass the next case; cases come in plan order, each once. */
        void offer(PlannedCase planned);

        /** The {@link PlannedCase#index() indexes} of the offered cases that run; asked once, after every offer. */
        BitSet chosen();
    }

    /** The cases {@code keep} accepts, each decided on its own. */
    static CaseSelection where(Predicate<PlannedCase> keep) {
        Objects.requireNonNull(keep, "keep");
        return () -> new Pass() {
            private final BitSet chosen = new BitSet();

            @Override
            public void offer(PlannedCase planned) {
                if (keep.test(planned)) {
                    chosen.set(planned.index());
                }
            }

            @Override
            public BitSet chosen() {
                return chosen;
            }
        };
    }

    /**
     * The cases both selections keep. Each sees every case, so a selection that decides case by case (a shard)
     * narrows the other's choice exactly as if it had been applied to that choice.
     */
    default CaseSelection and(CaseSelection other) {
        Objects.requireNonNull(other, "other");
        CaseSelection self = this;
        return () -> {
            Pass first = self.begin();
            Pass second = other.begin();
            return new Pass() {
                @Override
                public void offer(PlannedCase planned) {
                    first.offer(planned);
                    second.offer(planned);
                }

                @Override
                public BitSet chosen() {
                    BitSet both = (BitSet) first.chosen().clone();
                    both.and(second.chosen());
                    return both;
                }
            };
        };
    }

    /** The cases of a list in hand that the selection keeps, in their order. */
    default List<PlannedCase> select(List<PlannedCase> cases) {
        Pass pass = begin();
        cases.forEach(pass::offer);
        BitSet chosen = pass.chosen();
        List<PlannedCase> kept = new ArrayList<>();
        for (PlannedCase c : cases) {
            if (chosen.get(c.index())) {
                kept.add(c);
            }
        }
        return List.copyOf(kept);
    }
}
