package com.needlepen.firmware.drive;

import com.needlepen.config.TuningSpec;

/**
 * Whether the braked shaft has come to rest, from what the firmware can see: the braking current
 * (back-EMF of a turning rotor into shorted windings), zeroed and averaged ({@link CurrentZero}: a
 * real monitor's offset and noise are as large as the threshold), below the profile's {@code
 * tuning.stillShaft.stillAmps} and no index edge, both for {@code stillForMillis} on end; never
 * before the monitor's offset has been measured. Used by
 * parking and by calibration's cam stepping, so both mean the same by "still". Allocates nothing.
 */
final class ShaftStillness {

    private final StrokeDrive drive;
    /** Braking current below which the shaft is taken as still (back-EMF of a few rad/s). */
    private final double stillAmps;
    private final long stillForNanos;
    private long quietSinceNanos = Long.MIN_VALUE;

    ShaftStillness(StrokeDrive drive, TuningSpec.StillShaft tuning) {
        this.drive = drive;
        this.stillAmps = tuning.stillAmps();
        this.stillForNanos = tuning.stillForNanos();
    }

    /** Starts watching afresh (after a brake or a pulse). */
    void reset() {
        quietSinceNanos = Long.MIN_VALUE;
    }

    /** Call every tick while braked: whether the shaft has been quiet long enough. */
    boolean still(long nowNanos) {
        double amps = drive.zeroedAverageAmps();
        // not a number (no zero measured yet) is never still
        if (!(Math.abs(amps) < stillAmps) || drive.edgesThisTick() > 0) {
            quietSinceNanos = Long.MIN_VALUE;
            return false;
        }
        if (quietSinceNanos == Long.MIN_VALUE) {
            quietSinceNanos = nowNanos;
        }
        return nowNanos - quietSinceNanos >= stillForNanos;
    }
}
