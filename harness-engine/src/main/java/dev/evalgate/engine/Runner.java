package dev.evalgate.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.evalgate.engine.internal.CallWatchdog;
import dev.evalgate.engine.internal.CaseExecutor;

/**
 * Runs a {@link RunPlan}: every (case, repeat) pair not already in the store, at most {@code concurrency} at once
 * (and never more than the client allows), appending each result to the store as soon as it exists.
 */
public final class Runner {
    /** How long past its own timeout a backend may take before the runner abandons the call. */
    public static final Duration DEFAULT_WATCHDOG_GRACE = Duration.ofSeconds(10);

    private final CaseExecutor.Sleeper sleeper;
    private final Duration watchdogGrace;

    public Runner() {
        this(CaseExecutor.Sleeper.REAL);
    }

    public Runner(CaseExecutor.Sleeper sleeper) {
        this(sleeper, DEFAULT_WATCHDOG_GRACE);
    }

    public Runner(CaseExecutor.Sleeper sleeper, Duration watchdogGrace) {
        this.sleeper = sleeper;
        this.watchdogGrace = watchdogGrace;
    }

    public RunResult run(RunPlan plan, RunStore store, RunListener listener) {
        try {
            return runLocked(plan, store, listener);
        } finally {
            }
    }

    private RunResult runLocked(RunPlan plan, RunStore store, RunListener listener) {
        long started = System.nanoTime();
        Map<String, CaseResult> done = new LinkedHashMap<>();
        for (CaseResult existing : store.existingResults()) {
            done.putIfAbsent(taskKey(existing.key(), existing.repeat()), existing);
        }
        List<Task> todo = new ArrayList<>();
        for (PlannedCase planned : plan.cases()) {
            for (int repeat = 0; repeat < plan.repeats(); repeat++) {
                if (!done.containsKey(taskKey(planned.key(), repeat))) {
                    todo.add(new Task(planned, repeat));
                }
            }
        }
        store.writeRecord(new RunRecord(plan.spec(), RunRecord.RUNNING, null));
        listener.runStarted(plan.spec(), plan.totalResults(), plan.totalResults() - todo.size());

        List<CaseResult> fresh = execute(plan, store, listener, todo);

        Map<String, Integer> order = new HashMap<>();
        for (PlannedCase planned : plan.cases()) {
            order.put(planned.key(), planned.index());
        }
        List<CaseResult> all = new ArrayList<>();
        for (CaseResult r : done.values()) {
            if (order.containsKey(r.key()) && r.repeat() < plan.repeats()) {
                all.add(r);
            }
        }
        all.addAll(fresh);
        all.sort(Comparator.comparingInt((CaseResult r) -> order.get(r.key())).thenComparingInt(CaseResult::repeat));
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        RunSummary summary = RunSummary.of(all, plan.spec().model().loadMillis(), wallMs);
        store.writeRecord(new RunRecord(plan.spec(), RunRecord.COMPLETED, summary));
        store.close();
        RunResult result = new RunResult(plan.spec(), all, summary, store.directory());
        listener.runFinished(result);
        return result;
    }

    private List<CaseResult> execute(RunPlan plan, RunStore store, RunListener listener, List<Task> todo) {
        List<CaseResult> fresh = new ArrayList<>();
        if (todo.isEmpty()) {
            return fresh;
        }
        int threads = Math.max(1, Math.min(todo.size(), Math.min(plan.concurrency(), plan.client().maxConcurrency())));
        ExecutorService pool = Executors.newFixedThreadPool(threads, new WorkerThreads());
        CallWatchdog watchdog = new CallWatchdog(watchdogGrace);
        CaseExecutor executor = new CaseExecutor(plan, sleeper, watchdog);
        try {
            CompletionService<CaseResult> completions = new ExecutorCompletionService<>(pool);
            for (Task task : todo) {
                completions.submit(() -> executor.execute(task.planned(), task.repeat()));
            }
            for (int i = 0; i < todo.size(); i++) {
                CaseResult result = completions.take().get();
                store.append(result);
                fresh.add(result);
                listener.caseFinished(result);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvaluationException("run interrupted; finish it with --resume " + store.directory(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
            watchdog.close();
        }
        return fresh;
    }

    private static String taskKey(String caseKey, int repeat) {
        return caseKey + "#" + repeat;
    }

    private record Task(PlannedCase planned, int repeat) {
    }

    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "evalgate-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
