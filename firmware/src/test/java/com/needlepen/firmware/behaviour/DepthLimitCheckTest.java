package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.Pen;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.collar.DepthMap;
import com.needlepen.firmware.collar.NominalDepthMap;
import com.needlepen.firmware.safety.DepthLimitCheck;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimHandle;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H10's second depth check, shown on the firmware: whatever asks the collar for more than the
 * current limit is clamped ({@code DepthPositioner}) and the supervisor latches F09
 * ({@link DepthLimitCheck}). The fault injected is in the positioner's input: a depth map that maps
 * one depth to the steps of a deeper one (a calibration model corrupted in memory, a software error
 * between the settings and the collar), which {@code SettingsPolicy} cannot see, since the depth
 * it passes is allowed. Clamping alone leaves the collar at the limit, deeper than set; only the
 * check stops the needles. Before these tests, making the check never fire left the suite green.
 */
class DepthLimitCheckTest {

    private static final DeviceProfile PROFILE = ProfileLoader.bundled("sim");

    /** The nominal map but for one depth, which it maps to the steps of {@code toMm}. */
    private record LyingDepthMap(NominalDepthMap nominal, double atMm, double toMm) implements DepthMap {

        @Override
        public long stepsFor(double depthMm) {
            return nominal.stepsFor(Math.abs(depthMm - atMm) < 1e-9 ? toMm : depthMm);
        }

        @Override
        public double depthFor(long steps) {
            return nominal.depthFor(steps);
        }
    }

    private record Bench(SimHandle sim, Pen pen) {

        PenState state() {
            return pen.controller().status().state();
        }

        FaultCode fault() {
            return pen.controller().status().fault();
        }

        void click(PanelButton button) {
            sim.press(button);
            pen.runner().runFor(20 * MS);
            sim.release(button);
            pen.runner().runFor(2 * MS);
        }
    }

    /** A pen set to 1.0 mm whose depth map sends {@code atMm} to the steps of 1.8 mm, past the 1.5 mm ceiling. */
    private static Bench bench(double atMm, Function<SafetyInputs, List<SafetyCheck>> checks) {
        SimPen simPen = SimulatedPenFactory.create(PROFILE, 12, 41);
        DepthMap lying = new LyingDepthMap(new NominalDepthMap(PROFILE.collar()), atMm, 1.8);
        Pen pen = PenBench.assemble(simPen, PROFILE, a -> a.settings(1.0, 100).safetyChecksForTest(checks)
                .calibration(new DepthCalibration(lying, "corrupted-in-memory", null, null)));
        simPen.handle().insertCartridge(new CartridgeInfo("CART-DEPTH-LIMIT", 12));
        return new Bench(simPen.handle(), pen);
    }

    private static List<SafetyCheck> withoutTheDepthLimitCheck(SafetyInputs in) {
        List<SafetyCheck> checks = new ArrayList<>(SafetyChecks.standard(in));
        assertThat(checks.removeIf(DepthLimitCheck.class::isInstance)).isTrue();
        return checks;
    }

    @Tag("H10")
    @Test
    void givenADepthMapThatSendsTheSetDepthPastTheCeiling_whenTheCollarIsPositioned_thenF09LatchesBeforeTheNeedlesEverMove() {
        Bench b = bench(1.0, SafetyChecks::standard);
        assertThat(b.pen().runner().runUntil(() -> b.state() == PenState.FAULT || b.pen().controller().status().readyToStart(),
                30 * S)).isTrue();
        assertThat(b.state()).isEqualTo(PenState.FAULT);
        assertThat(b.fault()).isEqualTo(FaultCode.F09_DEPTH_LIMIT);
        long limitSteps = new NominalDepthMap(PROFILE.collar()).stepsFor(PROFILE.depth().ceilingMm());
        assertThat(b.pen().controller().status().faultDetail()).isEqualTo("collar command clamped to " + limitSteps + " steps");
        b.click(PanelButton.START_STOP);
        b.pen().runner().runFor(2 * S);
        assertThat(b.state()).isEqualTo(PenState.FAULT);
        assertThat(b.sim().shaftTurns()).as("the needles never moved").isZero();
        assertThat(b.sim().peakProtrusionMm()).isLessThan(-PROFILE.collar().minRecessMm());
    }

