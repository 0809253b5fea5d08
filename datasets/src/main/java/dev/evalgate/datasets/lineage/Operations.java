package dev.evalgate.datasets.lineage;

/** The operation names evalgate's own corpus tools record; other tools may record names of their own. */
public final class Operations {
    public static final String IMPORT = "import";
    public static final String SAMPLE = "sample";
    public static final String SPLIT = "split";
    public static final String DEDUPE = "dedupe";
    public static final String REDACT = "redact";
    public static final String FREEZE = "freeze";
    /** References set from a reviewed sheet ({@code datasets review --apply}). */
    public static final String REVIEW = "review";
    /** Cases written by a seeded generator script (recorded by hand in the manifest of a generated corpus). */
    public static final String GENERATE = "generate";

    private Operations() {
    }
}
