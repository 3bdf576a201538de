package com.needlepen.tools.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a child's output on a thread of its own, so a full pipe never stalls the child. */
final class OutputDrain {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Thread thread;

    private OutputDrain(InputStream in, String name) {
        thread = new Thread(() -> {
            try (in) {
                in.transferTo(buffer);
            } catch (IOException e) {
                // the child is gone: what was read is what there is
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    static OutputDrain start(InputStream in, String name) {
        return new OutputDrain(in, name);
    }

    /** Everything read, once the stream has ended (waits up to 5 s for that after the child exited). */
    String text() throws InterruptedException {
        thread.join(5_000);
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
