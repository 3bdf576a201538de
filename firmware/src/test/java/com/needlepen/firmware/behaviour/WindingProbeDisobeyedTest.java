package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.safety.TurningWhileOffCheck;
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
 * H18 and H33 together: the winding probe drives the bridge at about 1 % duty in CHECKING, before
 * every start, with the practitioner's pen possibly on skin. A drive that does not obey its duty (a
 * PWM stuck high since READY, where the disabled drive hid it) would spin the cam for the probe's
 * 0.6 s. {@link TurningWhileOffCheck} holds the index in its window while the probe drives: F13 as the
 * cam leaves it, the needles still hidden. Found by the safety property once the probe came in.
 */
class WindingProbeDisobeyedTest {

    private static PenBench readyWithAStuckPwm(Function<SafetyInputs, List<SafetyCheck>> checks) {
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, 11, TelemetrySink.NONE, checks)
                .insertCartridge("C-PROBE").ready();
        bench.sim.setSkinContact(true);
        bench.sim.inject(SimFault.PWM_STUCK_HIGH); // the drive is disabled in READY: nothing shows it
        bench.run(50 * MS);
        return bench;
    }

    @Tag("H18")
    @Test
    void givenAPwmStuckHighInReady_whenAStartsWindingProbeDrives_thenF13BeforeTheNeedlesComeOut() {
        PenBench bench = readyWithAStuckPwm(SafetyChecks::standard);
        long excursions = bench.sim.trueExcursions();
        double turns = bench.sim.shaftTurns();
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 3 * S)).isTrue();
        assertThat(bench.runner.runUntil(bench.sim::shaftAtRest, S)).isTrue();
        System.out.printf("H18 in the winding probe: %s (%s); %.2f turns, %d needle excursions%n",
                bench.controller.status().fault(), bench.controller.status().faultDetail(),
                bench.sim.shaftTurns() - turns, bench.sim.trueExcursions() - excursions);
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F13_TURNING_WHILE_OFF);
        assertThat(bench.controller.status().faultDetail()).contains("winding probe");
        assertThat(bench.sim.trueExcursions()).as("no needle excursion").isEqualTo(excursions);
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile);
    }

    @Tag("H18")
    @Test
    void givenAPwmStuckHighInReady_withoutTheCheck_thenTheProbeSpinsTheCamInChecking() {
        PenBench bench = readyWithAStuckPwm(in -> {
            List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
            all.removeIf(c -> c instanceof TurningWhileOffCheck);
            return all;
        });
        double turns = bench.sim.shaftTurns();
        bench.click(PanelButton.START_STOP);
        bench.runner.runUntil(() -> bench.controller.status().state() != PenState.CHECKING, 3 * S);
        double inChecking = bench.sim.shaftTurns() - turns;
        System.out.printf("H18 without the check: the winding probe's pulse on a stuck-high PWM: %.0f turns of the cam"
                + " in CHECKING (the collar at its zero check kept the tips in), then %s %s%n", inChecking,
                bench.controller.status().state(), bench.controller.status().fault());
        // about 0.6 s at 190 Hz; at a shallow depth the collar is back from its zero check sooner, tips out
        assertThat(inChecking).isGreaterThan(50);
        assertThat(bench.controller.status().state()).as("and the run then starts on it").isEqualTo(PenState.RUNNING);
    }
}
