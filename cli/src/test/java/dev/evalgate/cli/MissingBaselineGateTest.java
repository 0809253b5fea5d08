package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A baseline that was asked for and is missing leaves rules unchecked, and an unchecked rule is not a pass. */
class MissingBaselineGateTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingBaselineFailsTheRulesThatNeedItUnlessTheSuiteWarns() {
        CliFixture project = new CliFixture(tmp);

        CliFixture.Outcome strict = project.run("run", project.suite.toString(), "--baseline", "main", "--quiet");

        assertThat(strict.code()).as(strict.out() + strict.err()).isEqualTo(1);
        assertThat(strict.out()).contains("gate: FAILED (2 of 3 rules broken, 2 not checked)",
                "FAIL max_regression[pass]: not checked: the baseline was asked for but could not be read: no "
                        + "baseline 'main'", "evalgate baseline promote RUN_DIR --name main",
                "a rule that cannot be checked fails the gate (set on_unchecked: warn on the rule to accept this)");

        CliFixture.write(project.suite, CliFixture.read(project.suite) + String.join("\n",
                "gate:",
                "  on_unchecked: warn",
                "  no_new_failures: [adversarial]",
                "  max_regression:",
                "    - {metric: pass}", ""));
        CliFixture.Outcome lenient = project.run("run", project.suite.toString(), "--baseline", "main", "--quiet");

        assertThat(lenient.code()).as(lenient.out() + lenient.err()).isZero();
        assertThat(lenient.out()).contains("gate: PASSED (3 rules, 2 not checked)",
                "---- no_new_failures[tags=adversarial]: not checked",
                "note: max_regression[pass] was not checked (the baseline was asked for but could not be read");

        // Without --baseline the same rules are notes: the run was not meant to be compared.
        CliFixture.write(project.suite, CliFixture.read(project.suite).replace("  on_unchecked: warn\n", ""));
        CliFixture.Outcome alone = project.run("run", project.suite.toString(), "--quiet");
        assertThat(alone.code()).as(alone.out() + alone.err()).isZero();
        assertThat(alone.out()).contains("note: no baseline to compare with");
    }
}
