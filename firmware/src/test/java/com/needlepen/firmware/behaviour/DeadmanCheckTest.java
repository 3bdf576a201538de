package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.safety.DeadmanCheck;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.PenHardware;
import com.needlepen.hal.StrokeMotorDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H13 on the firmware's side: the driver's dead-man (in the HAL) brakes a motor whose refresh
 * stopped; the firmware must then see that its driver disabled itself and latch F08
 * ({@link DeadmanCheck}), a drive-suspect fault that also starves the enable timer, instead of going
 * on as if it still drove the needles. {@code DeadmanTest} shows the HAL's half. Before these tests,
 * making the check never fire left the suite green.
 */
class DeadmanCheckTest {

    private static final DeviceProfile PROFILE = ProfileLoader.bundled("sim");

    /** The driver as the firmware sees it, with a refresh line that can break (a wire, a driver input). */
    private static final class BreakableRefresh implements StrokeMotorDriver {

        private final StrokeMotorDriver driver;
        boolean broken;

        BreakableRefresh(StrokeMotorDriver driver) {
            this.driver = driver;
        }

        @Override
        public void enable(long nowNanos) {
            driver.enable(nowNanos);
        }

        @Override
        public void disable() {
            driver.disable();
        }

        @Override
        public boolean isEnabled() {
            return driver.isEnabled();
        }

        @Override
        public void setDutyFraction(double dutyFraction) {
            driver.setDutyFraction(dutyFraction);
        }

        @Override
        public double dutyFraction() {
            return driver.dutyFraction();
        }

        @Override
        public void brake() {
            driver.brake();
        }

        @Override
        public void refreshDeadman(long nowNanos) {
            if (!broken) {
                driver.refreshDeadman(nowNanos);
            }
        }

        @Override
        public long deadmanTimeoutNanos() {
            return driver.deadmanTimeoutNanos();
        }

        @Override
        public boolean deadmanExpired() {
            return driver.deadmanExpired();
        }
    }

    private static List<SafetyCheck> withoutTheDeadmanCheck(SafetyInputs in) {
        List<SafetyCheck> checks = new ArrayList<>(SafetyChecks.standard(in));
        assertThat(checks.removeIf(DeadmanCheck.class::isInstance)).isTrue();
        return checks;
    }

    private static PenBench runningAt150Hz(Function<SafetyInputs, List<SafetyCheck>> checks, BreakableRefresh[] driver) {
        PenBench bench = PenBench.wired(PROFILE, "12-pin", 1.0, 150, 31, hw -> {
            driver[0] = new BreakableRefresh(hw.motor());
            return new PenHardware(hw.clock(), driver[0], hw.index(), hw.collar(), hw.panel(), hw.indicators(),
                    hw.display(), hw.cartridge(), hw.sensors(), hw.enableTimer(), hw.watchdog(), hw.handpiece(),
                hw.brakeMonitor());
        }, checks).insertCartridge().ready();
        bench.sim.setSkinContact(true);
        return bench.click(PanelButton.START_STOP).running().spunUp();
    }

    @Tag("H13")
    @Test
    void givenTheControlThreadStalledPastTheDeadman_whenTheLoopResumes_thenItsFirstTickLatchesF08AndTheNeedlesStayAtRest() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 150, 31).insertCartridge().ready();
        bench.click(PanelButton.START_STOP).spunUp();
        bench.runner.freezeFirmwareFor(PROFILE.motor().deadmanMillis() * MS + 30 * MS);
        assertThat(bench.sim.motorDriverEnabled()).as("the HAL's dead-man braked").isFalse();
        bench.run(MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.FAULT);
        assertThat(bench.controller.status().fault()).as("the firmware's own fault, not only the HAL's")
                .isEqualTo(FaultCode.F08_DEADMAN);
        assertThat(bench.controller.status().faultDetail())
                .isEqualTo("the driver disabled itself after " + PROFILE.motor().deadmanMillis() + " ms without a refresh");
        bench.run(500 * MS);
        assertThat(bench.sim.motorDriverEnabled()).as("F08 never drives again").isFalse();
        assertThat(bench.sim.shaftAtRest()).isTrue();
        assertThat(bench.sim.tipProtrusionMm()).as("tips hidden by at least the minimum recess")
                .isLessThan(-PROFILE.collar().minRecessMm());
    }

    @Tag("H13")
    @Test
    void givenTheDeadmanRefreshLost_whileTheLoopTicksOnTime_thenF08LatchesTheTickTheDriverDisablesItself() {
        BreakableRefresh[] driver = new BreakableRefresh[1];
        PenBench bench = runningAt150Hz(SafetyChecks::standard, driver);
        driver[0].broken = true;
        long broken = bench.now();
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F08_DEADMAN);
        long deadman = PROFILE.motor().deadmanMillis();
        assertThat((bench.now() - broken) / MS).as("ms from the lost refresh to F08").isBetween(deadman, deadman + 2);
        bench.run(500 * MS);
        assertThat(bench.sim.shaftAtRest()).isTrue();
        assertThat(bench.sim.motorPowerAllowed()).as("drive-suspect: the starved enable timer cut the supply").isFalse();
        assertThat(bench.sim.tipProtrusionMm()).isLessThan(-PROFILE.collar().minRecessMm());
    }

    @Tag("H13")
    @Test
    void givenTheDeadmanRefreshLostWithoutTheDeadmanCheck_thenThePenGoesOnAsIfRunningWithNoFaultAndFeedsTheEnableTimer() {
        BreakableRefresh[] driver = new BreakableRefresh[1];
        PenBench bench = runningAt150Hz(DeadmanCheckTest::withoutTheDeadmanCheck, driver);
        driver[0].broken = true;
        bench.run(PROFILE.motor().deadmanMillis() * MS + 2 * MS);
        assertThat(bench.sim.motorDriverEnabled()).as("the HAL's dead-man braked").isFalse();
        // the stall check looks only at a driven shaft, and a disabled driver's duty reads 0: nothing else notices
        bench.run(S);
        assertThat(bench.controller.status().state()).as("the firmware did not notice").isEqualTo(PenState.RUNNING);
        assertThat(bench.controller.status().fault()).isNull();
        assertThat(bench.sim.motorPowerAllowed()).as("a suspect drive still powered").isTrue();
    }
}
