package dev.evalgate.judges.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How well a judge agrees with people on the same items.
 *
 * @param items      labelled items judged
 * @param accuracy   share of items where the judge gave the person's label
 * @param kappa      Cohen's kappa: agreement beyond chance, 1 perfect, 0 chance level, negative worse than chance
 * @param categories the labels in the order of the matrix's rows and columns ({@code undecided} included when the
 *                   judge gave no verdict for some items)
 * @param confusion  {@code confusion.get(i).get(j)}: items a person labelled {@code categories[i]} and the judge
 *                   labelled {@code categories[j]}
 * @param undecided  items the judge could not decide
 */
public record Agreement(int items, double accuracy, double kappa, List<String> categories,
                        List<List<Integer>> confusion, int undecided) {
    public static final String UNDECIDED = "undecided";

    public Agreement {
        if (items < 1) {
            throw new IllegalArgumentException("items must be at least 1");
        }
        categories = List.copyOf(categories);
        Objects.requireNonNull(confusion, "confusion");
        List<List<Integer>> copy = new ArrayList<>();
        for (List<Integer> row : confusion) {
            copy.add(List.copyOf(row));
        }
        confusion = List.copyOf(copy);
        if (confusion.size() != categories.size()) {
            throw new IllegalArgumentException("confusion must have one row per category");
        }
    }

    /** Computes agreement from parallel lists of human and judge labels. */
    public static Agreement of(List<String> human, List<String> judge) {
        if (human.size() != judge.size() || human.isEmpty()) {
            throw new IllegalArgumentException("need the same, non-zero number of human and judge labels; got "
                    + human.size() + " and " + judge.size());
        }
        TreeSet<String> sorted = new TreeSet<>(human);
        sorted.addAll(judge);
        sorted.remove(UNDECIDED);
        List<String> categories = new ArrayList<>(sorted);
        if (judge.contains(UNDECIDED)) {
            categories.add(UNDECIDED);
        }
        int k = categories.size();
        int[][] matrix = new int[k][k];
        int agree = 0;
        for (int i = 0; i < human.size(); i++) {
            matrix[categories.indexOf(human.get(i))][categories.indexOf(judge.get(i))]++;
            if (human.get(i).equals(judge.get(i))) {
                agree++;
            }
        }
        int n = human.size();
        double observed = (double) agree / n;
        double expected = 0;
        for (int c = 0; c < k; c++) {
            int row = 0;
            int column = 0;
            for (int j = 0; j < k; j++) {
                row += matrix[c][j];
                column += matrix[j][c];
            }
            expected += ((double) row / n) * ((double) column / n);
        }
        // When chance agreement is already certain (everyone used one label) kappa is undefined; perfect agreement
        // then counts as 1 and anything else as 0, so a degenerate set never looks better than it is.
        double kappa = expected >= 1.0 ? (observed >= 1.0 ? 1.0 : 0.0) : (observed - expected) / (1 - expected);
        List<List<Integer>> confusion = new ArrayList<>();
        for (int[] row : matrix) {
            List<Integer> r = new ArrayList<>();
            for (int v : row) {
                r.add(v);
            }
            confusion.add(r);
        }
        int undecided = (int) judge.stream().filter(UNDECIDED::equals).count();
        return new Agreement(n, observed, kappa, categories, confusion, undecided);
    }

    /** A plain-text table for a terminal: rows are the people's labels, columns the judge's. */
    public String table() {
        StringBuilder out = new StringBuilder();
        int width = Math.max(9, categories.stream().mapToInt(String::length).max().orElse(0) + 1);
        out.append(String.format("%-" + (width + 7) + "s", "human \\ judge"));
        for (String c : categories) {
            out.append(String.format("%" + width + "s", c));
        }
        out.append('\n');
        for (int i = 0; i < categories.size(); i++) {
            out.append(String.format("%-" + (width + 7) + "s", categories.get(i)));
            for (int v : confusion.get(i)) {
                out.append(String.format("%" + width + "d", v));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
