package dev.evalgate.judges.format.ifeval;

/** IFEval's comparison words: "less than" is strict, "at least" is inclusive. */
enum Relation {
    LESS_THAN("less than"), AT_LEAST("at least");

    private final String words;

    Relation(String words) {
        this.words = words;
    }

    static Relation parse(String words) {
        for (Relation relation : values()) {
            if (relation.words.equals(words)) {
                return relation;
            }
        }
        throw new IllegalArgumentException("'" + words + "' is not a relation; use \"less than\" or \"at least\"");
    }

    boolean holds(int actual, int bound) {
        return this == LESS_THAN ? actual < bound : actual >= bound;
    }

    @Override
    public String toString() {
        return words;
    }
}
