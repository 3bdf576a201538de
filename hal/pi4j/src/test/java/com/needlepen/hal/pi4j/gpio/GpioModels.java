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
}
