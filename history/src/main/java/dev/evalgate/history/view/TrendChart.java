package dev.evalgate.history.view;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.evalgate.history.MetricPoint;
import dev.evalgate.history.drift.CauseMarker;
import dev.evalgate.history.drift.DriftFinding;

/**
 * One metric over runs as inline SVG: the value as a line, its interval as a band, drift findings as red marks
 * and model, corpus or bundle changes as purple rules. Every label is escaped; tooltips are SVG titles.
 */
final class TrendChart {
    static final int WIDTH = 900;
    static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;

    private TrendChart() {
    }

    static String svg(String metric, List<MetricPoint> series, List<DriftFinding> findings, List<CauseMarker> causes) {
        int n = series.size();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (MetricPoint p : series) {
            for (double v : new double[] {p.value().value(), p.value().lower(), p.value().upper()}) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            min = 0;
            max = 1;
        }
        if (max - min < 1e-9) {
            min -= 0.5;
            max += 0.5;
        }
        double pad = (max - min) * 0.08;
        double lo = min - pad;
        double hi = max + pad;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(series.get(i).run().runId(), i);
        }
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"trend\" data-metric=\"").append(Html.esc(metric)).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(Html.esc(metric))
                .append(" over ").append(n).append(" runs\" xmlns=\"http://www.w3.org/2000/svg\">");
        // Axis labels: the range of values.
        s.append(text(4, TOP + 10, Html.num(hi))).append(text(4, HEIGHT - BOTTOM, Html.num(lo)));
        s.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#d0d7de\"/>");
        // The interval band: upper ends left to right, then lower ends back.
        StringBuilder band = new StringBuilder();
        StringBuilder lower = new StringBuilder();
        for (int i = 0; i < n; i++) {
            var v = series.get(i).value();
            if (v.hasInterval()) {
                band.append(fmt(x(i, n))).append(',').append(fmt(y(v.upper(), lo, hi))).append(' ');
                lower.insert(0, fmt(x(i, n)) + "," + fmt(y(v.lower(), lo, hi)) + " ");
            }
        }
        if (band.length() > 0) {
            s.append("<polygon class=\"band\" points=\"").append(band).append(lower)
                    .append("\" fill=\"#0969da\" fill-opacity=\"0.15\" stroke=\"none\"/>");
        }
        for (CauseMarker c : causes) {
            Integer i = index.get(c.runId());
            if (i != null) {
                double cx = x(i, n);
                s.append("<line class=\"cause\" data-run=\"").append(Html.esc(c.runId())).append("\" x1=\"")
                        .append(fmt(cx)).append("\" x2=\"").append(fmt(cx)).append("\" y1=\"").append(TOP)
                        .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#8250df\" stroke-width=\"2\" "
                        + "stroke-dasharray=\"4 3\"><title>").append(Html.esc(String.join("; ", c.changes())))
                        .append("</title></line>");
            }
        }
        String line = java.util.stream.IntStream.range(0, n).filter(i -> !Double.isNaN(series.get(i).value().value()))
                .mapToObj(i -> fmt(x(i, n)) + "," + fmt(y(series.get(i).value().value(), lo, hi)))
                .collect(Collectors.joining(" "));
        s.append("<polyline class=\"value\" points=\"").append(line)
                .append("\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"1.5\"/>");
        for (int i = 0; i < n; i++) {
            MetricPoint p = series.get(i);
            if (Double.isNaN(p.value().value())) {
                continue;
            }
            String tip = p.run().runId() + " (" + p.run().startedAt() + "): " + Html.num(p.value().value())
                    + (p.value().hasInterval() ? " [" + Html.num(p.value().lower()) + ", "
                    + Html.num(p.value().upper()) + "]" : "");
            s.append("<circle class=\"point\" data-run=\"").append(Html.esc(p.run().runId())).append("\" cx=\"")
                    .append(fmt(x(i, n))).append("\" cy=\"").append(fmt(y(p.value().value(), lo, hi)))
                    .append("\" r=\"").append(n > 100 ? 2 : 3).append("\" fill=\"#0969da\"><title>")
                    .append(Html.esc(tip)).append("</title></circle>");
        }
        for (DriftFinding f : findings) {
            Integer i = index.get(f.runId());
            if (i == null) {
                continue;
            }
            double fx = x(i, n);
            double fy = TOP + 2;
            s.append("<path class=\"drift\" data-kind=\"").append(f.kind().name().toLowerCase(Locale.ROOT))
                    .append("\" data-run=\"").append(Html.esc(f.runId())).append("\" d=\"M").append(fmt(fx - 5))
                    .append(',').append(fmt(fy)).append(" L").append(fmt(fx + 5)).append(',').append(fmt(fy))
                    .append(" L").append(fmt(fx)).append(',').append(fmt(fy + 8)).append(" Z\" fill=\"")
                    .append(f.worse() ? "#cf222e" : "#1a7f37").append("\"><title>").append(Html.esc(f.description()))
                    .append("</title></path>");
        }
        if (n > 0) {
            s.append(text(LEFT, HEIGHT - 8, series.get(0).run().startedAt()));
            s.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 8)
                    .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#57606a\">")
                    .append(Html.esc(series.get(n - 1).run().startedAt())).append("</text>");
        }
        return s.append("</svg>").toString();
    }

    private static String text(int x, int y, String value) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"11\" fill=\"#57606a\">" + Html.esc(value) + "</text>";
    }

    private static double x(int i, int n) {
        return n <= 1 ? (LEFT + WIDTH - RIGHT) / 2.0 : LEFT + (double) i * (WIDTH - LEFT - RIGHT) / (n - 1);
    }

    private static double y(double v, double lo, double hi) {
        return TOP + (hi - v) / (hi - lo) * (HEIGHT - TOP - BOTTOM);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
