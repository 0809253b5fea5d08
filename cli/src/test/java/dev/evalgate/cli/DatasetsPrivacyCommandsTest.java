package dev.evalgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.evalgate.datasets.Corpus;
import dev.evalgate.datasets.CorpusLoader;
import dev.evalgate.engine.ExitCode;

/** {@code evalgate datasets scan} and {@code redact} on a real corpus holding personal data and a secret. */
class DatasetsPrivacyCommandsTest {
    private static final String EMAIL = "jane.doe@gmail.com";
    private static final String CARD = "4111 1111 1111 1111";
    private static final String TOKEN = "ghp_" + "k3J9xQ2mZ7pL4vT8wR1yN6bC5dF0hG2sA9eU";

    @TempDir
    Path dir;

    private Path corpus() {
        Path corpus = dir.resolve("support");
        CliFixture.write(corpus.resolve("cases.jsonl"), String.join("\n",
                "{\"id\": \"c1\", \"input\": \"Hi, I am " + EMAIL + ", card " + CARD + ". Mail " + EMAIL.toUpperCase()
                        + " back.\", \"expected\": {\"reference\": \"Reply to " + EMAIL + "\"}}",
                "",
                "{\"id\": \"c2\", \"input\": \"What is the capital of France?\"}",
                "{\"id\": \"c3\", \"input\": \"my token is " + TOKEN + " ok\", \"metadata\": {\"ip\": \"81.2.69.160\"}}")
                + "\n");
        CliFixture.write(corpus.resolve("manifest.yaml"), "name: support\nversion: 1.0.0\nlicense: MIT\n"
                + "source: test\nsha256: " + "0".repeat(64) + "\n");
        assertThat(CliFixture.runCli("datasets", "freeze", corpus.toString()).code()).isZero();
        return corpus;
    }

    @Test
    void scanListsFileLineTypeAndMaskedExcerptNeverTheValue() {
        Path corpus = corpus();
        CliFixture.Outcome scan = CliFixture.runCli("datasets", "scan", corpus.toString());
        assertThat(scan.code()).as(scan.err()).isEqualTo(ExitCode.GATE_FAILED.code());
        Path cases = corpus.resolve("cases.jsonl");
        assertThat(scan.out()).contains(cases + ":1: case c1: input.input: pii email j***@***.com",
                cases + ":1: case c1: input.input: pii credit_card **** **** **** **11",
                cases + ":1: case c1: expected.reference: pii email",
                cases + ":4: case c3: input.input: secret github-pat", cases + ":4: case c3: metadata.ip: pii ip_address",
                "2 of 3 cases contain personal data or secrets");
        assertThat(scan.out()).doesNotContain(EMAIL).doesNotContain(CARD).doesNotContain(TOKEN)
                .doesNotContain("81.2.69.160").doesNotContain("case c2");
        CliFixture.Outcome secretsOnly = CliFixture.runCli("datasets", "scan", corpus.toString(), "--only", "secrets");
        assertThat(secretsOnly.out()).contains("github-pat").doesNotContain("email");
    }

    @Test
    void redactWritesANewVersionWithConsistentPlaceholdersAndRecordsIt() {
        Path corpus = corpus();
        Path out = dir.resolve("support-redacted");
        CliFixture.Outcome redact = CliFixture.runCli("datasets", "redact", corpus.toString(), "--out", out.toString());
        assertThat(redact.code()).as(redact.err()).isZero();
        assertThat(redact.out()).contains("support 1.0.0-redacted", "in 2 of 3 cases");

        Corpus redacted = CorpusLoader.verifying().load(out);
        assertThat(redacted.cases().get(0).input().get("input"))
                .isEqualTo("Hi, I am [EMAIL_1], card [CREDIT_CARD_1]. Mail [EMAIL_1] back.");
        assertThat(redacted.cases().get(0).expected().get("reference")).isEqualTo("Reply to [EMAIL_1]");
        assertThat(redacted.cases().get(1).input().get("input")).isEqualTo("What is the capital of France?");
        assertThat(redacted.cases().get(2).input().get("input")).isEqualTo("my token is [SECRET_1] ok");
        assertThat(redacted.cases().get(2).metadata().get("ip")).isEqualTo("[IP_ADDRESS_1]");
        assertThat(redacted.manifest().description()).contains("Redacted copy of support 1.0.0",
                corpusSha(corpus), "gitleaks");
        String text = CliFixture.read(out.resolve("cases.jsonl"));
        assertThat(text).doesNotContain(EMAIL).doesNotContain(TOKEN).doesNotContain("4111");
        assertThat(CliFixture.runCli("datasets", "scan", out.toString()).code()).isZero();
    }

    private static String corpusSha(Path corpus) {
        return CorpusLoader.verifying().load(corpus).sha256();
    }
}
