package dev.evalgate.judges.llm;

/** The wording shared by every judge prompt: who the judge is, what the fence means, how to answer. */
final class JudgePrompts {
    private JudgePrompts() {
    }

    static String system(DataFence fence, VerdictFormat format) {
        return "You are a strict, impartial evaluator of answers written by an AI assistant.\n"
                + fence.rule() + "\n"
                + "Reply with only a JSON object of this exact shape, with no text before or after it:\n"
                + format.shape();
    }

    /** The judged text cut to a size a judge can read; the cut is said, not hidden. */
    static String bounded(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars) + "\n[... " + (text.length() - maxChars) + " more characters not shown]";
    }
}