    @Tag("H10")
    @Test
    void givenADepthMapThatSendsTheSetDepthPastTheCeilingWithoutTheDepthLimitCheck_thenTheNeedlesRunAtTheLimitDeeperThanSet() {
        Bench b = bench(1.0, DepthLimitCheckTest::withoutTheDepthLimitCheck);
        assertThat(b.pen().runner().runUntil(() -> b.pen().controller().status().readyToStart(), 30 * S)).isTrue();
        b.sim().setSkinContact(true);
        b.click(PanelButton.START_STOP);
        assertThat(b.pen().runner().runUntil(() -> b.state() == PenState.RUNNING, 5 * S)).as("past the zero check").isTrue();
        b.pen().runner().runFor(S);
        assertThat(b.state()).isEqualTo(PenState.RUNNING);
        assertThat(b.pen().controller().status().depthMm()).as("what the pen says is set").isEqualTo(1.0);
        // clamped to the ceiling, and so 0.5 mm deeper than set; tolerance is 0.02 mm
        assertThat(b.sim().peakProtrusionMm()).isGreaterThan(1.0 + 0.4);
    }

    @Tag("H10")
    @Test
    void givenADepthMapThatSendsTheNextDepthUpPastTheCeiling_whenItIsAskedWhileRunning_thenF09StopsTheNeedlesAtTheNextTick() {
        Bench b = bench(1.05, SafetyChecks::standard);
        assertThat(b.pen().runner().runUntil(() -> b.pen().controller().status().readyToStart(), 30 * S)).isTrue();
        b.sim().setSkinContact(true);
        b.click(PanelButton.START_STOP);
        assertThat(b.pen().runner().runUntil(() -> b.pen().controller().status().spunUp(), 5 * S)).isTrue();
        b.pen().controller().submit(Request.depth(1.05));
        long asked = b.pen().runner().nowNanos();
        assertThat(b.pen().runner().runUntil(() -> b.state() == PenState.FAULT, S)).isTrue();
        assertThat(b.fault()).isEqualTo(FaultCode.F09_DEPTH_LIMIT);
        assertThat((b.pen().runner().nowNanos() - asked) / MS).as("ms from the request to F09").isLessThanOrEqualTo(2);
        b.pen().runner().runFor(500 * MS);
        assertThat(b.sim().shaftAtRest()).isTrue();
        assertThat(b.sim().tipProtrusionMm()).as("tips hidden by at least the minimum recess")
                .isLessThan(-PROFILE.collar().minRecessMm());
    }

    @Tag("H10")
    @Test
    void givenADepthMapThatSendsTheNextDepthUpPastTheCeilingWithoutTheDepthLimitCheck_thenTheNeedlesGoOnDeeperThanSet() {
        Bench b = bench(1.05, DepthLimitCheckTest::withoutTheDepthLimitCheck);
        assertThat(b.pen().runner().runUntil(() -> b.pen().controller().status().readyToStart(), 30 * S)).isTrue();
        b.sim().setSkinContact(true);
        b.click(PanelButton.START_STOP);
        assertThat(b.pen().runner().runUntil(() -> b.pen().controller().status().spunUp(), 5 * S)).isTrue();
        b.pen().controller().submit(Request.depth(1.05));
        b.pen().runner().runFor(S);
        b.sim().resetPeakProtrusion();
        b.pen().runner().runFor(S);
        assertThat(b.state()).isEqualTo(PenState.RUNNING);
        assertThat(b.sim().peakProtrusionMm()).as("the collar went to the ceiling, 0.45 mm past the set 1.05 mm")
                .isGreaterThan(1.05 + 0.4);
    }
}
