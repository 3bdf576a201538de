package com.needlepen.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {

    /** MQTT 3.1.1 CONNECT: clean session, keep-alive 60 s, client id "t". */
    private static final byte[] CONNECT = {0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 1, 't'};
    /** CONNACK: no session present, connection accepted. */
    private static final byte[] CONNACK = {0x20, 2, 0, 0};

    @Test
    void givenAStartedBroker_thenItsUrlNamesLoopbackAndItsPort_andItAnswersAnMqttConnect() throws IOException {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
             Socket socket = new Socket()) {
            assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());

            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), broker.port()), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(CONNECT);
            out.flush();
            byte[] answer = new byte[CONNACK.length];
            new DataInputStream(socket.getInputStream()).readFully(answer);

            assertThat(answer).containsExactly(CONNACK);
        }
    }

    @Test
    void givenAClosedBroker_thenItsPortIsFreeAgain_andItsThreadsAreGone() throws IOException {
        Set<Thread> before = liveThreads();
        EmbeddedBroker broker = EmbeddedBroker.start();
        int port = broker.port();

        broker.close();

        try (ServerSocket rebind = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(rebind.getLocalPort()).isEqualTo(port);
        }
        assertNoThreadsLeftBut(before);
    }

    @Test
    void givenATakenPort_whenStartingOnIt_thenABindExceptionNamesThePort_andNoThreadsAreLeft() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Set<Thread> before = liveThreads();

            assertThatThrownBy(() -> EmbeddedBroker.start(taken.getLocalPort()))
                    .isInstanceOf(BindException.class).hasMessageContaining("127.0.0.1:" + taken.getLocalPort());

            assertNoThreadsLeftBut(before);
        }
    }

    @Test
    void givenTwoBrokers_thenTheyGetDifferentPorts() throws IOException {
        try (EmbeddedBroker first = EmbeddedBroker.start(); EmbeddedBroker second = EmbeddedBroker.start()) {
            assertThat(first.port()).isNotEqualTo(second.port());
        }
    }

    /**
     * The broker's own threads must be gone when close returns. Netty's JVM-wide global executor
     * is not the broker's: it ends by itself after a second idle, so that one is waited for.
     */
    private static void assertNoThreadsLeftBut(Set<Thread> before) {
        assertThat(names(liveThreads(), before)).allMatch(name -> name.startsWith("globalEventExecutor"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!names(liveThreads(), before).isEmpty() && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        assertThat(names(liveThreads(), before)).isEmpty();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /** Threads alive now that were not before, by name. */
    private static Set<String> names(Set<Thread> now, Set<Thread> before) {
        return now.stream().filter(thread -> !before.contains(thread)).map(Thread::getName).collect(Collectors.toSet());
    }
}
