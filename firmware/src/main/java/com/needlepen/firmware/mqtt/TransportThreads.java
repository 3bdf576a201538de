package com.needlepen.firmware.mqtt;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one transport: a single supervisor thread through which every change of the
 * link's state passes, so that logic needs no locks, and a pool for the MQTT client's own loops.
 * All are daemon threads named after the client id, and {@link #shutdown()} returns only once
 * every one of them has ended.
 */
final class TransportThreads {

    private static final Logger LOG = LoggerFactory.getLogger(TransportThreads.class);
    private static final long STOP_MILLIS = 3_000;
    /** A pen that stays offline for hours should not keep a dozen idle threads. */
    private static final long IDLE_SECONDS = 30;

    private final String name;
    /** Every thread made that may not have ended yet. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor supervisor;
    private final ScheduledThreadPoolExecutor pool;

    /**
     * Creates the executors; threads start only when work arrives.
     *
     * @param name     names the threads, e.g. {@code mqtt-pen-7}
     * @param poolSize the most threads the client library may occupy at once
     */
    TransportThreads(String name, int poolSize) {
        this.name = name;
        supervisor = new ScheduledThreadPoolExecutor(1, factory(name + "-supervisor"));
        // A pending retry must not hold shutdown up.
        supervisor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        supervisor.setRemoveOnCancelPolicy(true);
        pool = new ScheduledThreadPoolExecutor(poolSize, factory(name + "-pool")) {
            @Override
            protected void afterExecute(Runnable task, Throwable error) {
                // Paho names a thread after its job ("MQTT Rec: id"); an idle one should not claim it.
                if (Thread.currentThread() instanceof PoolThread thread) {
                    thread.setName(thread.poolName);
                }
            }
        };
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setRemoveOnCancelPolicy(true);
        pool.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
    }

    /** The executor the client library runs its loops on. */
    ScheduledExecutorService pool() {
        return pool;
    }

    /** Runs a task on the supervisor; once shutdown has begun it is dropped (a late callback). */
    void onSupervisor(Runnable task) {
        try {
            supervisor.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            LOG.trace("{} shutting down; dropped a late event", name);
        }
    }

    /** Runs a task on the supervisor after a delay; returns null once shutdown has begun. */
    ScheduledFuture<?> onSupervisorAfter(Runnable task, long delayMillis) {
        try {
            return supervisor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            return null;
        }
    }

    /** Whether the caller runs on one of these threads. */
    boolean isCurrentThreadOwn() {
        return threads.contains(Thread.currentThread());
    }

    /**
     * Lets the supervisor finish the tasks queued so far (delayed ones are dropped), then stops the
     * pool, and waits for every thread to end. Must not be called from one of these threads.
     */
    void shutdown() {
        supervisor.shutdown();
        awaitTermination(supervisor);
        // Only now: the supervisor's last tasks may have needed the pool.
        pool.shutdown();
        awaitTermination(pool);
        // A terminated executor's last workers may still be on their way out.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        try {
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    LOG.warn("{} thread {} did not stop", name, thread.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitTermination(ScheduledThreadPoolExecutor executor) {
        try {
            if (!executor.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            PoolThread thread = new PoolThread(task, prefix + "-" + count.incrementAndGet());
            // A transport somebody forgot to close must not keep the JVM alive.
            thread.setDaemon(true);
            // Idle threads time out and new ones replace them; forgetting the ended keeps this small.
            threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
            threads.add(thread);
            return thread;
        };
    }

    private static final class PoolThread extends Thread {

        final String poolName;

        PoolThread(Runnable task, String name) {
            super(task, name);
            this.poolName = name;
        }
    }
}
