package com.needlepen.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The loop a Java programmer writes first: {@code scheduleAtFixedRate} on a single-thread
 * executor, ticking the same simulated pen the same way. Lateness is against the executor's own
 * ideal schedule (first run one period after scheduling, then every period), so the bursts with
 * which a fixed-rate executor catches up after a stall count as late.
 */
final class ExecutorLoopBench {

    static final String NAME = "ScheduledExecutor";
    private static final long HIGHEST_NANOS = 60_000_000_000L;

    private ExecutorLoopBench() {
    }

    static LoopFigures measure(BenchPen bench, long periodNanos, long durationNanos) throws InterruptedException {
        PlantThenFirmwareTick body = new PlantThenFirmwareTick(bench);
        Histogram latenessNanos = new Histogram(HIGHEST_NANOS, 3);
        long ticks = Math.max(1, durationNanos / periodNanos);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CountDownLatch done = new CountDownLatch(1);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                r -> new Thread(r, "bench-loop-executor"));
        // the first scheduling loads the executor's classes (hundreds of µs): done once beforehand, so
        // the schedule measured against below is the executor's own, read back from its future
        executor.scheduleAtFixedRate(() -> { }, periodNanos, periodNanos, TimeUnit.NANOSECONDS).cancel(false);
        Task task = new Task(body, latenessNanos, periodNanos, ticks, threads, done);
        body.alignAt(System.nanoTime());
        ScheduledFuture<?> future = executor.scheduleAtFixedRate(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        task.firstDeadlineNanos = System.nanoTime() + future.getDelay(TimeUnit.NANOSECONDS);
        done.await();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        return LoopFigures.of(NAME, "scheduleAtFixedRate, one thread", latenessNanos, task.cpuNanos, task.wallNanos,
                body.plantNanos(), task.longestTickNanos, task.overruns, null, RunnerLoopBench.penState(bench));
    }

    /** One fixed-rate tick; the last one measures the thread's CPU and wall time and releases the caller. */
    private static final class Task implements Runnable {
        private final PlantThenFirmwareTick body;
        private final Histogram latenessNanos;
        private final long periodNanos;
        private final long ticks;
        private final ThreadMXBean threads;
        private final CountDownLatch done;
        /** Set by the caller right after scheduling, long before the first run is due (0: not yet). */
        volatile long firstDeadlineNanos;
        private long ran;
        private long cpuStartNanos;
        private long wallStartNanos;
        volatile long longestTickNanos;
        volatile long overruns;
        volatile long cpuNanos;
        volatile long wallNanos;

        Task(PlantThenFirmwareTick body, Histogram latenessNanos, long periodNanos, long ticks, ThreadMXBean threads,
             CountDownLatch done) {
            this.body = body;
            this.latenessNanos = latenessNanos;
            this.periodNanos = periodNanos;
            this.ticks = ticks;
            this.threads = threads;
            this.done = done;
        }

        @Override
        public void run() {
            if (ran >= ticks) {
                return; // the executor may run one more before it is shut down
            }
            long woke = System.nanoTime();
            while (firstDeadlineNanos == 0) {
                Thread.onSpinWait(); // the caller was descheduled between scheduling and reading the schedule back
            }
            if (ran == 0) {
                cpuStartNanos = threads.getCurrentThreadCpuTime();
                wallStartNanos = firstDeadlineNanos - periodNanos;
            }
            long late = Math.max(0, woke - (firstDeadlineNanos + ran * periodNanos));
            latenessNanos.recordValue(Math.min(late, HIGHEST_NANOS));
            body.trace().tickStarted(late);
            body.tick(woke);
            body.trace().tickEnded();
            long took = System.nanoTime() - woke;
            if (took > longestTickNanos) {
                longestTickNanos = took;
            }
            if (took > periodNanos) {
                overruns++;
            }
            ran++;
            if (ran == ticks) {
                cpuNanos = threads.getCurrentThreadCpuTime() - cpuStartNanos;
                wallNanos = System.nanoTime() - wallStartNanos;
                done.countDown();
            }
        }
    }
}
