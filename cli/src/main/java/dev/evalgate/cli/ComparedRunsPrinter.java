package dev.evalgate.cli;

import java.io.PrintWriter;
import java.util.Locale;

import dev.evalgate.engine.compare.Comparability;
import dev.evalgate.engine.compare.Comparison;

/**
 * States what a comparison compares before its numbers: model, corpus, tier, repeats and bundle of both runs, with
 * each difference marked, and the warnings that make the comparison doubtful.
 */
final class ComparedRunsPrinter {
    private ComparedRunsPrinter() {
    }

    static void print(Comparison c, PrintWriter out) {
        out.printf(Locale.ROOT, "compared: baseline run %s, candidate run %s%n", c.baseline().runId(),
                c.candidate().runId());
        for (Comparability aspect : Comparability.values()) {
            String before = aspect.describe(c.baseline());
            String after = aspect.describe(c.candidate());
            if (aspect.same(c.baseline(), c.candidate())) {
                out.printf(Locale.ROOT, "  %-8s %s (both)%n", aspect.key(), after);
            } else {
                out.printf(Locale.ROOT, "  %-8s baseline %s, candidate %s  <- differs%n", aspect.key(), before,
                        after);
            }
        }
        c.warnings().forEach(w -> out.println("WARNING: " + w));
    }
}
