package dev.evalgate.judges.injection;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * A view of an output (folded, filtered, re-mapped) that remembers, for every character it holds, which span of
 * the original output it came from. Matching runs on the view; the span tells where in the original the match
 * lies, so a detection can check word boundaries there and mask the right characters in its excerpt.
 */
final class TracedText {
    private final String text;
    private final int[] from;
    private final int[] to;
    /** Views already made from this one, by the filter that made them: a secret's keys share them. */
    private final java.util.Map<Object, TracedText> views = new java.util.HashMap<>();

    private TracedText(String text, int[] from, int[] to) {
        this.text = text;
        this.from = from;
        this.to = to;
    }

    /**
     * The original, code point by code point, NFKC-normalised and lowercased, without invisible characters
     * (zero-width spaces and joiners, variation selectors) that an attacker can slip between the characters of
     * a secret and a reader never sees.
     */
    static TracedText fold(String original) {
        StringBuilder out = new StringBuilder(original.length());
        int[] from = new int[original.length() + 16];
        int[] to = new int[original.length() + 16];
        int n = 0;
        for (int i = 0; i < original.length(); ) {
            char c = original.charAt(i);
            if (n + 8 >= from.length) {
                from = Arrays.copyOf(from, from.length * 2);
                to = Arrays.copyOf(to, to.length * 2);
            }
            if (c < 0x80) {
                // ASCII folds to itself in lower case; this path carries nearly every output
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                from[n] = i;
                to[n] = i + 1;
                n++;
                i++;
                continue;
            }
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!invisible(cp)) {
                String folded = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC)
                        .toLowerCase(Locale.ROOT);
                for (int k = 0; k < folded.length(); k++) {
                    if (n == from.length) {
                        from = Arrays.copyOf(from, n * 2);
                        to = Arrays.copyOf(to, n * 2);
                    }
                    out.append(folded.charAt(k));
                    from[n] = i;
                    to[n] = next;
                    n++;
                }
            }
            i = next;
        }
        return new TracedText(out.toString(), Arrays.copyOf(from, n), Arrays.copyOf(to, n));
    }

    static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /** The view with only the code points {@code keep} accepts (made once per filter instance). */
    TracedText keep(IntPredicate keep) {
        TracedText view = views.get(keep);
        if (view == null) {
            view = transform(cp -> keep.test(cp) ? cp : -1);
            views.put(keep, view);
        }
        return view;
    }

    /** The view with every code point replaced by {@code map}'s result, or dropped where it returns -1. */
    TracedText transform(IntUnaryOperator map) {
        StringBuilder out = new StringBuilder(text.length());
        int[] f = new int[text.length()];
        int[] t = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            int mapped = map.applyAsInt(cp);
            if (mapped >= 0) {
                int before = out.length();
                out.appendCodePoint(mapped);
                for (int k = before; k < out.length(); k++) {
                    if (n == f.length) {
                        f = Arrays.copyOf(f, n * 2 + 2);
                        t = Arrays.copyOf(t, n * 2 + 2);
                    }
                    f[n] = from[i];
                    t[n] = to[i + width - 1];
                    n++;
                }
            }
            i += width;
        }
        return new TracedText(out.toString(), Arrays.copyOf(f, n), Arrays.copyOf(t, n));
    }

    String text() {
        return text;
    }

    /** Where in the original the view's character {@code index} starts. */
    int originalStart(int index) {
        return from[index];
    }

    /** Where in the original the view's character {@code index} ends (exclusive). */
    int originalEnd(int index) {
        return to[index];
    }
}
