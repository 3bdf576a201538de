package com.needlepen.tools.cli;

import java.util.function.BooleanSupplier;

/** Waiting for something outside the simulation (a broker, a publisher thread) with a wall-clock bound. */
final class Waits {

    private Waits() {
    }

    static boolean until(BooleanSupplier condition, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
