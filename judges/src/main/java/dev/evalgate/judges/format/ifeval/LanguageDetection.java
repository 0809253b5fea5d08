package dev.evalgate.judges.format.ifeval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.cybozu.labs.langdetect.Detector;
import com.cybozu.labs.langdetect.DetectorFactory;
import com.cybozu.labs.langdetect.LangDetectException;

/**
 * The most probable language of a text, as IFEval's reference finds it: Python's {@code langdetect} 1.0.9 is a port
 * of Cybozu's Java language-detection library, which this class runs with the same 55 language profiles.
 *
 * <p>The library's jar carries 53 profiles; 52 of them hold the same n-gram counts as the ones Python's langdetect
 * ships. The other three (Catalan and Welsh, which the jar lacks, and the larger Korean profile of the library's 2014
 * release) are bundled as resources, taken from langdetect 1.0.9 (Apache-2.0; see
 * {@code langdetect-profiles/NOTICE.md}).
 *
 * <p>The detector draws random n-grams; the reference leaves its seed unset, so it can answer differently from one
 * run to the next on text with little evidence (such as all-capital English, where only the first letter of each
 * word counts). Here the language is the one most of {@value #VOTES} detections with the fixed seeds 0 to
 * {@value #VOTES}-1 name: the same verdict on every run, and the reference's most likely answer where it wavers.
 */
final class LanguageDetection {
    /** Profiles the reference uses that the library jar lacks or carries in an older version. */
    private static final List<String> BUNDLED = List.of("ca", "cy", "ko");
    /** Profiles taken from the library jar, identical to the reference's. */
    private static final List<String> FROM_LIBRARY = List.of("af", "ar", "bg", "bn", "cs", "da", "de", "el", "en",
            "es", "et", "fa", "fi", "fr", "gu", "he", "hi", "hr", "hu", "id", "it", "ja", "kn", "lt", "lv", "mk", "ml",
            "mr", "ne", "nl", "no", "pa", "pl", "pt", "ro", "ru", "sk", "sl", "so", "sq", "sv", "sw", "ta", "te", "th",
            "tl", "tr", "uk", "ur", "vi", "zh-cn", "zh-tw");
    static final int VOTES = 9;

    private static volatile boolean loaded;

    private LanguageDetection() {
    }

    /**
     * The most probable language as langdetect names it (ISO 639-1, or {@code zh-cn}/{@code zh-tw}), or empty when
     * the text has no features to judge (no letters); the reference counts that case as followed.
     */
    static Optional<String> detect(String text) {
        ensureLoaded();
        Map<String, Integer> votes = new LinkedHashMap<>();
        try {
            for (int seed = 0; seed < VOTES; seed++) {
                Detector detector = create(seed);
                detector.append(text);
                votes.merge(detector.detect(), 1, Integer::sum);
            }
        } catch (LangDetectException e) {
            return Optional.empty();
        }
        String best = null;
        for (Map.Entry<String, Integer> vote : votes.entrySet()) {
            if (best == null || vote.getValue() > votes.get(best)) {
                best = vote.getKey();
            }
        }
        return Optional.of(best);
    }

    /** The seed is factory-wide state that a detector copies when created, so setting and creating go together. */
    private static synchronized Detector create(long seed) throws LangDetectException {
        DetectorFactory.setSeed(seed);
        return DetectorFactory.create();
    }

    private static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (LanguageDetection.class) {
            if (loaded) {
                return;
            }
            List<String> profiles = new ArrayList<>();
            for (String language : FROM_LIBRARY) {
                profiles.add(read(DetectorFactory.class.getClassLoader(), "profiles/" + language));
            }
            for (String language : BUNDLED) {
                profiles.add(read(LanguageDetection.class.getClassLoader(),
                        "dev/evalgate/judges/format/ifeval/langdetect-profiles/" + language));
            }
            try {
                // The factory is process-wide state; this class is its only user and loads it exactly once.
                DetectorFactory.clear();
                DetectorFactory.loadProfile(profiles);
            } catch (LangDetectException e) {
                throw new IllegalStateException("cannot load the language profiles: " + e.getMessage(), e);
            }
            loaded = true;
        }
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("language profile '" + resource + "' is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read language profile '" + resource + "'", e);
        }
    }
}
