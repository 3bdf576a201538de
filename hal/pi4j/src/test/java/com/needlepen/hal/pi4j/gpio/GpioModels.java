package com.needlepen.hal.pi4j.gpio;

/** The index's kernel event source as a test scripts it, for tests outside this package. */
public final class GpioModels {

    private GpioModels() {
    }

    /** A started index sensor (active low) on a scripted event source that has no events yet. */
    public static KernelIndexSensor idleIndex() {
        KernelIndexSensor s = new KernelIndexSensor(new FakeLineEventSource(true), KernelIndexSensor.ActiveEdge.FALLING,
                KernelIndexSensor.DEFAULT_RING_CAPACITY);
        s.start();
        return s;
    }

    /**
     * An index sensor (active low) over {@code source}, its reader not started: {@link #pump} hands it what came;
     * {@code queueCompleteThrough} is the instant up to which the scripted kernel holds every edge stamped.
     */
    public static KernelIndexSensor unstartedIndex(LineEventSource source, java.util.function.LongSupplier queueCompleteThrough) {
        return new KernelIndexSensor(source, KernelIndexSensor.ActiveEdge.FALLING, KernelIndexSensor.DEFAULT_RING_CAPACITY,
                queueCompleteThrough);
    }

    /** What the reader thread does once, without waiting: the events the source has now, into the sensor's ring. */
    public static void pump(KernelIndexSensor sensor) {
        try {
            while (sensor.pump(0) > 0) {
                // until the source has nothing more
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
