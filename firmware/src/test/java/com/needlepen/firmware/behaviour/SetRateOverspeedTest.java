package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.safety.SetRateOverspeedCheck;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H32, a runaway at a low set rate: the PWM duty latched at 60 % ({@link SimFault#DUTY_STUCK}) runs
 * a pen set to 50 Hz at about 110 Hz, under the profile's overspeed line (165 Hz). The firmware's
 * {@link SetRateOverspeedCheck} latches F23 within 100 ms; without it the rate-deviation check waits
 * a second while the needles stroke at twice the set rate.
 */
class SetRateOverspeedTest {

    private static Function<SafetyInputs, List<SafetyCheck>> withoutTheCheck() {
        return in -> {
            List<SafetyCheck> checks = new ArrayList<>(SafetyChecks.standard(in));
            checks.removeIf(SetRateOverspeedCheck.class::isInstance);
            return checks;
        };
    }

    private static PenBench runningOnSkin(double rateHz, Function<SafetyInputs, List<SafetyCheck>> checks) {
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, rateHz, 41, TelemetrySink.NONE, checks)
                .insertCartridge().ready();
        bench.sim.setSkinContact(true);
        return bench.click(PanelButton.START_STOP).running().spunUp();
    }

    @Tag("H32")
    @Test
    void givenTheDutyStuckWhileRunningAt50Hz_thenF23LatchesWithin100msAndTheTipsEndHidden() {
        PenBench bench = runningOnSkin(50, SafetyChecks::standard);
        long injected = bench.now();
        long strokes = bench.sim.trueExcursions();
        bench.sim.inject(SimFault.DUTY_STUCK);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        long ms = (bench.now() - injected) / MS;
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F23_OVERSPEED_VS_SET);
        assertThat(bench.controller.status().faultDetail()).endsWith("against 50.0 Hz set");
        assertThat(ms).as("ms from the stuck duty to F23").isLessThanOrEqualTo(100);
        assertThat(bench.sim.trueExcursions() - strokes).as("strokes from the stuck duty to F23").isLessThanOrEqualTo(10);
        bench.run(500 * MS);
        assertThat(bench.sim.shaftAtRest()).isTrue();
        assertThat(bench.sim.motorDriverEnabled()).isFalse();
        assertThat(bench.sim.tipProtrusionMm()).as("tips hidden by the minimum recess")
                .isLessThanOrEqualTo(-bench.profile.collar().minRecessMm());
        System.out.printf("H32: duty stuck at 50 Hz set: F23 after %d ms, %d strokes%n", ms,
                bench.sim.trueExcursions() - strokes);
    }

    @Tag("H32")
    @Test
    void givenTheDutyStuckAt50HzWithoutTheCheck_thenTheNeedlesStrokeAtTwiceTheSetRateForASecond() {
        PenBench bench = runningOnSkin(50, withoutTheCheck());
        long injected = bench.now();
        long strokes = bench.sim.trueExcursions();
        bench.sim.inject(SimFault.DUTY_STUCK);
        bench.run(500 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(bench.sim.shaftRateHz()).as("true rate with 50 Hz set").isGreaterThan(100.0);
        bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 5 * S);
        long strokesToFault = bench.sim.trueExcursions() - strokes;
        System.out.printf("H32 without the check: %s after %d ms, %d strokes (50 Hz set)%n",
                bench.controller.status().fault(), (bench.now() - injected) / MS, strokesToFault);
        // a second at 50 Hz is 50 strokes: the runaway doubles it before the slow check ends it
        assertThat(strokesToFault).as("strokes from the stuck duty to the first fault").isGreaterThan(100);
    }

    @Tag("H32")
    @Test
    void givenTheSetRateDroppedFrom150To50HzWhileRunning_thenNoFaultWhileTheShaftSlows() {
        PenBench bench = runningOnSkin(150, SafetyChecks::standard);
        bench.controller.submit(Request.rate(50));
        bench.run(2 * S);
        assertThat(bench.controller.status().state()).as("%s %s", bench.controller.status().fault(),
                bench.controller.status().faultDetail()).isEqualTo(PenState.RUNNING);
        // the cam's spring ripples the instantaneous rate within a revolution: its mean over 100 ms (five revolutions)
        double sum = 0;
        for (int ms = 0; ms < 100; ms++) {
            bench.run(MS);
            sum += bench.sim.shaftRateHz();
        }
        assertThat(sum / 100).as("the shaft's mean rate, Hz").isBetween(45.0, 55.0);
    }
}
