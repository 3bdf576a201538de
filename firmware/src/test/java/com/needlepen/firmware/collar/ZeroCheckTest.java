package com.needlepen.firmware.collar;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.hal.CollarStepper;
import com.needlepen.hal.HoldCurrent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The zero check's own edges, on a stepper that misbehaves in ways the simulated collar does not.
 * The simulated collar's cases are in tools' CollarZeroCheckTest (H05, H06).
 */
@Tag("H06")
class ZeroCheckTest {

    /** A stepper that takes every move and never reports having finished it. */
    static final class NeverStops implements CollarStepper {
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
    }

    @Test
    void givenACollarThatNeverStopsThenTheCheckGivesUpAfterItsTimeoutAndSaysSo() {
        ZeroCheck check = new ZeroCheck(new NeverStops(), ProfileLoader.bundled("sim").collar());
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
