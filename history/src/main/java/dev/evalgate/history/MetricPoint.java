package dev.evalgate.history;

/** A metric's value in one run of a series, with the run it came from. */
public record MetricPoint(RunEntry run, MetricValue value) {
}
