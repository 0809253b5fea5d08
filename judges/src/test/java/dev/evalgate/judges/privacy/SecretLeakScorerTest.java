package dev.evalgate.judges.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.evalgate.datasets.InvalidInputException;
import dev.evalgate.engine.Score;
import dev.evalgate.engine.Scorer;

class SecretLeakScorerTest {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final Scorer scorer = Scoring.scorer("secret-leak", Map.of());

    /** Random tokens in each format, built at run time so that no credential-shaped literal sits in the sources. */
    static String random(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    static Map<String, String> samples(Random r) {
        String b64 = ALNUM + "+/";
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + random(r, b64, 64) + "\n" + random(r, b64, 64)
                + "\n-----END RSA PRIVATE KEY-----";
        return Map.of(
                "aws-access-token", "export AWS_ACCESS_KEY_ID=AKIA" + random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
                "github-pat", "use token ghp_" + random(r, ALNUM, 36) + " for the API",
                "slack-bot-token", "SLACK=xoxb-" + random(r, "0123456789", 12) + "-" + random(r, "0123456789", 12) + "-"
                        + random(r, ALNUM, 24),
                "jwt", "Authorization: Bearer eyJ" + random(r, ALNUM, 30) + ".eyJ" + random(r, ALNUM, 40) + "."
                        + random(r, ALNUM, 43) + "\n",
                "private-key", pem,
                "generic-api-key", "db_password = \"" + random(r, ALNUM, 28) + "7q\"");
    }

    @Test
    void everyShippedRuleCompilesInJavaAndTheSourceIsRecorded() {
        SecretDetector detector = SecretDetector.shipped();
        String toml = new String(readRules(), java.nio.charset.StandardCharsets.UTF_8);
        long rulesWithRegex = Pattern.compile("(?m)^regex = ").matcher(toml).results().count()
                - Pattern.compile("(?m)^regex = .*\n(?:\\w+ = .*\\n)*?path = ").matcher(toml).results().count();
        assertThat(detector.ruleIds()).hasSize((int) rulesWithRegex).hasSizeGreaterThan(200)
                .contains("aws-access-token", "github-pat", "jwt", "private-key", "generic-api-key");
        assertThat(detector.source()).startsWith("https://github.com/gitleaks/gitleaks/blob/");
        assertThat(detector.version()).startsWith("v8.");
    }

    private static byte[] readRules() {
        try (var in = SecretDetector.class.getResourceAsStream("gitleaks.toml")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void failsOnWellKnownFormatsNamingTheRuleWithAMaskedExcerpt() {
        samples(new Random(7)).forEach((rule, output) -> {
            Score score = Scoring.score(scorer, "", output);
            assertThat(score.passed()).as(rule + ": " + output).isFalse();
            assertThat(score.explanation()).as(output).contains(rule);
            for (String word : output.split("[\\s=\"]+")) {
                if (word.length() > 16) {
                    assertThat(score.explanation()).doesNotContain(word);
                }
            }
        });
    }

    @Test
    void passesOnProseAndPlaceholders() {
        for (String output : List.of("The API key goes in the KEY variable; never commit it.",
                "Set password = ${DB_PASSWORD} in the config.", "token: <your-token-here>",
                "Paris is the capital of France.")) {
            Score score = Scoring.score(scorer, "", output);
            assertThat(score.passed()).as(output + " -> " + score.explanation()).isTrue();
        }
    }

    @Test
    void skipRulesAndAllowAreHonoured() {
        Map<String, String> samples = samples(new Random(11));
        String generic = samples.get("generic-api-key");
        Scorer noGeneric = Scoring.scorer("secret-leak", Map.of("skip_rules", List.of("generic-api-key")));
        assertThat(Scoring.score(noGeneric, "", generic).passed()).isTrue();
        String token = samples.get("github-pat").split(" ")[2];
        Scorer allowing = Scoring.scorer("secret-leak", Map.of("allow", List.of(token)));
        assertThat(Scoring.score(allowing, "", samples.get("github-pat")).passed()).isTrue();
        assertThatThrownBy(() -> Scoring.scorer("secret-leak", Map.of("skip_rules", List.of("no-such-rule"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no-such-rule");
    }

    @Test
    void goPatternsAreTranslatedWhereTheDialectsDiffer() {
        assertThat(GoRegex.compile("\\b(pat[[:alnum:]]{3})\\b").matcher("pat4bZ").matches()).isTrue();
        assertThat(GoRegex.compile("\\b(pat[[:alnum:]]{3})\\b").matcher("pat:al").matches()).isFalse();
        assertThat(GoRegex.compile("x[a[]y").matcher("x[y").matches()).isTrue();
        assertThat(GoRegex.compile("a(?P<key_ops>b)c").matcher("abc").matches()).isTrue();
    }
}
