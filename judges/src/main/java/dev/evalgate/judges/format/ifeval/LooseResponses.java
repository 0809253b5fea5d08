package dev.evalgate.judges.format.ifeval;

import java.util.Arrays;
import java.util.List;

/**
 * IFEval's loose mode forgives the wrapping a model adds around an answer ("Sure, here it is:" and markdown
 * emphasis): an instruction counts as followed if any of eight variants of the response follows it.
 */
final class LooseResponses {
    private LooseResponses() {
    }

    /**
     * The response; without its first line; without its last line; without both; and each of those four with every
     * {@code *} removed — in the reference's order.
     */
    static List<String> variants(String response) {
        String[] lines = response.split("\n", -1);
        String removeFirst = PyText.strip(join(lines, 1, lines.length));
        String removeLast = PyText.strip(join(lines, 0, lines.length - 1));
        String removeBoth = PyText.strip(join(lines, 1, lines.length - 1));
        return List.of(response, response.replace("*", ""), removeFirst, removeLast, removeBoth,
                removeFirst.replace("*", ""), removeLast.replace("*", ""), removeBoth.replace("*", ""));
    }

    private static String join(String[] lines, int from, int to) {
        return from >= to ? "" : String.join("\n", Arrays.asList(lines).subList(from, to));
    }
}
