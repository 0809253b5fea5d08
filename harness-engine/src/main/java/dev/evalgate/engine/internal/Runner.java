package dev.evalgate.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.evalgate.engine.Advice;
import dev.evalgate.engine.CaseResult;
import dev.evalgate.engine.EvaluationException;
import dev.evalgate.engine.PlannedCase;
import dev.evalgate.engine.RunListener;
import dev.evalgate.engine.RunRecord;
import dev.evalgate.engine.RunResult;
import dev.evalgate.engine.RunSummary;
import dev.evalgate.engine.Setting;

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

    /**
     * Runs the plan into {@code store}, which the runner owns from here on: it is closed, and the run's writer lock
     * released, on every path, so a run that failed midway (a full disk, a failing listener) can be resumed at once,
     * in this process too.
     */
    public RunResult run(RunPlan plan, RunStore store, RunListener listener) {
        try {
            return runLocked(plan, store, listener);
        } catch (RuntimeException | Error e) {
            try {
                store.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private RunResult runLocked(RunPlan plan, RunStore store, RunListener listener) {
        long started = System.nanoTime();
        int repeats = plan.repeats();
        List<PlannedCase> cases = plan.cases();
        // Plan indexes ascend, so the last case has the largest.
        int slots = cases.isEmpty() ? 0 : Math.addExact(PlannedCases.index(cases, cases.size() - 1), 1) * repeats;
        // Where each (case, repeat) lies in results.jsonl, by its place in the plan: the run keeps the lines'
        // places, never the results, so its heap does not grow with every output and explanation it writes.
        ResultSlots placed = new ResultSlots(slots);
        placeExisting(cases, repeats, store.existing(), placed);
        long todo = 0;
        for (int position = 0; position < cases.size(); position++) {
            int index = PlannedCases.index(cases, position);
            for (int repeat = 0; repeat < repeats; repeat++) {
                todo += placed.has(index * repeats + repeat) ? 0 : 1;
            }
        }
        store.writeRecord(new RunRecord(plan.spec(), RunRecord.RUNNING, null));
        listener.runStarted(plan.spec(), plan.totalResults(), plan.totalResults() - (int) todo);
        plan.observer().runStarted(plan.spec());

        execute(plan, store, listener, todo, placed);

        StoredResults all = placed.inOrder(store.directory().resolve(RunStore.RESULTS_FILE));
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        // From the client, not the spec: a backend may load its model on the first request, after the spec was made.
        RunSummary summary = RunSummary.of(all, Math.max(plan.spec().model().loadMillis(),
                plan.client().info().loadMillis()), wallMs);
        store.writeRecord(new RunRecord(plan.spec(), RunRecord.COMPLETED, summary));
        store.close();
        RunResult result = new RunResult(plan.spec(), all, summary, store.directory());
        plan.observer().runFinished(result);
        listener.runFinished(result);
        return result;
    }

    /**
     * Puts the results a resumed run already holds in their slots. Only the run's own keys are held: the plan is
     * walked once, in order, to find where each of them goes.
     */
    private static void placeExisting(List<PlannedCase> cases, int repeats, RunStore.Existing existing,
                                      ResultSlots placed) {
        if (existing.caseKeys().isEmpty()) {
            return;
        }
        Map<String, Integer> order = new HashMap<>();
        existing.caseKeys().forEach(key -> order.put(key, -1));
        int unplaced = order.size();
        for (int position = 0; position < cases.size() && unplaced > 0; position++) {
            PlannedCase planned = cases.get(position);
            Integer known = order.get(planned.key());
            if (known != null && known < 0) {
                order.put(planned.key(), planned.index());
                unplaced--;
            }
        }
        for (int i = 0; i < existing.caseKeys().size(); i++) {
            int index = order.get(existing.caseKeys().get(i));
            int repeat = existing.repeats()[i];
            if (index >= 0 && repeat < repeats) {
                placed.put(index * repeats + repeat, existing.results().line(i));
            }
        }
    }

    /**
     * Runs the (case, repeat) pairs without a result on {@code threads} workers that each take the next pair of
     * the plan themselves and write its result where they are: no list of tasks, no queue of N futures, and no
     * hand-over to another thread per case; the cases are read from the plan in order. Results reach
     * {@code results.jsonl} through {@link ResultSink}, which flushes in batches; a case is reported finished to
     * the listener only once its line is flushed, so whatever the progress shows as done survives a kill.
     */
    private void execute(RunPlan plan, RunStore store, RunListener listener, long todo, ResultSlots placed) {
        if (todo == 0) {
            return;
        }
        int threads = (int) Math.max(1, Math.min(todo, Math.min(plan.concurrency(), plan.client().maxConcurrency())));
        List<PlannedCase> cases = plan.cases();
        int repeats = plan.repeats();
        long pairs = (long) cases.size() * repeats;
        ExecutorService pool = Executors.newFixedThreadPool(threads, new WorkerThreads());
        CallWatchdog watchdog = new CallWatchdog(watchdogGrace);
        CaseExecutor executor = new CaseExecutor(plan, sleeper, watchdog);
        ResultSink sink = new ResultSink(store, listener, placed, plan.repeats());
        AtomicLong next = new AtomicLong();
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    try {
                        for (long pair = next.getAndIncrement(); pair < pairs && !failed.get();
                             pair = next.getAndIncrement()) {
                            int position = (int) (pair / repeats);
                            int repeat = (int) (pair % repeats);
                            // Each pair is taken by one worker only, so its slot is written by no one else.
                            if (placed.has(PlannedCases.index(cases, position) * repeats + repeat)) {
                                continue;
                            }
                            Task task = new Task(cases.get(position), repeat);
                            sink.accept(task, executor.execute(task.planned(), task.repeat()));
                        }
                    } catch (RuntimeException | Error e) {
                        failed.set(true); // the other workers stop after their current case
                        throw e;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            sink.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvaluationException(Advice.text("run interrupted; finish it with ")
                    .then(Setting.RESUME, store.directory()), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
            watchdog.close();
            if (failed.get() || Thread.currentThread().isInterrupted()) {
                sink.flushQuietly(); // what finished is kept for --resume
            }
        }
    }

    /**
     * Where workers put results: appended to the store as they come, flushed every {@link #BATCH} results or
     * {@link #FLUSH_INTERVAL_NANOS}, whichever comes first (so a slow model still flushes every case), and only
     * then reported to the listener. The rule: a result the listener has heard of is in the file.
     */
    private static final class ResultSink {
        static final int BATCH = 256;
        static final long FLUSH_INTERVAL_NANOS = 200_000_000L;

        private final RunStore store;
        private final RunListener listener;
        private final ResultSlots placed;
        private final int repeats;
        private final List<CaseResult> unflushed = new ArrayList<>(BATCH);
        private long lastFlush = System.nanoTime();

        ResultSink(RunStore store, RunListener listener, ResultSlots placed, int repeats) {
            this.store = store;
            this.listener = listener;
            this.placed = placed;
            this.repeats = repeats;
        }

        synchronized void accept(Task task, CaseResult result) {
            placed.put(task.planned().index() * repeats + task.repeat(), store.appendBuffered(result), result);
            unflushed.add(result);
            if (unflushed.size() >= BATCH || System.nanoTime() - lastFlush >= FLUSH_INTERVAL_NANOS) {
                flush();
            }
        }

        synchronized void flush() {
            store.flush();
            lastFlush = System.nanoTime();
            for (CaseResult result : unflushed) {
                listener.caseFinished(result);
            }
            unflushed.clear();
        }

        synchronized void flushQuietly() {
            try {
                store.flush();
            } catch (RuntimeException e) {
                // already failing; the original error is the one to report
            }
        }
    }

    /**
     * The line of each (case, repeat) by its slot (case index times repeats plus repeat): the finished run lists
     * them in plan order, case by case, in one pass and without a sort. Results run here are kept too, up to the
     * budget a {@link StoredResults} keeps, so the finished run need not parse back what it just wrote.
     */
    static final class ResultSlots {
        private final long[] offsets;
        private final int[] lengths; // 0: no result (a line holds at least "{}")
        private final CaseResult[] kept;
        private final long budget = StoredResults.defaultBudget();
        private long keptBytes;

        ResultSlots(int slots) {
            offsets = new long[slots];
            lengths = new int[slots];
            kept = new CaseResult[slots];
        }

        boolean has(int slot) {
            return lengths[slot] > 0;
        }

        void put(int slot, StoredResults.Line line) {
            offsets[slot] = line.offset();
            lengths[slot] = line.length();
        }

        void put(int slot, StoredResults.Line line, CaseResult result) {
            put(slot, line);
            if (keptBytes + line.length() <= budget) {
                kept[slot] = result;
                keptBytes += line.length();
            }
        }

        StoredResults inOrder(java.nio.file.Path file) {
            int count = 0;
            for (int length : lengths) {
                count += length > 0 ? 1 : 0;
            }
            StoredResults.Builder list = new StoredResults.Builder(file, count, budget);
            for (int slot = 0; slot < lengths.length; slot++) {
                if (lengths[slot] > 0) {
                    list.add(offsets[slot], lengths[slot], kept[slot]);
                }
            }
            return list.build();
        }
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
