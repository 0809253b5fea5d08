package dev.evalgate.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The commit and branch a run was made at. CI checkouts are often detached, so the CI's own variables come first;
 * otherwise {@code git} is asked in the suite's directory. Both are null outside a repository.
 */
public record GitInfo(String commit, String branch) {
    public static final GitInfo NONE = new GitInfo(null, null);

    public static GitInfo of(Path directory, Map<String, String> environment) {
        String commit = first(environment, "GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT");
        String branch = first(environment, "GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME", "GIT_BRANCH");
        if (commit == null && directory != null) {
            commit = git(directory, "rev-parse", "HEAD");
        }
        if (branch == null && directory != null && commit != null) {
            branch = git(directory, "rev-parse", "--abbrev-ref", "HEAD");
            if ("HEAD".equals(branch)) {
                branch = null;
            }
        }
        return new GitInfo(commit, branch);
    }

    private static String first(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static String git(Path directory, String... args) {
        try {
            Process process = new ProcessBuilder(concat(args)).directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null; // no git installed: the run is recorded without a commit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static List<String> concat(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "git";
        System.arraycopy(args, 0, all, 1, args.length);
        return List.of(all);
    }
}
