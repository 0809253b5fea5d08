package dev.evalgate.judges;

/**
 * A text that stops a regular-expression search once a deadline has passed. Java's regex engine backtracks, so a
 * pattern like {@code (a+)+$} on a long hostile output could run for hours; reading characters through this view
 * makes the search throw {@link DeadlineExceededException} instead.
 */
public final class DeadlineCharSequence implements CharSequence {
    private final CharSequence text;
    private final long deadlineNanos;
    private int reads;

    DeadlineCharSequence(CharSequence text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    public static DeadlineCharSequence within(CharSequence text, long millis) {
        return new DeadlineCharSequence(text, System.nanoTime() + millis * 1_000_000L);
    }

    @Override
    public char charAt(int index) {
        // Reading the clock on every character would dominate the match; every 4096 reads is cheap and prompt.
        if ((++reads & 0xFFF) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new DeadlineExceededException();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineCharSequence(text.subSequence(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    public static final class DeadlineExceededException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadlineExceededException() {
            super("regular expression search took too long", null, false, false);
        }
    }
}
