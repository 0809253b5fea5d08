package dev.evalgate.history.drift;

import dev.evalgate.history.RunMetrics;

/** Which way a metric gets worse: rates and scores when they fall, latency, tokens and errors when they rise. */
public final class MetricDirection {
    private MetricDirection() {
    }

    public static boolean higherIsBetter(String metric) {
        return !(metric.equals(RunMetrics.LATENCY_P50) || metric.equals(RunMetrics.LATENCY_P95)
                || metric.equals(RunMetrics.COMPLETION_TOKENS) || metric.equals(RunMetrics.ERRORED)
                || metric.equals(RunMetrics.OUTPUT_CHARS) || metric.endsWith("_ms") || metric.contains("tokens"));
    }
}
