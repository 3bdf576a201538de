package com.needlepen.firmware.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A guarded socket holds a failure on its input back until something was written to it, so Paho
 * 1.2.5's receiver loop cannot end before the connecting thread has seen it running (the
 * connecting thread would then wait for it forever). Paho's receiver calls {@code available()}
 * before each read, so both must be held. Waits are on the reader's thread state, not on time.
 */
class GuardedSocketFactoryTest {

    /** Far longer than the test: a hold that ended by timing out would not be what is tested. */
    private static final long HOLD_MILLIS = Duration.ofMinutes(1).toMillis();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"available", "read"})
    void givenASocketClosedUnderTheReceiver_whenItReads_thenTheFailureWaitsForTheFirstWrite(String call)
            throws Exception {
        GuardedSocketFactory factory = new GuardedSocketFactory(HOLD_MILLIS);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = factory.createSocket(server.getInetAddress(), server.getLocalPort());
             Socket ignored = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            factory.closeAll(); // as close() or the connect deadline does while Paho starts its loops

            CompletableFuture<Integer> result = new CompletableFuture<>();
            Thread receiver = new Thread(() -> {
                try {
                    result.complete("available".equals(call) ? in.available() : in.read());
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, "receiver-" + call);
            receiver.setDaemon(true);
            receiver.start();
            awaitHeldOrDone(receiver, result);

            assertThat(result).as("%s() failed at once, before anything was written", call).isNotDone();

            writeOnce(out); // Paho's CONNECT, here on a socket already closed
            assertThat(catchCause(result)).isInstanceOf(SocketException.class);
        }
    }

    private static void writeOnce(OutputStream out) {
        try {
            out.write(0x10);
        } catch (IOException expected) {
            // the socket is closed; the attempt alone releases the held failure
        }
    }

    private static Throwable catchCause(CompletableFuture<Integer> result) throws Exception {
        try {
            result.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the call on a closed socket succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Until the reader is parked in the hold (timed wait) or has finished, whichever comes first. */
    private static void awaitHeldOrDone(Thread reader, CompletableFuture<?> result) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!result.isDone() && reader.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the reader neither finished nor waited within 10 s: " + reader.getState());
            }
            Thread.sleep(5);
        }
    }
}
