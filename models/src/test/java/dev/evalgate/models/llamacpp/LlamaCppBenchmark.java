package dev.evalgate.models.llamacpp;

import dev.evalgate.engine.BackendOptions;
import dev.evalgate.engine.Completion;
import dev.evalgate.engine.GenerationParams;
import dev.evalgate.engine.ModelClient;
import dev.evalgate.engine.ModelRef;
import dev.evalgate.engine.ModelRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Load time and generation speed of a GGUF through the llamacpp backend, in a fresh JVM:
 * {@code java -cp ... dev.evalgate.models.llamacpp.LlamaCppBenchmark [model.gguf] [context] [runs] [tokens]}.
 * Defaults to the shared stories260K model with a context of 512.
 */
public final class LlamaCppBenchmark {
    private LlamaCppBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path model = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("evalgate.shared.dir",
                "../shared"), "models", "stories260K.gguf");
        String context = args.length > 1 ? args[1] : "512";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int tokens = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        Path cache = Files.createTempDirectory("evalgate-bench");
        BackendOptions options = new BackendOptions(Optional.empty(), Path.of("."), cache,
                Map.of(LlamaCppSettings.CONTEXT_SIZE, context));
        int status = 0;
        try {
            long opened = System.nanoTime();
            ModelClient client = new LlamaCppClientProvider().open(new ModelRef("llamacpp", model.toString()),
                    options);
            System.out.printf(Locale.ROOT, "model %s (%d bytes), context %s, threads %d%n", model,
                    Files.size(model), context, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "load: %d ms (open including fingerprint: %.0f ms)%n",
                    client.info().loadMillis(), (System.nanoTime() - opened) / 1e6);
            long totalTokens = 0;
            double totalSeconds = 0;
            for (int run = 0; run < runs; run++) {
                ModelRequest request = new ModelRequest("", List.of(dev.evalgate.engine.ChatMessage.user(
                        "Once upon a time")), new GenerationParams(0.0, 42 + run, tokens, 1.0),
                        Duration.ofMinutes(5), "bench-" + run);
                Completion completion = client.complete(request);
                double seconds = completion.latency().toNanos() / 1e9;
                totalTokens += completion.completionTokens();
                totalSeconds += seconds;
                System.out.printf(Locale.ROOT, "run %d: %d prompt + %d completion tokens in %.1f ms, first token "
                                + "after %.1f ms, %.0f tokens/s (%s)%n", run + 1, completion.promptTokens(),
                        completion.completionTokens(), seconds * 1e3,
                        completion.timeToFirstToken().toNanos() / 1e6, completion.completionTokens() / seconds,
                        completion.finishReason());
            }
            System.out.printf(Locale.ROOT, "overall: %d tokens in %.2f s = %.0f tokens/s%n", totalTokens,
                    totalSeconds, totalTokens / totalSeconds);
        } catch (RuntimeException e) {
            System.err.println("benchmark failed: " + e.getMessage());
            status = 1;
        }
        // the loaded model keeps a native thread alive (kherud/java-llama.cpp#116): exit explicitly
        System.exit(status);
    }
}
