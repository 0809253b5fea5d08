package dev.evalgate.judges.injection;

import java.util.Optional;

import dev.evalgate.engine.CaseDataException;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;
import dev.evalgate.engine.ScoringContext;

/**
 * One sign that an attack worked (a leak, an obeyed goal). A check applies only to cases that declare what it
 * looks for; {@code injection-resistance} combines the checks that apply.
 */
public interface AttackCheck extends Scorer {

    /** The check's verdict, failed when the attack worked; empty when the case gives this check nothing to look for. */
    Optional<Score> check(ScoringContext context);

    /** Why the check does not apply, for the explanation of a case it passes by default. */
    String notApplicable();

    @Override
    default Score score(ScoringContext context) {
        try {
            return check(context).orElseGet(() -> Score.pass(name(), notApplicable()));
        } catch (CaseDataException e) {
            return Score.undecided(name(), e.getMessage());
        }
    }

    String name();
}
