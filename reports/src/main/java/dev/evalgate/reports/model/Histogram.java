package dev.evalgate.reports.model;

import java.util.List;

/**
 * A bar chart laid out in a {@value #WIDTH} x {@value #HEIGHT} SVG box, so templates only place rectangles.
 *
 * @param from label of the left edge of the x axis
 * @param to   label of the right edge
 */
public record Histogram(String title, List<Bar> bars, String from, String to, int maxCount, int total) {
    public static final int WIDTH = 300;
    public static final int HEIGHT = 90;

    public Histogram {
        bars = List.copyOf(bars);
    }

    /** One bar; {@code label} is its range for the tooltip, x/y/w/h its rectangle. */
    public record Bar(String label, int count, double x, double y, double w, double h) {
    }

    /** Lays out counts as equal-width bars scaled to the tallest one. */
    public static Histogram of(String title, int[] counts, List<String> labels, String from, String to) {
        int max = 0;
        int total = 0;
        for (int c : counts) {
            max = Math.max(max, c);
            total += c;
        }
        double w = (double) WIDTH / counts.length;
        List<Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            double h = max == 0 ? 0 : Math.max(counts[i] > 0 ? 1 : 0, HEIGHT * (double) counts[i] / max);
            bars.add(new Bar(labels.get(i), counts[i], round(i * w + 0.5), round(HEIGHT - h), round(w - 1),
                    round(h)));
        }
        return new Histogram(title, bars, from, to, max, total);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
