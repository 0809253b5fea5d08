package dev.evalgate.datasets.tooling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InputFiles;
import dev.evalgate.datasets.InputKind;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.CorpusRef;
import dev.evalgate.datasets.lineage.Lineage;
import dev.evalgate.datasets.lineage.LineageStep;
import dev.evalgate.datasets.lineage.Operations;

/**
 * Pins the sha256 of a corpus's cases file in its manifest after checking every line. Changed cases need a new
 * version, so a baseline of the old version is never compared with them: the version is bumped or set, a
 * {@code freeze} step is added to the lineage, and a {@link Changelog} entry lists the ids added, removed and
 * changed (known from the {@link CaseIndex} of the previous version). The rest of a hand-written manifest, comments
 * included, is kept as written.
 */
public final class CorpusFreezer {
    private static final Pattern SHA_LINE = Pattern.compile("(?m)^sha256:.*$");
    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^version:.*$");
    private static final Pattern LINEAGE_BLOCK = Pattern.compile("(?m)^lineage:.*(\\n(?:[ \\t-].*|)$)*\\n?");
    private static final String UNPINNED = "0".repeat(64);
    private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /** How changed cases get their new version: a semantic-version bump or an explicit version. */
    public record NewVersion(String bump, String version) {
        public static final NewVersion NONE = new NewVersion(null, null);
    }

    public enum Status { PINNED, UNCHANGED, CHANGED }

    /**
     * @param change the changelog entry of a changed corpus (empty otherwise)
     */
    public record Result(Path directory, Status status, String sha256, String previousSha256,
                         String previousVersion, String version, Optional<Changelog.Entry> change) {
    }

    private CorpusFreezer() {
    }

    public static Result freeze(Path directory, NewVersion newVersion) {
        Path manifestFile = directory.resolve(CorpusLoader.MANIFEST_FILE);
        if (!Files.isRegularFile(manifestFile)) {
            CorpusLoader.readManifest(manifestFile); // the loader's own "file not found"
        }
        String text = InputFiles.readText(manifestFile, InputKind.CONFIG);
        // A hand-written manifest of a new corpus has no pin yet: freeze adds the line instead of refusing a
        // manifest without the field it exists to write.
        boolean pinned = SHA_LINE.matcher(text).find();
        String withPin = pinned ? text : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n")
                + "sha256: " + UNPINNED + "\n";
        CorpusManifest manifest = CorpusLoader.readManifest(manifestFile, withPin);
        Path casesFile = directory.resolve(manifest.casesFile());
        List<EvalCase> cases = CorpusLoader.readCases(casesFile);
        String sha = ContentHash.sha256(casesFile);
        // An all-zero pin is the placeholder of a new corpus, not the hash of frozen content.
        boolean changed = pinned && !manifest.casesSha256().equals(UNPINNED) && !sha.equals(manifest.casesSha256());
        String version = manifest.version();
        Optional<Changelog.Entry> entry = Optional.empty();
        String updated = withPin;
        if (changed) {
            version = nextVersion(manifestFile, manifest.version(), manifest.casesSha256(), sha, newVersion);
            updated = VERSION_LINE.matcher(updated).replaceFirst(Matcher.quoteReplacement("version: " + version));
            Changelog.Entry change = changes(directory, cases, manifest, version, sha);
            entry = Optional.of(change);
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("previous_version", manifest.version());
            if (change.known()) {
                parameters.put("added", change.added().size());
                parameters.put("removed", change.removed().size());
                parameters.put("changed", change.changed().size());
            } else {
                parameters.put("changes", "unknown: the previous version had no " + CaseIndex.FILE);
            }
            parameters.put("changelog", Changelog.FILE);
            Lineage lineage = manifest.lineage().then(new LineageStep(Operations.FREEZE,
                    new CorpusRef(manifest.name(), version, sha), List.of(manifest.ref()), parameters));
            updated = withLineage(updated, lineage);
        }
        updated = SHA_LINE.matcher(updated).replaceFirst("sha256: " + sha);
        // checked before anything is written, so a manifest that would not load again is never left behind
        CorpusLoader.readManifest(manifestFile, updated);
        entry.ifPresent(e -> Changelog.append(directory, e));
        CaseIndex.write(directory, cases);
        try {
            Files.writeString(manifestFile, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + manifestFile, e);
        }
        return new Result(directory, !pinned ? Status.PINNED : changed ? Status.CHANGED : Status.UNCHANGED, sha,
                manifest.casesSha256(), manifest.version(), version, entry);
    }

    private static Changelog.Entry changes(Path directory, List<EvalCase> cases, CorpusManifest old,
                                           String version, String sha) {
        Optional<Map<String, String>> before = CaseIndex.read(directory);
        if (before.isEmpty()) {
            return new Changelog.Entry(version, sha, old.version(), old.casesSha256(), false, List.of(), List.of(),
                    List.of());
        }
        Map<String, String> previous = before.get();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        java.util.Set<String> now = new java.util.HashSet<>();
        for (EvalCase c : cases) {
            now.add(c.id());
            String fingerprint = previous.get(c.id());
            if (fingerprint == null) {
                added.add(c.id());
            } else if (!fingerprint.equals(CaseIndex.shortFingerprint(c))) {
                changed.add(c.id());
            }
        }
        List<String> removed = previous.keySet().stream().filter(id -> !now.contains(id)).toList();
        return new Changelog.Entry(version, sha, old.version(), old.casesSha256(), true, added, removed, changed);
    }

    /** The manifest text with its top-level {@code lineage:} block replaced (or added before the pin). */
    static String withLineage(String text, Lineage lineage) {
        String block = CorpusWriter.lineageYaml(lineage);
        Matcher existing = LINEAGE_BLOCK.matcher(text);
        if (existing.find()) {
            return text.substring(0, existing.start()) + block + text.substring(existing.end());
        }
        Matcher pin = SHA_LINE.matcher(text);
        if (pin.find()) {
            return text.substring(0, pin.start()) + block + text.substring(pin.start());
        }
        return text + block;
    }

    /** The version changed cases are frozen under: the one given, or the current one bumped. */
    private static String nextVersion(Path manifestFile, String current, String oldSha, String newSha,
                                      NewVersion change) {
        if (change.bump() == null && change.version() == null) {
            throw new InvalidInputException(manifestFile, 0, "version", "the cases changed (sha256 was "
                    + oldSha + ", now " + newSha + ") but the version stays " + current + ", so a baseline of "
                    + current + " would be compared with other cases. Freeze them under a new version: "
                    + "--bump patch|minor|major, or --new-version V");
        }
        if (change.version() != null) {
            if (change.version().isBlank() || change.version().equals(current)) {
                throw new InvalidInputException(null, 0, "--new-version", "give a version other than the current "
                        + current);
            }
            return change.version();
        }
        Matcher semver = SEMVER.matcher(current);
        if (!semver.matches()) {
            throw new InvalidInputException(manifestFile, 0, "version", "--bump needs a version such as 1.2.3,"
                    + " found '" + current + "'; give the new version with --new-version V");
        }
        int major = Integer.parseInt(semver.group(1));
        int minor = Integer.parseInt(semver.group(2));
        int patch = Integer.parseInt(semver.group(3));
        return switch (change.bump()) {
            case "major" -> (major + 1) + ".0.0";
            case "minor" -> major + "." + (minor + 1) + ".0";
            case "patch" -> major + "." + minor + "." + (patch + 1);
            default -> throw new InvalidInputException(null, 0, "--bump", "patch, minor or major; found '"
                    + change.bump() + "'");
        };
    }
}
