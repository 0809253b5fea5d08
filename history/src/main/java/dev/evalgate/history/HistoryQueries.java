package dev.evalgate.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.evalgate.datasets.InvalidInputException;

/** Reads the history: runs, metric series, a case across runs, and the per-case values drift tests compare. */
public final class HistoryQueries {
    private static final String RUN_COLUMNS = "r.run_id, r.suite, r.started_at, r.status, r.bundle_id, "
            + "r.bundle_version, r.bundle_digest, r.model_backend, r.model_name, r.model_fingerprint, r.corpus_versions, "
            + "r.tier, r.shard, r.git_commit, r.git_branch, r.results, r.passed, r.errored, r.gate_passed, r.directory";

    /** Per-case values that drift tests compare between runs. */
    public enum CaseValue {
        OUTPUT_CHARS("output_chars"), COMPLETION_TOKENS("completion_tokens"), LATENCY_MS("latency_ms");

        private final String column;

        CaseValue(String column) {
            this.column = column;
        }
    }

    private final Connection connection;
    private final HistoryLocation location;

    HistoryQueries(Connection connection, HistoryLocation location) {
        this.connection = connection;
        this.location = location;
    }

    /** The most recent runs that match, oldest first (the order of a timeline). */
    public List<RunEntry> runs(RunFilter filter) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + RUN_COLUMNS + " FROM runs r" + where(filter, args)
                + " ORDER BY r.started_at DESC, r.run_id DESC" + (filter.limit() > 0 ? " LIMIT " + filter.limit() : "");
        List<RunEntry> runs = query(sql, args, HistoryQueries::runEntry);
        Collections.reverse(runs);
        return runs;
    }

    public Optional<RunEntry> run(String runId) {
        List<RunEntry> runs = query("SELECT " + RUN_COLUMNS + " FROM runs r WHERE r.run_id = ?", List.of(runId),
                HistoryQueries::runEntry);
        return runs.stream().findFirst();
    }

    /** The run with this id, or the single run whose id starts with it. */
    public RunEntry requireRun(String idOrPrefix) {
        Optional<RunEntry> exact = run(idOrPrefix);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<RunEntry> matches = query("SELECT " + RUN_COLUMNS + " FROM runs r WHERE r.run_id LIKE ? ESCAPE '!'",
                List.of(idOrPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"),
                HistoryQueries::runEntry);
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new InvalidInputException(null, 0, "RUN", matches.isEmpty() ? "no run '" + idOrPrefix + "' in the "
                + "history at " + location + "; 'evalgate history' lists the recorded runs"
                : "'" + idOrPrefix + "' matches " + matches.size() + " runs; give more of the run id");
    }

    public List<String> suites() {
        return query("SELECT DISTINCT suite FROM runs ORDER BY suite", List.of(), r -> r.getString(1));
    }

    /** Metric names recorded for the matching runs, in first-recorded order. */
    public List<String> metricNames(RunFilter filter) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT m.metric, MIN(r.started_at) AS first FROM metrics m JOIN runs r ON r.run_id = m.run_id"
                + where(filter, args) + " GROUP BY m.metric ORDER BY first, m.metric";
        List<String> names = query(sql, args, r -> r.getString(1));
        // The overall pass rate first, then scorers, then cost and speed.
        names.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return names;
    }

    private static int rank(String metric) {
        if (metric.equals(RunMetrics.PASS)) {
            return 0;
        }
        return List.of(RunMetrics.LATENCY_P50, RunMetrics.LATENCY_P95, RunMetrics.COMPLETION_TOKENS,
                RunMetrics.OUTPUT_CHARS, RunMetrics.ERRORED).contains(metric) ? 2 : 1;
    }

    /** One metric over the most recent matching runs, oldest first; runs without the metric are left out. */
    public List<MetricPoint> series(RunFilter filter, String metric) {
        Map<String, RunEntry> runs = new LinkedHashMap<>();
        runs(filter).forEach(r -> runs.put(r.runId(), r));
        if (runs.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        String filterSql = where(filter, args);
        args.add(0, metric);
        String sql = "SELECT m.run_id, m.value, m.lower_bound, m.upper_bound, m.n FROM metrics m JOIN runs r ON "
                + "r.run_id = m.run_id WHERE m.metric = ?"
                + (filterSql.isEmpty() ? "" : " AND " + filterSql.substring(" WHERE ".length()));
        Map<String, MetricValue> values = new LinkedHashMap<>();
        query(sql, args, r -> {
            values.put(r.getString(1), new MetricValue(metric, number(r, 2), number(r, 3), number(r, 4), r.getInt(5)));
            return null;
        });
        List<MetricPoint> points = new ArrayList<>();
        runs.forEach((id, run) -> {
            MetricValue v = values.get(id);
            if (v != null) {
                points.add(new MetricPoint(run, v));
            }
        });
        return points;
    }

    /**
     * One case across the matching runs, oldest first. {@code caseKey} is the case's key ({@code corpus/id}) or its
     * bare id.
     */
    public List<CaseEntry> caseHistory(RunFilter filter, String caseKey) {
        Map<String, RunEntry> runs = new LinkedHashMap<>();
        runs(filter).forEach(r -> runs.put(r.runId(), r));
        Map<String, CaseAccumulator> byRun = new LinkedHashMap<>();
        query("SELECT c.run_id, c.case_key, c.repeat_index, c.passed, c.errored, c.output, c.output_sha256, "
                + "c.output_chars, c.error FROM case_results c WHERE (c.case_key = ? OR c.case_id = ?) "
                + "ORDER BY c.run_id, c.repeat_index", List.of(caseKey, caseKey), r -> {
                    if (runs.containsKey(r.getString(1))) {
                        byRun.computeIfAbsent(r.getString(1), k -> new CaseAccumulator()).add(r);
                    }
                    return null;
                });
        query("SELECT s.run_id, s.scorer, AVG(s.value) FROM case_scores s JOIN case_results c ON c.run_id = s.run_id "
                + "AND c.case_key = s.case_key AND c.repeat_index = s.repeat_index WHERE (c.case_key = ? OR "
                + "c.case_id = ?) GROUP BY s.run_id, s.scorer ORDER BY s.run_id, s.scorer", List.of(caseKey, caseKey),
                r -> {
                    CaseAccumulator a = byRun.get(r.getString(1));
                    if (a != null) {
                        a.scores.put(r.getString(2), r.getDouble(3));
                    }
                    return null;
                });
        List<CaseEntry> entries = new ArrayList<>();
        runs.forEach((id, run) -> {
            CaseAccumulator a = byRun.get(id);
            if (a != null) {
                entries.add(a.entry(run));
            }
        });
        return entries;
    }

    /**
     * When the case's current run of failures began: the earliest failing run of the suite after its last passing
     * run, or empty when its latest run passed (or it never ran). One query, so it also answers from a {@code psql}
     * or {@code sqlite3} shell.
     */
    public Optional<RunEntry> failingSince(String suite, String caseKey) {
        String sql = "SELECT " + RUN_COLUMNS + " FROM runs r JOIN case_results c ON c.run_id = r.run_id "
                + "WHERE r.suite = ? AND (c.case_key = ? OR c.case_id = ?) AND c.passed = 0 "
                + "AND r.started_at > COALESCE((SELECT MAX(r2.started_at) FROM runs r2 JOIN case_results c2 "
                + "ON c2.run_id = r2.run_id WHERE r2.suite = ? AND (c2.case_key = ? OR c2.case_id = ?) "
                + "AND c2.passed = 1), '') ORDER BY r.started_at, r.run_id LIMIT 1";
        return query(sql, List.of(suite, caseKey, caseKey, suite, caseKey, caseKey), HistoryQueries::runEntry)
                .stream().findFirst();
    }

    /** Every result's value of one per-case figure in a run, for distribution tests. */
    public double[] caseValues(String runId, CaseValue value) {
        return query("SELECT " + value.column + " FROM case_results WHERE run_id = ? AND errored = 0", List.of(runId),
                r -> r.getDouble(1)).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Every value one scorer gave in a run. */
    public double[] scoreValues(String runId, String scorer) {
        return query("SELECT value FROM case_scores WHERE run_id = ? AND scorer = ?", List.of(runId, scorer),
                r -> r.getDouble(1)).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Scorer names recorded in a run. */
    public List<String> scorers(String runId) {
        return query("SELECT DISTINCT scorer FROM case_scores WHERE run_id = ? ORDER BY scorer", List.of(runId),
                r -> r.getString(1));
    }

    String specJson(String runId) {
        return query("SELECT spec_json FROM runs WHERE run_id = ?", List.of(runId), r -> r.getString(1)).stream()
                .findFirst().orElseThrow(() -> new HistoryException("no run " + runId + " in " + location));
    }

    private static String where(RunFilter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (filter.suite() != null) {
            conditions.add("r.suite = ?");
            args.add(filter.suite());
        }
        if (filter.branch() != null) {
            conditions.add("r.git_branch = ?");
            args.add(filter.branch());
        }
        if (filter.model() != null) {
            conditions.add("(r.model_name = ? OR r.model_fingerprint = ?)");
            args.add(filter.model());
            args.add(filter.model());
        }
        if (filter.bundle() != null) {
            conditions.add("(r.bundle_id = ? OR r.bundle_digest = ?)");
            args.add(filter.bundle());
            args.add(filter.bundle());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static RunEntry runEntry(ResultSet r) throws SQLException {
        int gate = r.getInt(19);
        Boolean gatePassed = r.wasNull() ? null : gate == 1;
        return new RunEntry(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11),
                r.getString(12), r.getString(13), r.getString(14), r.getString(15), r.getInt(16), r.getInt(17),
                r.getInt(18), gatePassed, r.getString(20));
    }

    private static double number(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? Double.NaN : v;
    }

    interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    <T> List<T> query(String sql, List<?> args, Row<T> row) {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            List<T> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    T value = row.read(r);
                    if (value != null) {
                        out.add(value);
                    }
                }
            }
            connection.commit();
            return out;
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new HistoryException("cannot read the run history at " + location + ": " + e.getMessage(), e);
        }
    }

    private static final class CaseAccumulator {
        String key;
        int repeats;
        int passed;
        boolean errored;
        String output;
        String sha;
        int chars;
        String error;
        final Map<String, Double> scores = new LinkedHashMap<>();

        void add(ResultSet r) throws SQLException {
            if (repeats == 0) {
                key = r.getString(2);
                output = r.getString(6);
                sha = r.getString(7);
                chars = r.getInt(8);
                error = r.getString(9);
            }
            repeats++;
            passed += r.getInt(4);
            errored |= r.getInt(5) == 1;
        }

        CaseEntry entry(RunEntry run) {
            return new CaseEntry(run, key, repeats, passed, errored, output, sha, chars, Map.copyOf(scores), error);
        }
    }
}
