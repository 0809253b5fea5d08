package dev.evalgate.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.CorpusRef;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSpec;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.compare.TrustedScores;
import dev.evalgate.engine.gate.GateVerdict;
import dev.evalgate.engine.internal.Json;

/** Writes one run into the history, in one transaction: a run is either recorded whole or not at all. */
public final class RunRecorder {
    /**
     * Outputs are kept to this length in the history (the run directory keeps them whole); their hash is of the
     * whole output, so a change beyond the kept part is still seen.
     */
    public static final int MAX_OUTPUT_CHARS = 4000;
    private static final int MAX_TAG_SETS_REMEMBERED = 1_000;
    static final int MAX_EXPLANATION_CHARS = 1000;
    private static final int BATCH = 500;

    private final Connection connection;
    private final HistoryLocation location;

    RunRecorder(Connection connection, HistoryLocation location) {
        this.connection = connection;
        this.location = location;
    }

    public boolean contains(String runId) {
        try (PreparedStatement p = connection.prepareStatement("SELECT 1 FROM runs WHERE run_id = ?")) {
            p.setString(1, runId);
            try (ResultSet r = p.executeQuery()) {
                boolean found = r.next();
                connection.commit();
                return found;
            }
        } catch (SQLException e) {
            throw failure("cannot look up run " + runId, e);
        }
    }

    /**
     * Records a run, replacing an earlier record of the same run id (a resumed run recorded again once finished).
     *
     * @param verdict the gate's verdict, or null when none was applied (an imported run)
     */
    public void record(RunResult run, GateVerdict verdict, GitInfo git) {
        RunSpec spec = run.spec();
        try {
            delete(spec.runId());
            insertRun(run, verdict, git);
            insertCorpora(spec);
            insertMetrics(spec.runId(), RunMetrics.of(run));
            insertCases(spec.runId(), run.results());
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw failure("cannot record run " + spec.runId(), e);
        }
    }

