package dev.evalgate.judges.format.ifeval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;

/**
 * The most probable language of a text as an ISO 639-1 code, like the {@code langdetect} library IFEval's
 * reference uses. The profiles of 70 languages load once, on first use (about a second).
 */
final class LanguageDetection {
    private static volatile LanguageDetection instance;

    private final LanguageDetector detector;
    private final TextObjectFactory texts;

    private LanguageDetection() {
        try {
            detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(new LanguageProfileReader().readAllBuiltIn())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the language profiles bundled with language-detector", e);
        }
        texts = CommonTextObjectFactories.forDetectingOnLargeText();
    }

    static LanguageDetection get() {
        LanguageDetection local = instance;
        if (local == null) {
            synchronized (LanguageDetection.class) {
                local = instance;
                if (local == null) {
                    local = new LanguageDetection();
                    instance = local;
                }
            }
        }
        return local;
    }

    /**
     * The most probable language, or empty when the text gives no evidence (no letters); IFEval counts that case as
     * followed, as its reference does when langdetect raises.
     */
    Optional<String> detect(String text) {
        List<DetectedLanguage> ranked;
        // The detector is not documented as thread-safe; detection is rare enough to serialise.
        synchronized (this) {
            ranked = detector.getProbabilities(texts.forText(text));
        }
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ranked.get(0).getLocale().getLanguage().toLowerCase(Locale.ROOT));
    }
}
