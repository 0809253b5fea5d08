package dev.evalgate.datasets.review;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.evalgate.datasets.ContentHash;
import dev.evalgate.datasets.CorpusManifest;
import dev.evalgate.datasets.EvalCase;
import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.datasets.lineage.Lineage;
import dev.evalgate.datasets.lineage.Operations;
import dev.evalgate.datasets.tooling.CorpusLines;
import dev.evalgate.datasets.tooling.CorpusWriter;

/**
 * Brings a filled-in review sheet back into a corpus as a new version. For each reviewed row of this corpus:
 * a {@code corrected_reference} becomes the case's {@code expected.reference}; otherwise a {@code pass} label makes
 * the reviewed output the reference (yesterday's output, approved, is tomorrow's reference); any other label only
 * records the review. Every reviewed case gets {@code metadata.review} (reviewer, date, label, note, run, and the
 * reference it replaced). Unchanged cases keep their line byte for byte; the new manifest's lineage records the
 * sheet (with its sha256), the reviewers and the date.
 */
public final class ReviewApplication {
    private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    private ReviewApplication() {
    }

    /** What the review changed, with the corpus lines to write. */
    public record Outcome(List<String> lines, List<EvalCase> cases, int corrected, int acceptedOutputs,
                          int recordedOnly, int notReviewed, int otherCorpora, List<String> reviewers) {
        public Outcome {
            lines = List.copyOf(lines);
            cases = List.copyOf(cases);
            reviewers = List.copyOf(reviewers);
        }

        public int changedReferences() {
            return corrected + acceptedOutputs;
        }
    }

    /**
     * Applies the rows of {@code sheet} that belong to the corpus (by name). Refuses, naming the sheet's line and
     * column: a case the corpus does not have, a case reviewed twice, a reviewed row without a reviewer (and no
     * {@code defaultReviewer}), a {@code pass} that would make an empty output the reference.
     */
    public static Outcome apply(CorpusLines corpus, Path sheet, List<ReviewRow> rows, String defaultReviewer,
                                LocalDate date) {
        String name = corpus.corpus().name();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < corpus.cases().size(); i++) {
            position.put(corpus.cases().get(i).id(), i);
        }
        Map<Integer, ReviewRow> reviewed = new LinkedHashMap<>();
        int notReviewed = 0;
        int otherCorpora = 0;
        for (ReviewRow row : rows) {
            if (!row.corpus().isEmpty() && !row.corpus().equals(name)) {
                otherCorpora++;
                continue;
            }
            if (!row.reviewed()) {
                notReviewed++;
                continue;
            }
            Integer index = position.get(row.caseId());
            if (index == null) {
                throw new InvalidInputException(sheet, row.line(), "case_id", "corpus " + name + " "
                        + corpus.corpus().version() + " has no case '" + row.caseId() + "'; apply the sheet to the"
                        + " corpus it was exported from");
            }
            ReviewRow earlier = reviewed.put(index, row);
            if (earlier != null) {
                throw new InvalidInputException(sheet, row.line(), "case_id", "case '" + row.caseId() + "' was"
                        + " already reviewed on line " + earlier.line() + "; keep one row per case");
            }
            if (reviewer(row, defaultReviewer).isEmpty()) {
                throw new InvalidInputException(sheet, row.line(), "reviewer", "who reviewed this row? Fill in the"
                        + " reviewer column, or give --reviewer NAME for the whole sheet");
            }
            if (row.correctedReference().isBlank() && row.label().equals("pass") && row.output().isBlank()) {
                throw new InvalidInputException(sheet, row.line(), "output", "a pass without a"
                        + " corrected_reference makes the output the reference, but the output is empty");
            }
        }
        List<String> lines = new ArrayList<>(corpus.lines());
        List<EvalCase> cases = new ArrayList<>(corpus.cases());
        int corrected = 0;
        int accepted = 0;
        int recordedOnly = 0;
        Set<String> reviewers = new LinkedHashSet<>();
        for (Map.Entry<Integer, ReviewRow> e : reviewed.entrySet()) {
            ReviewRow row = e.getValue();
            EvalCase old = cases.get(e.getKey());
            String reviewer = reviewer(row, defaultReviewer);
            reviewers.add(reviewer);
            Map<String, Object> expected = new LinkedHashMap<>(old.expected());
            String newReference = null;
            if (!row.correctedReference().isBlank()) {
                newReference = row.correctedReference();
                corrected++;
            } else if (row.label().equals("pass")) {
                newReference = row.output();
                accepted++;
            } else {
                recordedOnly++;
            }
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("reviewer", reviewer);
            review.put("reviewed_at", date.toString());
            if (!row.label().isEmpty()) {
                review.put("label", row.label());
            }
            if (!row.note().isBlank()) {
                review.put("note", row.note());
            }
            if (!row.run().isBlank()) {
                review.put("run", row.run());
            }
            if (newReference != null) {
                Object previous = old.expected().get("reference");
                if (previous != null) {
                    review.put("previous_reference", previous);
                }
                expected.put("reference", newReference);
            }
            Map<String, Object> metadata = new LinkedHashMap<>(old.metadata());
            metadata.put("review", review);
            EvalCase updated = new EvalCase(old.id(), old.input(), expected, old.tags(), metadata);
            cases.set(e.getKey(), updated);
            lines.set(e.getKey(), CorpusWriter.caseLine(updated));
        }
        return new Outcome(lines, cases, corrected, accepted, recordedOnly, notReviewed, otherCorpora,
                List.copyOf(reviewers));
    }

    /** Writes the reviewed corpus as {@code version} into {@code out}, with a review step in its lineage. */
    public static CorpusManifest write(CorpusLines source, Outcome outcome, Path sheet, LocalDate date, Path out,
                                       String version, boolean overwrite) {
        CorpusManifest parent = source.corpus().manifest();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("sheet", sheet.getFileName().toString());
        parameters.put("sheet_sha256", ContentHash.sha256(sheet));
        parameters.put("reviewers", outcome.reviewers());
        parameters.put("reviewed_at", date.toString());
        parameters.put("corrected", outcome.corrected());
        parameters.put("accepted_outputs", outcome.acceptedOutputs());
        parameters.put("recorded_only", outcome.recordedOnly());
        Lineage lineage = Lineage.derive(Operations.REVIEW, parameters, List.of(parent));
        CorpusManifest manifest = new CorpusManifest(parent.name(), version, parent.description(), parent.license(),
                parent.source(), parent.casesFile(), parent.casesSha256(), parent.tags(), lineage);
        return CorpusWriter.writeLines(out, manifest, outcome.lines(), outcome.cases(), overwrite);
    }

    /** The version a reviewed corpus gets when none is given: the next minor version, or VERSION-reviewed. */
    public static String nextVersion(String current) {
        Matcher m = SEMVER.matcher(current);
        if (m.matches()) {
            return m.group(1) + "." + (Integer.parseInt(m.group(2)) + 1) + ".0";
        }
        return current + "-reviewed";
    }

    private static String reviewer(ReviewRow row, String defaultReviewer) {
        return !row.reviewer().isBlank() ? row.reviewer().strip()
                : defaultReviewer == null ? "" : defaultReviewer.strip();
    }
}
