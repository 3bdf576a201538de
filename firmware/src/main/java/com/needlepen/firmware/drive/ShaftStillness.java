package com.needlepen.firmware.drive;

/**
 * Whether the braked shaft has come to rest, from what the firmware can see: the braking current
 * (back-EMF of a turning rotor into shorted windings) below {@link #STILL_AMPS} and no index edge,
 * both for {@link #STILL_FOR_NANOS} on end. Used by parking and by calibration's cam stepping, so
 * both mean the same by "still". Allocates nothing.
 */
final class ShaftStillness {

    /** Braking current below which the shaft is taken as still (back-EMF of a few rad/s). */
    static final double STILL_AMPS = 0.02;
    static final long STILL_FOR_NANOS = 20_000_000L;

    private final StrokeDrive drive;
    private long quietSinceNanos = Long.MIN_VALUE;

    ShaftStillness(StrokeDrive drive) {
        this.drive = drive;
    }

    /** Starts watching afresh (after a brake or a pulse). */
    void reset() {
        quietSinceNanos = Long.MIN_VALUE;
    }

    /** Call every tick while braked: whether the shaft has been quiet long enough. */
    boolean still(long nowNanos) {
        if (drive.currentAmps() >= STILL_AMPS || drive.edgesThisTick() > 0) {
            quietSinceNanos = Long.MIN_VALUE;
            return false;
        }
        if (quietSinceNanos == Long.MIN_VALUE) {
            quietSinceNanos = nowNanos;
        }
        return nowNanos - quietSinceNanos >= STILL_FOR_NANOS;
    }
}
