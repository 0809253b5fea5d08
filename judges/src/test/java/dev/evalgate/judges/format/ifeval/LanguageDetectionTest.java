package dev.evalgate.judges.format.ifeval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The detector the reference's {@code langdetect} was ported from, with the same profiles and a fixed seed. */
class LanguageDetectionTest {

    @Test
    void allCapitalEnglishIsEnglish() {
        // In all-capital text only the first letter of each word is evidence; the reference says English here.
        String text = "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG. IT WAS A BRIGHT COLD DAY IN APRIL, AND THE"
                + " CLOCKS WERE STRIKING THIRTEEN. WE WALKED HOME TOGETHER AFTER THE MEETING ENDED.";
        assertThat(LanguageDetection.detect(text)).contains("en");
    }

    @Test
    void detectsTheLanguagesOfTheBundledProfiles() {
        assertThat(LanguageDetection.detect("El perro corre por el parque todos los días con su dueño."))
                .contains("es");
        assertThat(LanguageDetection.detect("Bon dia, com estàs? Avui fa molt de sol a Barcelona i anirem a la"
                + " platja amb els amics.")).contains("ca");
        assertThat(LanguageDetection.detect("오늘은 날씨가 정말 좋습니다. 우리는 공원에 산책하러 갑니다.")).contains("ko");
        assertThat(LanguageDetection.detect("यह एक सुंदर दिन है और हम पार्क में घूमने जा रहे हैं।")).contains("hi");
    }

    @Test
    void aTextWithoutLettersHasNoLanguage() {
        assertThat(LanguageDetection.detect("1234 5678 !!! ???")).isEqualTo(Optional.empty());
    }

    @Test
    void theVerdictIsTheSameOnEveryCall() {
        String weak = "OK SURE THING";
        Optional<String> first = LanguageDetection.detect(weak);
        for (int i = 0; i < 20; i++) {
            assertThat(LanguageDetection.detect(weak)).isEqualTo(first);
        }
    }
}
