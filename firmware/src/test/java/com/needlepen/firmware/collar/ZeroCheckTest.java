package com.needlepen.firmware.collar;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.FakeDriveHardware;
import com.needlepen.hal.CollarStepper;
import com.needlepen.hal.HoldCurrent;
import org.junit.jupiter.api.Tag;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The zero check's own edges, on a stepper that misbehaves in ways the simulated collar does not.
 * The simulated collar's cases are in tools' CollarZeroCheckTest (H05, H06).
 */
@Tag("H06")
class ZeroCheckTest {

    /** A stepper that takes every move and never reports having finished it. */
    static class NeverStops implements CollarStepper {
        long position = 5_000;

        @Override
        public void moveTo(long targetSteps, double maxStepsPerSecond, double accelStepsPerSecond2) {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isMoving() {
            return true;
        }

        @Override
        public long positionSteps() {
            return position;
        }

        @Override
        public void setPositionSteps(long steps) {
            position = steps;
        }

        @Override
        public long sensedPositionSteps() {
            return position;
        }

        @Override
        public long sensedIndexPhaseSteps() {
            return -Math.round(CollarHoming.INDEX_FROM_SWITCH_MM * 3200); // a nominal unit's, at its switch
        }

        @Override
        public void setHoldCurrent(HoldCurrent holdCurrent) {
        }

        @Override
        public HoldCurrent holdCurrent() {
            return HoldCurrent.FULL;
        }

        @Override
        public boolean homeSwitchPressed() {
            return false;
        }

        @Override
        public boolean stallDetected() {
            return false;
        }

        @Override
        public int driverFaults() {
            return 0;
        }
    }

    /** A stepper that is where it was sent at once, with the home switch never closing; it records the moves. */
    static final class ArrivesAtOnce extends NeverStops {
        final List<Long> targets = new ArrayList<>();
        final List<Double> speeds = new ArrayList<>();

        @Override
        public void moveTo(long targetSteps, double maxStepsPerSecond, double accelStepsPerSecond2) {
            targets.add(targetSteps);
            speeds.add(maxStepsPerSecond);
            position = targetSteps;
        }

        @Override
        public boolean isMoving() {
            return false;
        }
    }

    @Test
    void givenTheProfilesProbeTuningThenTheFastLegStopsThatFarShortAndTheProbeSearchesThatFarPastThatFast() {
        var tuned = FakeDriveHardware.simWith("probeStartMm: 0.1 ", "probeStartMm: 0.05 ", "probePastMm: 0.3 ",
                "probePastMm: 0.4 ", "probeSpeedFraction: 0.25 ", "probeSpeedFraction: 0.5 ");
        ArrivesAtOnce stepper = new ArrivesAtOnce();
        ZeroCheck check = new ZeroCheck(stepper, tuned.collar(), tuned.tuning().zeroCheck());

        check.start(0);
        check.periodic(1_000_000L);
        check.periodic(2_000_000L);

        // 3,200 steps/mm at 2 mm/s: 0.05 mm short, 0.4 mm past, the probe at half of 6,400 steps/s
        assertThat(stepper.targets).containsExactly(160L, -1280L);
        assertThat(stepper.speeds).containsExactly(6400.0, 3200.0);
        assertThat(check.done()).isTrue();
        assertThat(check.found()).isFalse();
        assertThat(check.offsetSteps()).as("not found: the whole search").isEqualTo(-1280L);
    }

    @Test
    void givenACollarThatNeverStopsThenTheCheckGivesUpAfterItsTimeoutAndSaysSo() {
        var sim = ProfileLoader.bundled("sim");
        ZeroCheck check = new ZeroCheck(new NeverStops(), sim.collar(), sim.tuning().zeroCheck());
        check.start(0);
        long ms = 1_000_000L;
        for (long t = ms; t <= ZeroCheck.TIMEOUT_NANOS; t += ms) {
            assertThat(check.periodic(t)).isNotEqualTo(ZeroCheck.Phase.DONE);
        }
        assertThat(check.periodic(ZeroCheck.TIMEOUT_NANOS + ms)).isEqualTo(ZeroCheck.Phase.DONE);
        assertThat(check.timedOut()).isTrue();
        assertThat(check.found()).isFalse();
    }
}
