package com.needlepen.config;

/**
 * The supervisor loop: its fixed period, and how its thread waits for each deadline.
 *
 * @param periodMicros      the control period
 * @param waitStrategy      park until the deadline, or park until a margin before it and spin the rest
 * @param spinMarginMicros  with {@link Wait#PARK_THEN_SPIN}: how long before the deadline parking ends
 */
public record LoopSpec(int periodMicros, Wait waitStrategy, int spinMarginMicros) {

    /** How the loop thread waits (docs/performance.md measures both). */
    public enum Wait {
        /** Cheapest; wakes as late as the kernel's timer slack and scheduling make it. */
        PARK,
        /** Parks, then spins the last margin: lateness of a spin, CPU cost of the margin. */
        PARK_THEN_SPIN
    }

    /** The period alone, with the shipped wait (park, then spin the last 100 µs). */
    public LoopSpec(int periodMicros) {
        this(periodMicros, Wait.PARK_THEN_SPIN, 100);
    }

    public long periodNanos() {
        return periodMicros * 1000L;
    }
}
