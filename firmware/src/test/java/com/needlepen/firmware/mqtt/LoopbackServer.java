package com.needlepen.firmware.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A TCP server on 127.0.0.1 (never any other address) that hands each accepted connection to
 * {@link #accepted}, on daemon threads it owns, and on {@link #close} closes its listener, every
 * socket it was told to keep and its threads: the part the tests' misbehaving brokers and proxies
 * share.
 */
abstract class LoopbackServer implements AutoCloseable {

    private final ServerSocket listener;
    /** Sockets {@link #close} (and subclasses' own cuts) close. */
    protected final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;

    LoopbackServer(String threadName) throws IOException {
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** What to do with one accepted connection; runs on the accept thread, so hand long work to {@link #spawn}. */
    protected abstract void accepted(Socket socket) throws IOException;

    /** Runs a task on one of this server's threads. */
    protected final void spawn(Runnable task) {
        threads.execute(task);
    }

    final String url() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already gone
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                accepted(listener.accept());
            } catch (IOException e) {
                // listener closed, or this one connection failed
            }
        }
    }
}
