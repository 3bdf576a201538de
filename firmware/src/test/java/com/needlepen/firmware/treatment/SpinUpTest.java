package com.needlepen.firmware.treatment;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.config.TuningSpec;
import com.needlepen.firmware.drive.FakeDriveHardware;
import org.junit.jupiter.api.Test;

/** Spin-up ends when the rate has held within the profile's band for its hold time. */
class SpinUpTest {

    private static final long MS = 1_000_000L;

    /** The tick spin-up is found over for a shaft steady at {@code measuredHz} against 100 Hz set, or -1. */
    private static long overAtMs(TuningSpec.SpinUp tuning, double measuredHz) {
        SpinUp spinUp = new SpinUp(tuning);
        for (long t = 0; t <= 1_000 * MS; t += MS) {
            if (spinUp.update(t, true, 100, measuredHz, 100) != Long.MIN_VALUE) {
                return t / MS;
            }
        }
        return -1;
    }

    @Test
    void givenTheShippedTuning_whenTheRateHoldsWithinOnePercent_thenSpinUpIsOverAfter100Ms() {
        TuningSpec.SpinUp shipped = ProfileLoader.bundled("sim").tuning().spinUp();

        assertThat(overAtMs(shipped, 100.9)).isEqualTo(100);
        assertThat(overAtMs(shipped, 101.5)).as("outside 1 %").isEqualTo(-1);
    }

    @Test
    void givenAWiderBandAndShorterHoldInTheProfile_whenTheRateHoldsWithinIt_thenSpinUpEndsByThem() {
        TuningSpec.SpinUp tuned = FakeDriveHardware.simWith("bandFraction: 0.01", "bandFraction: 0.02",
                "holdMillis: 100", "holdMillis: 40").tuning().spinUp();

        assertThat(overAtMs(tuned, 101.5)).isEqualTo(40);
    }
}
