package dev.evalgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Runs the shell commands of every file in {@code examples/ci/} as the CI service would, on a fresh fork: a copy of
 * the quickstart with no baseline, {@code ./evalgate} running this build's CLI, and the shared test model in place
 * of the bundle's catalog model ({@code EVALGATE_MODEL}). Cache, checkout and artifact steps are played by copying
 * directories; a step after a failed one runs only under {@code if: always()}.
 */
class CiExamplesTest {
    private static final Path CI = Path.of("ci");
    private static final Path MODEL = Path.of(System.getProperty("evalgate.shared.dir", "../../shared"), "models",
            "stories260K.gguf").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path tmp;

    private Path cacheStore;

    @Test
    void githubActionsBootstrapsTheBaselineOnMainThenGatesPullRequestsAgainstIt() throws Exception {
        JsonNode steps = YAML.readTree(CI.resolve("github-actions.yml").toFile()).at("/jobs/evaluate/steps");
        cacheStore = Files.createDirectories(tmp.resolve("actions-cache"));

        Job main = runGithubJob(steps, "push", Map.of());
        assertThat(main.exitCode()).as(main.log()).isZero();
        assertThat(main.log()).contains("no baseline 'main' yet", "gate: PASSED", "baseline 'main' is now run");
        assertThat(cacheStore.resolve("examples/quickstart/baselines/main/run.json")).isRegularFile();

        Job pullRequest = runGithubJob(steps, "pull_request", Map.of());
        assertThat(pullRequest.exitCode()).as(pullRequest.log()).isZero();
        assertThat(pullRequest.log()).contains("changes against baseline main", "gate: PASSED")
                .doesNotContain("no baseline 'main' yet", "is now run");
        assertThat(pullRequest.workspace().resolve("step-summary.md")).content().contains("evalgate: Gate passed");
    }

    @Test
    void gitlabBootstrapsTheBaselineOnTheDefaultBranchThenGatesMergeRequests() throws Exception {
        JsonNode job = YAML.readTree(CI.resolve("gitlab-ci.yml").toFile()).get("evalgate");
        cacheStore = Files.createDirectories(tmp.resolve("gitlab-cache"));

        Job main = runGitlabJob(job, Map.of("CI_COMMIT_BRANCH", "main", "CI_DEFAULT_BRANCH", "main"));
        assertThat(main.exitCode()).as(main.log()).isZero();
        assertThat(main.log()).contains("no baseline 'main' yet", "baseline 'main' is now run");

        Job mergeRequest = runGitlabJob(job, Map.of("CI_MERGE_REQUEST_IID", "7", "CI_COMMIT_BRANCH", "feature",
                "CI_DEFAULT_BRANCH", "main"));
        assertThat(mergeRequest.exitCode()).as(mergeRequest.log()).isZero();
        assertThat(mergeRequest.log()).contains("changes against baseline main", "gate: PASSED");
        try (Stream<Path> junit = Files.walk(mergeRequest.workspace().resolve("runs"))) {
            assertThat(junit.filter(p -> p.endsWith("junit.xml"))).isNotEmpty();
        }
    }

    @Test
    void theShardedWorkflowMergesItsShardsAndGatesTheWhole() throws Exception {
        JsonNode jobs = YAML.readTree(CI.resolve("sharded-github-actions.yml").toFile()).get("jobs");
        cacheStore = Files.createDirectories(tmp.resolve("actions-cache"));
        Path workspace = freshFork("sharded");
        StringBuilder log = new StringBuilder();
        for (JsonNode shard : jobs.at("/shard/strategy/matrix/shard")) {
            int code = runSteps(jobs.at("/shard/steps"), workspace, Map.of("${{ matrix.shard }}", shard.asText()),
                    Map.of(), false, log);
            assertThat(code).as("shard %s\n%s", shard.asText(), log).isZero();
        }
        int gate = runSteps(jobs.at("/gate/steps"), workspace, Map.of(), Map.of(), false, log);
        assertThat(gate).as(log.toString()).isZero();
        assertThat(log).contains("run merged: 24 results", "gate: PASSED");
    }

