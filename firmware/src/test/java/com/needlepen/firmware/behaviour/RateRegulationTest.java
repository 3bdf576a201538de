package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.treatment.SettingsPolicy;
import com.needlepen.hal.PanelButton;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The rate regulator against the simulated pen, whose index stamps jitter (40 us latency, 20 us
 * one-sided spread, 0.2 % outliers up to 2 ms late), with the heaviest cartridge at the ceiling.
 */
class RateRegulationTest {

    @ParameterizedTest(name = "given {0} Hz at the ceiling, the mean true rate over each second is within 0.5 %")
    @CsvSource({"50", "100", "150"})
    void givenSpunUpWhenRunningThenEachSecondsMeanTrueRateIsWithinHalfAPercent(double rateHz) {
        PenBench bench = PenBench.sim("36-pin", 1.5, rateHz, 11).insertCartridge().ready();
        bench.sim.setSkinContact(true);
        bench.click(PanelButton.START_STOP).spunUp();
        for (int second = 0; second < 5; second++) {
            double turns = bench.sim.shaftTurns();
            bench.run(S);
            double mean = bench.sim.shaftTurns() - turns;
            assertThat(mean).as("second %d at %s Hz", second, rateHz).isCloseTo(rateHz, org.assertj.core.data.Offset.offset(0.005 * rateHz));
        }
    }

    /** Recovery bound after a step from no skin to full skin load at the ceiling: at most 300 ms at 50 Hz, less above. */
    @ParameterizedTest(name = "given {0} Hz in air, when the pen meets skin, the rate is back within 1 % in {1} ms")
    @CsvSource({"50, 300", "100, 200", "150, 150"})
    void givenRunningInAirWhenFullSkinLoadThenRateRecoversWithinBound(double rateHz, long boundMs) {
        PenBench bench = PenBench.sim("36-pin", 1.5, rateHz, 12).insertCartridge().ready();
        bench.click(PanelButton.START_STOP).spunUp();
        bench.run(500 * MS);
        long step = bench.now();
        bench.sim.setSkinContact(true);
        // the true rate averaged over the last revolution, sampled every millisecond
        int window = (int) Math.round(1000.0 / rateHz);
        double[] turns = new double[1000];
        long lastOutside = step;
        double worst = 0;
        for (int ms = 0; ms < turns.length; ms++) {
            bench.run(MS);
            turns[ms] = bench.sim.shaftTurns();
            if (ms >= window) {
                double rate = (turns[ms] - turns[ms - window]) * 1000.0 / window;
                double error = Math.abs(rate - rateHz) / rateHz;
                worst = Math.max(worst, error);
                if (error > 0.01) {
                    lastOutside = bench.now();
                }
            }
        }
        long recoveryMs = (lastOutside - step) / MS;
        System.out.printf("load step at %.0f Hz: worst dip %.1f %%, back within 1 %% after %d ms%n", rateHz,
                worst * 100, recoveryMs);
        assertThat(worst).as("the step really disturbs the rate").isGreaterThan(0.01);
        assertThat(recoveryMs).isLessThanOrEqualTo(boundMs);
    }

    @Test
    void givenTheSimProfileWhenARateAboveTheClosedFormLimitIsAskedThenItIsRefusedNamingTheLimit() {
        DeviceProfile profile = ProfileLoader.bundled("sim");
        var heaviest = profile.heaviestCartridge();
        double limit = profile.motorLimits().maxRateHz(1.5, heaviest.needles());
        SettingsPolicy policy = new SettingsPolicy(profile);

        assertThat(policy.rateRefusal(1.5, 190, heaviest))
                .isEqualTo("rate 190 Hz is above the %d Hz this motor reaches at 11.4 V under load (36 needles at 1.5 mm)",
                        (long) Math.floor(limit));
        assertThat(limit).isBetween(150.0, 160.0);
        assertThat(policy.rateRefusal(1.5, 150, heaviest)).isNull();
    }

    @Test
    void givenTheWeakerMotorWhenItsClosedFormLimitIsExceededThenTheRateIsRefused() {
        DeviceProfile profile = ProfileLoader.bundled("compact");
        var heaviest = profile.heaviestCartridge();
        double depth = Math.min(heaviest.maxDepthMm(), profile.depth().selectableMaxMm());
        double limit = profile.motorLimits().maxRateHz(depth, heaviest.needles());
        double above = Math.ceil(limit) + 5;
        assertThat(new SettingsPolicy(profile).rateRefusal(depth, above, heaviest))
                .contains("above the " + (long) Math.floor(limit) + " Hz this motor reaches");
    }
}
