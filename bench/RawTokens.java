import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;

/**
 * The raw binding's generation speed, for bench/run --tokens: loads a GGUF with de.kherud:llama and generates for
 * each prompt of a file (one a line) greedily with the given token limit, timing only the generation loops.
 * Run with the evalgate jar on the class path, which carries the binding:
 *
 *   java -cp cli/target/evalgate.jar bench/RawTokens.java MODEL PROMPTS_FILE MAX_TOKENS ROUNDS
 */
public final class RawTokens {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        List<String> prompts = Files.readAllLines(Path.of(args[1]));
        int maxTokens = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        try (LlamaModel llama = new LlamaModel(new ModelParameters().setModel(model.toString()).setCtxSize(2048)
                .setThreads(Math.max(1, Runtime.getRuntime().availableProcessors())).setParallel(1).disableLog())) {
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
        }
    }
}