    private Job runGithubJob(JsonNode steps, String event, Map<String, String> env) throws Exception {
        Path workspace = freshFork(event);
        StringBuilder log = new StringBuilder();
        int code = runSteps(steps, workspace, Map.of("${{ github.event_name }}", event), env, event.equals("push"),
                log);
        return new Job(code, log.toString(), workspace);
    }

    /** Plays one job's steps; returns the job's exit code: that of its first failed step, else 0. */
    private int runSteps(JsonNode steps, Path workspace, Map<String, String> expressions, Map<String, String> env,
                         boolean onMain, StringBuilder log) throws Exception {
        int jobCode = 0;
        for (JsonNode step : steps) {
            String condition = step.path("if").asText("");
            boolean always = condition.contains("always()");
            if (jobCode != 0 && !always) {
                continue;
            }
            if (condition.contains("github.event_name == 'push'") && !onMain) {
                continue;
            }
            String uses = step.path("uses").asText("");
            if (uses.startsWith("actions/cache/restore")) {
                copyTree(cacheStore.resolve(step.at("/with/path").asText()),
                        workspace.resolve(step.at("/with/path").asText()));
            } else if (uses.startsWith("actions/cache/save")) {
                copyTree(workspace.resolve(step.at("/with/path").asText()),
                        cacheStore.resolve(step.at("/with/path").asText()));
            } else if (step.has("run")) {
                String script = step.get("run").asText();
                for (Map.Entry<String, String> e : expressions.entrySet()) {
                    script = script.replace(e.getKey(), e.getValue());
                }
                int code = bash(script, workspace, env, log);
                jobCode = jobCode == 0 ? code : jobCode;
            }
        }
        return jobCode;
    }

    private Job runGitlabJob(JsonNode job, Map<String, String> env) throws Exception {
        Path workspace = freshFork("gitlab-" + env.getOrDefault("CI_MERGE_REQUEST_IID", "main"));
        List<String> cached = new ArrayList<>();
        job.get("cache").forEach(c -> c.get("paths").forEach(p -> cached.add(p.asText())));
        for (String path : cached) {
            copyTree(cacheStore.resolve(path), workspace.resolve(path));
        }
        List<String> lines = new ArrayList<>();
        job.get("script").forEach(line -> lines.add(line.asText()));
        StringBuilder log = new StringBuilder();
        int code = bash(String.join("\n", lines), workspace, env, log);
        if (code == 0) {
            for (String path : cached) {
                copyTree(workspace.resolve(path), cacheStore.resolve(path));
            }
        }
        return new Job(code, log.toString(), workspace);
    }

    /** A checkout of a fresh fork: the quickstart, no baseline, and {@code ./evalgate} running this build. */
    private Path freshFork(String name) throws IOException {
        assertThat(MODEL).as("the shared test model").isRegularFile();
        Path workspace = Files.createDirectories(tmp.resolve("ws-" + name));
        copyTree(Path.of("quickstart"), workspace.resolve("examples/quickstart"));
        deleteTree(workspace.resolve("examples/quickstart/baselines"));
        Path launcher = workspace.resolve("evalgate");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(launcher, "#!/usr/bin/env bash\nexec '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.evalgate.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return workspace;
    }

    private static int bash(String script, Path workspace, Map<String, String> env, StringBuilder log)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", script).directory(workspace.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("EVALGATE_MODEL", MODEL.toString());
        builder.environment().put("GITHUB_STEP_SUMMARY", workspace.resolve("step-summary.md").toString());
        builder.environment().put("CI", "true");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        // The script itself is not logged: its echo texts would match what the test looks for in the output.
        log.append("$ (step)\n").append(output).append("exit ").append(process.exitValue()).append('\n');
        return process.exitValue();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private record Job(int exitCode, String log, Path workspace) {
    }
}
