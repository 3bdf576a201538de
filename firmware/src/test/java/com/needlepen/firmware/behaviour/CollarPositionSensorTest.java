package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.behaviour.FaultInjectionTest.EventSink;
import com.needlepen.firmware.safety.CollarPositionCheck;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import com.needlepen.hal.sim.SimHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The collar's position sensor against its step count (H41 in docs/safety.md): a collar that walks
 * deeper while the needles run is stopped within milliseconds by {@link CollarPositionCheck} (F30),
 * not at the next start; the sensor's own failure is found the next time the collar is commanded to
 * move; and pressing the pen on skin (2 to 10 N), which moves the collar by its thread's give, is
 * not mistaken for either. In virtual time, on the simulated pen (sim profile, 1.0 mm, 150 Hz, on
 * skin at 5 N).
 */
class CollarPositionSensorTest {

    /** Walk 0.5 mm/s: the collar passes the 0.019 mm bound after 38 ms; one tick more to see it. */
    static final long BOUND_MS = 45;

    static PenBench bench(Function<SafetyInputs, List<SafetyCheck>> checks, EventSink sink) {
        return new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 150, 41, sink, checks).insertCartridge("C-POS");
    }

    static List<SafetyCheck> withoutPositionCheck(SafetyInputs in) {
        List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
        all.removeIf(CollarPositionCheck.class::isInstance);
        return all;
    }

    /** Runs at 150 Hz on skin (5 N) for 500 ms after spin-up. */
    static PenBench running(PenBench b) {
        b.ready();
        b.sim.setSkinContact(true);
        b.click(PanelButton.START_STOP).spunUp().run(500 * MS);
        return b;
    }

    @Tag("H41")
    @Test
    void givenTheCollarWalkingWhileRunning_thenF30StopsTheNeedlesWithinItsBound() {
        EventSink sink = new EventSink();
        PenBench b = running(bench(SafetyChecks::standard, sink));
        double depthBefore = b.sim.trueDepthMm();
        long injected = b.now();
        b.sim.inject(SimFault.COLLAR_WALKED);
        boolean latched = b.runner.runUntil(() -> b.controller.status().state() == PenState.FAULT, BOUND_MS * MS);
        long tookMs = (b.now() - injected) / 1_000_000;
        double walked = b.sim.trueDepthMm() - depthBefore;
        System.out.printf("H41: F30 %d ms after the collar began to walk (%.1f mm/s), %.4f mm deeper: %s%n", tookMs,
                SimHandle.COLLAR_WALK_MM_PER_S, walked, b.controller.status().faultDetail());
        assertThat(latched).as("F30 within %d ms", BOUND_MS).isTrue();
        assertThat(b.controller.status().fault()).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(b.controller.status().faultDetail()).contains("deeper while its stepper stood still");
        assertThat(walked).as("found before the collar had walked past the tolerance").isLessThan(0.025);
        b.run(500 * MS);
        assertThat(b.sim.shaftAtRest()).isTrue();
        double hidden = -b.sim.tipProtrusionMm();
        assertThat(hidden).as("parked: the tips hidden by at least the profile's minimum recess")
                .isGreaterThanOrEqualTo(b.profile.cam().strokeMm() - b.profile.collar().absoluteMaxDepthMm());
        assertThat(b.controller.sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.endReason()).startsWith("fault F30"));
        assertThat(sink.events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("fault");
            assertThat(e.fields().get("code")).isEqualTo("F30");
        });
    }

    @Tag("H41")
    @Test
    void givenTheCollarWalkingWithoutThePositionCheck_thenTheNeedlesGoDeeperUntilTheNextStartsZeroCheck() {
        PenBench b = running(bench(CollarPositionSensorTest::withoutPositionCheck, new EventSink()));
        b.sim.resetPeakProtrusion();
        b.sim.inject(SimFault.COLLAR_WALKED);
        b.run(1 * S);
        System.out.printf("H41 without the position check: after 1 s of walking the peak is %.3f mm at a set 1.0 mm,"
                + " the pen still %s%n", b.sim.peakProtrusionMm(), b.controller.status().state());
        assertThat(b.controller.status().state()).as("nothing sees it while it runs").isEqualTo(PenState.RUNNING);
        assertThat(b.sim.peakProtrusionMm()).as("the needles go deeper than set").isGreaterThan(1.3);
        b.click(PanelButton.START_STOP);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.READY, S)).isTrue();
        long excursions = b.sim.trueExcursions();
        b.click(PanelButton.START_STOP);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.FAULT, 3 * S)).isTrue();
        assertThat(b.controller.status().fault()).as("only the next start's zero check (H05)")
                .isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
        assertThat(b.sim.trueExcursions()).isEqualTo(excursions);
    }

    @Tag("H41")
    @Test
    void givenTheCollarSensorStuckWhileTheCollarStoodStill_whenTheNextStartMovesTheCollar_thenF30BeforeTheNeedlesMove() {
        PenBench b = running(bench(SafetyChecks::standard, new EventSink()));
        b.click(PanelButton.START_STOP);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.READY, S)).isTrue();
        b.sim.setCollarSensorStuck(true);
        b.run(200 * MS);
        assertThat(b.controller.status().state()).as("a stuck sensor on a still collar reads as a still collar")
                .isEqualTo(PenState.READY);
        long excursions = b.sim.trueExcursions();
        long asked = b.now();
        b.click(PanelButton.START_STOP);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.FAULT, 3 * S)).isTrue();
        System.out.printf("H41 sensor stuck: F30 %d ms after the start was asked: %s%n", (b.now() - asked) / 1_000_000,
                b.controller.status().faultDetail());
        assertThat(b.controller.status().fault()).isEqualTo(FaultCode.F30_COLLAR_MOVED);
        assertThat(b.controller.status().faultDetail()).contains("sensor is stuck");
        assertThat(b.sim.trueExcursions()).as("the needles never moved").isEqualTo(excursions);
    }

    @Tag("H41")
    @Test
    void givenTheCollarSensorStuckWhileRunning_whenTheDepthIsChanged_thenF30WithinTheMove() {
        PenBench b = running(bench(SafetyChecks::standard, new EventSink()));
        b.sim.setCollarSensorStuck(true);
        b.controller.submit(Request.depth(0.8)); // shallower: allowed whole while running
        long asked = b.now();
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.FAULT, 200 * MS)).isTrue();
        System.out.printf("H41 sensor stuck, depth 1.0 -> 0.8 mm while running: F30 after %d ms%n",
                (b.now() - asked) / 1_000_000);
        assertThat(b.controller.status().fault()).isEqualTo(FaultCode.F30_COLLAR_MOVED);
    }

    @Tag("H41")
    @Test
    void givenThePenPressedAnywhereFrom2To10NAndLifted_thenTheCollarsGiveIsNoFault() {
        PenBench b = running(bench(SafetyChecks::standard, new EventSink()));
        for (double newtons : new double[] {2, 10, 0, 10, 2, 5}) {
            if (newtons == 0) {
                b.sim.setSkinContact(false);
            } else {
                b.sim.setSkinContact(true);
                b.sim.setPressForceN(newtons);
            }
            b.run(200 * MS);
        }
        b.controller.submit(Request.depth(1.05));
        b.run(500 * MS);
        b.sim.setSkinContact(false);
        b.run(200 * MS);
        b.sim.setSkinContact(true);
        b.sim.setPressForceN(10);
        b.run(200 * MS);
        b.click(PanelButton.START_STOP);
        assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.READY, S)).isTrue();
        b.sim.setSkinContact(true); // pressed while idle, then a new start: zero check, collar back, run
        b.sim.setPressForceN(10);
        b.run(100 * MS);
        b.sim.setSkinContact(false);
        b.ready(); // READY ends the run's last move on the loaded flank: the collar passes 1.05 mm by 0.05 and comes back
        b.click(PanelButton.START_STOP).running();
        b.sim.setSkinContact(true);
        b.run(300 * MS);
        assertThat(b.controller.status().fault()).isNull();
        assertThat(b.controller.status().state()).isEqualTo(PenState.RUNNING);
    }
}
