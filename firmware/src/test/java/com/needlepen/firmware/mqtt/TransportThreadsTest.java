package com.needlepen.firmware.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TransportThreadsTest {

    private final String name = "threads-" + Integer.toHexString(System.identityHashCode(this));
    private final TransportThreads threads = new TransportThreads(name, 4);

    @Test
    void givenWorkOnTheSupervisorAndThePool_whenShutDown_thenNoneOfItsThreadsIsAlive() throws Exception {
        CountDownLatch ran = new CountDownLatch(3);
        threads.onSupervisor(ran::countDown);
        threads.pool().execute(ran::countDown);
        threads.pool().schedule(ran::countDown, 1, TimeUnit.MILLISECONDS);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(liveThreadsNamed(name)).isPositive();

        threads.shutdown();

        assertThat(liveThreadsNamed(name)).isZero();
    }

    @Test
    void givenTasksQueuedOnTheSupervisor_whenShutDown_thenTheyRunFirst_butDelayedOnesAreDropped() {
        AtomicBoolean queued = new AtomicBoolean();
        AtomicBoolean delayed = new AtomicBoolean();
        threads.onSupervisorAfter(() -> delayed.set(true), 60_000);
        threads.onSupervisor(() -> queued.set(true));

        threads.shutdown();

        assertThat(queued).isTrue();
        assertThat(delayed).isFalse();
    }

    @Test
    void givenShutDown_whenMoreWorkArrives_thenItIsDroppedQuietly() {
        threads.shutdown();
        AtomicBoolean ran = new AtomicBoolean();

        threads.onSupervisor(() -> ran.set(true));

        Object scheduled = threads.onSupervisorAfter(() -> ran.set(true), 1);
        assertThat(scheduled).isNull();
        assertThat(ran).isFalse();
    }

    @Test
    void givenATaskOnTheSupervisor_thenItKnowsItRunsOnAnOwnThread_andTheCallerDoesNot() throws Exception {
        CompletableFuture<Boolean> own = new CompletableFuture<>();

        threads.onSupervisor(() -> own.complete(threads.isCurrentThreadOwn()));

        assertThat(own.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads.isCurrentThreadOwn()).isFalse();
        threads.shutdown();
    }

    private static long liveThreadsNamed(String fragment) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().contains(fragment)).count();
    }
}
