import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;

/**
 * The raw binding's generation speed, for bench/run --tokens: loads a GGUF with de.kherud:llama and generates for
 * each prompt of a file (one a line) greedily with the given token limit, timing only the generation loops.
 * With a system prompt file, each prompt is rendered with the model's chat template as a system and a user turn,
 * the prompt evalgate's llamacpp backend sends for a bundle with that system prompt, so both generate from the
 * same tokens. Run with the evalgate jar on the class path, which carries the binding:
 *
 *   java -cp cli/target/evalgate.jar bench/RawTokens.java MODEL PROMPTS_FILE MAX_TOKENS ROUNDS [SYSTEM_FILE]
 */
public final class RawTokens {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        List<String> prompts = Files.readAllLines(Path.of(args[1]));
        int maxTokens = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        String system = args.length > 4 ? Files.readString(Path.of(args[4])) : null;
        try (LlamaModel llama = new LlamaModel(new ModelParameters().setModel(model.toString()).setCtxSize(2048)
                .setThreads(Math.max(1, Runtime.getRuntime().availableProcessors())).setParallel(1).disableLog())) {
            if (system != null) {
                List<String> rendered = new ArrayList<>();
                for (String prompt : prompts) {
                    rendered.add(llama.applyTemplate(new InferenceParameters("")
                            .setMessages(system, List.of(new Pair<>("user", prompt)))));
                }
                prompts = rendered;
            }
            List<Double> rates = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long tokens = 0;
                long nanos = 0;
                for (String prompt : prompts) {
                    InferenceParameters params = new InferenceParameters(prompt).setNPredict(maxTokens)
                            .setTemperature(0f).setTopP(1f).setSeed(42).setCachePrompt(false);
                    long started = System.nanoTime();
                    LlamaIterator it = llama.generate(params).iterator();
                    while (it.hasNext()) {
                        it.next();
                        if (it.hasNext()) {
                            tokens++;
                        }
                    }
                    nanos += System.nanoTime() - started;
                }
                rates.add(tokens / (nanos / 1e9));
            }
            rates.sort(null);
            System.out.printf("raw tokens/s %.1f%n", rates.get(rates.size() / 2));
            System.out.flush();
        }
        // The binding's task thread attaches itself to the JVM and never detaches (kherud/java-llama.cpp#116), so
        // returning from main would leave the process running for ever; evalgate's AttachedThreadsExit does this
        // for the harness.
        System.exit(0);
    }
}