    private void delete(String runId) throws SQLException {
        for (String table : List.of("case_scores", "case_results", "metrics", "run_corpora", "runs")) {
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                p.setString(1, runId);
                p.executeUpdate();
            }
        }
    }

    private void insertRun(RunResult run, GateVerdict verdict, GitInfo git) throws SQLException {
        RunSpec spec = run.spec();
        String sql = "INSERT INTO runs (run_id, suite, suite_file, started_at, recorded_at, status, bundle_id, "
                + "bundle_version, bundle_digest, model_backend, model_name, model_fingerprint, corpus_versions, tier, "
                + "shard, repeats, git_commit, git_branch, engine_version, host, results, passed, errored, gate_passed, "
                + "directory, spec_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?)";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            int i = 1;
            p.setString(i++, spec.runId());
            p.setString(i++, spec.suite());
            p.setString(i++, spec.suiteFile());
            p.setString(i++, spec.startedAt());
            p.setString(i++, Instant.now().toString());
            p.setString(i++, status(run));
            p.setString(i++, spec.bundle() == null ? null : spec.bundle().id());
            p.setString(i++, spec.bundle() == null ? null : spec.bundle().version());
            p.setString(i++, spec.bundleDigest());
            p.setString(i++, spec.model() == null ? null : spec.model().backend());
            p.setString(i++, spec.model() == null ? null : spec.model().model());
            p.setString(i++, spec.model() == null ? null : spec.model().fingerprint());
            p.setString(i++, corpusVersions(spec));
            p.setString(i++, spec.selection().tier());
            p.setString(i++, spec.selection().shard() == null ? null : spec.selection().shard().toString());
            p.setInt(i++, spec.repeats());
            p.setString(i++, git.commit());
            p.setString(i++, git.branch());
            p.setString(i++, spec.engineVersion());
            p.setString(i++, spec.host());
            p.setInt(i++, run.summary().results());
            p.setInt(i++, run.summary().passed());
            p.setInt(i++, run.summary().errored());
            if (verdict == null) {
                p.setNull(i++, Types.INTEGER);
            } else {
                p.setInt(i++, verdict.passed() ? 1 : 0);
            }
            p.setString(i++, run.directory() == null ? null : run.directory().toAbsolutePath().toString());
            p.setString(i++, json(spec));
            p.executeUpdate();
        }
    }

    private static String status(RunResult run) {
        if (run.directory() != null) {
            try {
                return dev.evalgate.engine.internal.RunStore.readRecord(run.directory()).status();
            } catch (RuntimeException e) {
                // The run is recorded from memory; its directory's record is only a hint.
            }
        }
        return RunRecord.COMPLETED;
    }

    /** {@code name@version} of each corpus, in suite order: the timeline marks a run where this changes. */
    static String corpusVersions(RunSpec spec) {
        return spec.corpora().stream().map(c -> c.name() + "@" + c.version()).collect(Collectors.joining(", "));
    }

    private void insertCorpora(RunSpec spec) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO run_corpora (run_id, corpus, version, sha256) VALUES (?, ?, ?, ?)")) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (CorpusRef c : spec.corpora()) {
                if (!seen.add(c.name())) {
                    continue;
                }
                p.setString(1, spec.runId());
                p.setString(2, c.name());
                p.setString(3, c.version());
                p.setString(4, c.sha256());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private void insertMetrics(String runId, List<MetricValue> metrics) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO metrics (run_id, metric, value, "
                + "lower_bound, upper_bound, n) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (MetricValue m : metrics) {
                p.setString(1, runId);
                p.setString(2, m.metric());
                setDouble(p, 3, m.value());
                setDouble(p, 4, m.lower());
                setDouble(p, 5, m.upper());
                p.setInt(6, m.n());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private void insertCases(String runId, List<CaseResult> results) throws SQLException {
        String caseSql = "INSERT INTO case_results (run_id, case_key, repeat_index, corpus, case_id, tags, passed, "
                + "errored, output, output_sha256, output_chars, prompt_tokens, completion_tokens, latency_ms, calls, "
                + "cached_calls, repair_attempts, fallback_used, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?)";
        String scoreSql = "INSERT INTO case_scores (run_id, case_key, repeat_index, scorer, value, passed, undecided, "
                + "untrusted, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        MessageDigest sha = sha256();
        Map<List<String>, String> tagsWritten = new HashMap<>();
        try (PreparedStatement c = connection.prepareStatement(caseSql);
             PreparedStatement s = connection.prepareStatement(scoreSql)) {
            int pending = 0;
            for (CaseResult r : results) {
                int i = 1;
                c.setString(i++, runId);
                c.setString(i++, r.key());
                c.setInt(i++, r.repeat());
                c.setString(i++, r.corpus());
                c.setString(i++, r.caseId());
                c.setString(i++, tagsJson(r.tags(), tagsWritten));
                c.setInt(i++, TrustedScores.passed(r) ? 1 : 0);
                c.setInt(i++, r.errored() ? 1 : 0);
                c.setString(i++, clean(CaseResult.cap(r.output(), MAX_OUTPUT_CHARS)));
                c.setString(i++, HexFormat.of().formatHex(sha.digest(r.output().getBytes(StandardCharsets.UTF_8))));
                c.setInt(i++, r.output().length());
                c.setInt(i++, r.stats().promptTokens());
                c.setInt(i++, r.stats().completionTokens());
                c.setDouble(i++, r.stats().latencyMs());
                c.setInt(i++, r.stats().calls());
                c.setInt(i++, r.stats().cachedCalls());
                c.setInt(i++, r.repairAttempts());
                c.setInt(i++, r.fallbackUsed() ? 1 : 0);
                c.setString(i, r.error() == null ? null : clean(CaseResult.cap(r.error(), MAX_EXPLANATION_CHARS)));
                c.addBatch();
                for (Score score : r.scores()) {
                    s.setString(1, runId);
                    s.setString(2, r.key());
                    s.setInt(3, r.repeat());
                    s.setString(4, score.name());
                    s.setDouble(5, score.value());
                    s.setInt(6, score.passed() ? 1 : 0);
                    s.setInt(7, score.undecided() ? 1 : 0);
                    s.setInt(8, TrustedScores.untrusted(score) ? 1 : 0);
                    s.setString(9, clean(CaseResult.cap(score.explanation(), MAX_EXPLANATION_CHARS)));
                    s.addBatch();
                }
                if (++pending == BATCH) {
                    c.executeBatch();
                    s.executeBatch();
                    pending = 0;
                }
            }
            c.executeBatch();
            s.executeBatch();
        }
    }

    /** PostgreSQL refuses NUL in text; a model can emit one. */
    static String clean(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }

    private static void setDouble(PreparedStatement p, int index, double value) throws SQLException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            p.setNull(index, Types.DOUBLE);
        } else {
            p.setDouble(index, value);
        }
    }

    /** A run has a handful of tag sets: each is written as JSON once, not once a result (up to a bound). */
    private static String tagsJson(List<String> tags, Map<List<String>, String> written) {
        String json = written.get(tags);
        if (json == null) {
            json = json(tags);
            if (written.size() < MAX_TAG_SETS_REMEMBERED) {
                written.put(tags, json);
            }
        }
        return json;
    }

    private static String json(Object value) {
        try {
            return clean(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private HistoryException failure(String what, Exception e) {
        return new HistoryException(what + " in " + location + ": " + e.getMessage(), e);
    }
}
