package dev.evalgate.judges.injection;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Text reduced to its lowercase letters and digits after NFKC normalisation: what survives when an attacker
 * spaces out a secret ("C A N A R Y"), inserts separators or zero-width characters, changes case or uses
 * full-width letters.
 */
final class Skeleton {
    private Skeleton() {
    }

    static String of(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); ) {
            int c = normalized.codePointAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    static String reversed(String skeleton) {
        return new StringBuilder(skeleton).reverse().toString();
    }
}
