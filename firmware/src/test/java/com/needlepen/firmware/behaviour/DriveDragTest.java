package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.CartridgeType;
import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.safety.DragCheck;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimHandle;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyInputs;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * H53, a drive that drags: the cam's roller follower seized, sliding on the cam with its grease gone
 * ({@value SimHandle#FOLLOWER_FRICTION_WORST}). Its heat is made at the nose, where the applied part's
 * estimate does not count it; the drive's torque shows it and the firmware stops the needles (F36,
 * {@link DragCheck}). A sound handpiece, at any cartridge's deepest depth and any rate, on skin or in air,
 * runs on with no F36.
 */
@Tag("H53")
class DriveDragTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    /** F36 within this of spin-up: two windows, and the window the spin-up fell in. */
    static final long BOUND_AFTER_SPIN_UP_MILLIS = (DragCheck.WINDOWS + 1) * DragCheck.WINDOW_MILLIS;

    static PenBench bench(String cartridge, double depthMm, double rateHz, double friction, double roomCelsius,
                                  boolean onSkin, Function<SafetyInputs, List<SafetyCheck>> checks) {
        PenBench bench = PenBench.wired(SIM, cartridge, depthMm, rateHz, 7, hw -> hw, checks).insertCartridge();
        bench.sim.setFollowerFriction(friction);
        bench.sim.soakAt(roomCelsius);
        bench.ready();
        bench.sim.setSkinContact(onSkin);
        return bench;
    }

    @ParameterizedTest(name = "{0} at {1} mm, {2} Hz, on skin {3}")
    @CsvSource({"12-pin, 1.5, 150, true", "12-pin, 1.5, 50, true", "24-pin, 1.5, 150, true", "36-pin, 1.5, 150, true",
            "36-pin, 1.5, 50, true", "36-pin, 1.5, 150, false", "12-pin, 0.0, 100, false"})
    void givenASoundHandpiece_whenItRunsAtTheCeilingAtAnyRateWithAnyCartridge_thenNoDragFault(String cartridge, double depthMm,
                                                                                      double rateHz, boolean onSkin) {
        PenBench bench = bench(cartridge, depthMm, rateHz, SimHandle.FOLLOWER_FRICTION_NOMINAL, 25.0, onSkin,
                SafetyChecks::standard);
        bench.click(PanelButton.START_STOP).running().spunUp();
        bench.run(20 * S);
        assertThat(bench.controller.status().state()).as("%s %s", bench.controller.status().fault(),
                bench.controller.status().faultDetail()).isEqualTo(PenState.RUNNING);
    }

    @Test
    void givenASeizedRollerOnSkin_whenTheHeaviestCartridgeRunsAt150Hz_thenF36SoonAfterSpinUpWithTheTipsHidden() {
        PenBench bench = bench("36-pin", 1.0, 150, SimHandle.FOLLOWER_FRICTION_WORST, 40.0, true, SafetyChecks::standard);
        double noseAtStart = bench.sim.handpieceCelsius();
        bench.click(PanelButton.START_STOP).running();
        long started = bench.now();
        long spunUpAt = -1;
        while (bench.controller.status().state() == PenState.RUNNING && bench.now() - started < 10 * S) {
            bench.run(MS);
            if (spunUpAt < 0 && bench.controller.status().spunUp()) {
                spunUpAt = bench.now();
            }
        }
        long faultAt = bench.now();
        System.out.printf("H53 seized roller, 36-pin at 150 Hz on skin: spun up after %d ms, %s %d ms later (%s);"
                        + " the nose %.2f °C from %.2f °C%n", (spunUpAt - started) / MS, bench.controller.status().fault(),
                (faultAt - spunUpAt) / MS, bench.controller.status().faultDetail(), bench.sim.handpieceCelsius(),
                noseAtStart);
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F36_DRIVE_DRAGS);
        assertThat(spunUpAt).as("it spun up").isPositive();
        assertThat((faultAt - spunUpAt) / MS).isLessThanOrEqualTo(BOUND_AFTER_SPIN_UP_MILLIS);
        bench.run(2 * S);
        CamAngle.assertTipsHiddenByTheCam(bench.sim, SIM);
    }

    @Test
    void givenASeizedRollerOnSkinWithoutTheDragCheck_whenTheHeaviestCartridgeRunsAt150Hz_thenTheNosePasses43C() {
        PenBench bench = bench("36-pin", 1.0, 150, SimHandle.FOLLOWER_FRICTION_WORST, 40.0, true, FollowerFrictionTest::withoutTheDragCheck);
        bench.click(PanelButton.START_STOP).running();
        long started = bench.now();
        long passedAfterS = -1;
        for (int s = 0; s < 600 && bench.controller.status().state() == PenState.RUNNING; s++) {
            bench.run(S);
            if (bench.sim.handpieceCelsius() > AppliedPartTemperatureTest.APPLIED_PART_LIMIT_CELSIUS) {
                passedAfterS = (bench.now() - started) / S;
                break;
            }
        }
        System.out.printf("H53 without the drag check: the nose passed 43 °C after %d s with the needles %s (the"
                + " thermistor %.2f °C)%n", passedAfterS, bench.controller.status().state(),
                bench.pen.hardware().sensors().handpieceCelsius());
        assertThat(passedAfterS).as("the applied part passed its limit").isPositive();
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
    }

    /**
     * The most drag the check lets by: the follower's friction is raised in steps of 0.005 on a 36-pin at
     * 1.0 mm and 150 Hz on skin until F36 comes within 10 s; the last that ran on, in a 40 °C room for
     * 15 min, leaves the nose under 43 °C: the estimate's own margins hold the drag it cannot see.
     */
    @Test
    void givenTheMostDragTheCheckLetsBy_whenTheHeaviestCartridgeRunsOnSkinIn40CRoom_thenTheCutOffHoldsTheNoseUnder43C() {
        double lastSound = SimHandle.FOLLOWER_FRICTION_NOMINAL;
        for (double mu = SimHandle.FOLLOWER_FRICTION_NOMINAL; mu <= SimHandle.FOLLOWER_FRICTION_WORST; mu += 0.005) {
            PenBench b = bench("36-pin", 1.0, 150, mu, 25.0, true, SafetyChecks::standard);
            b.click(PanelButton.START_STOP).running().spunUp();
            b.run(10 * S);
            if (b.controller.status().fault() == FaultCode.F36_DRIVE_DRAGS) {
                break;
            }
            lastSound = mu;
        }
        PenBench bench = bench("36-pin", 1.0, 150, lastSound, 40.0, true, SafetyChecks::standard);
        bench.click(PanelButton.START_STOP).running().spunUp();
        double hottest = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < 15 * 60; s++) {
            bench.run(S);
            hottest = Math.max(hottest, bench.sim.handpieceCelsius());
        }
        System.out.printf("H53: the most follower friction with no F36 in 10 s is %.3f (sound %.3f, seized %.2f); at it, a"
                        + " 36-pin at 150 Hz on skin in a 40 °C room ends on %s (%s), the nose at most %.2f °C%n",
                lastSound, SimHandle.FOLLOWER_FRICTION_NOMINAL, SimHandle.FOLLOWER_FRICTION_WORST,
                bench.controller.status().fault(), bench.controller.status().faultDetail(), hottest);
        assertThat(lastSound).as("a drag far under the seized roller's").isLessThan(SimHandle.FOLLOWER_FRICTION_WORST / 2);
        assertThat(hottest).isLessThan(AppliedPartTemperatureTest.APPLIED_PART_LIMIT_CELSIUS);
    }

    /**
     * The rate changed every second after spin-up, 100 to 150 Hz and back (the warning's step, the largest the
     * panel makes at once), the heaviest cartridge at its deepest: a sound handpiece's acceleration is no F36, and
     * a seized roller is F36 all the same (the judging is not restarted by a set rate). A drop from 150 to 50 Hz at
     * once: {@link #givenTheSetRateDroppedFrom150To50HzAtOnceUnderTheHeaviestLoad_thenTheRunGoesOnWithoutAFalseJam}.
     */
    @Test
    void givenTheRateChangedEverySecondBetween100And150Hz_thenASoundHandpieceRunsOn_andASeizedRollerIsStillF36() {
        PenBench sound = bench("36-pin", 1.5, 100, SimHandle.FOLLOWER_FRICTION_NOMINAL, 25.0, true, SafetyChecks::standard);
        sound.click(PanelButton.START_STOP).running().spunUp();
        for (int s = 0; s < 20; s++) {
            sound.controller.submit(com.needlepen.firmware.Request.rate(s % 2 == 0 ? 150 : 100));
            sound.run(S);
        }
        assertThat(sound.controller.status().state()).as("%s %s", sound.controller.status().fault(),
                sound.controller.status().faultDetail()).isEqualTo(PenState.RUNNING);
        PenBench seized = bench("36-pin", 1.0, 100, SimHandle.FOLLOWER_FRICTION_WORST, 25.0, true, SafetyChecks::standard);
        seized.click(PanelButton.START_STOP).running().spunUp();
        long from = seized.now();
        for (int s = 0; s < 20 && seized.controller.status().state() == PenState.RUNNING; s++) {
            seized.controller.submit(com.needlepen.firmware.Request.rate(s % 2 == 0 ? 150 : 100));
            seized.run(S);
        }
        System.out.printf("H53 rate changed every second: sound %s; seized roller %s %d ms after spin-up (%s)%n",
                sound.controller.status().state(), seized.controller.status().fault(), (seized.now() - from) / MS,
                seized.controller.status().faultDetail());
        assertThat(seized.controller.status().fault()).isEqualTo(FaultCode.F36_DRIVE_DRAGS);
    }

    /**
     * A set rate dropped from 150 to 50 Hz at once (a preset at the profile's lowest rate, or a remote request) with the
     * heaviest cartridge at its deepest on skin: the set point ramps down at the soft-start slope, and the regulator's
     * integrator holds the load it carries through the ramp and a few periods after it. Integrating the measurement's
     * lag instead unloaded the drive: the shaft fell through 50 Hz and stalled on the cam's rising side, F02 on a sound
     * pen ("no index pulse for 50 ms, motor current 1.44 A").
     */
    @Test
    void givenTheSetRateDroppedFrom150To50HzAtOnceUnderTheHeaviestLoad_thenTheRunGoesOnWithoutAFalseJam() {
        PenBench b = bench("36-pin", 1.5, 150, SimHandle.FOLLOWER_FRICTION_NOMINAL, 25.0, true, SafetyChecks::standard);
        b.click(PanelButton.START_STOP).running().spunUp();
        b.run(S);
        b.controller.submit(com.needlepen.firmware.Request.rate(50));
        double lowest = Double.MAX_VALUE;
        for (int i = 0; i < 2_000; i++) {
            b.run(MS);
            lowest = Math.min(lowest, b.sim.shaftRateHz());
        }
        System.out.printf("150 to 50 Hz at once, 36-pin at 1.5 mm on skin: %s %s, the shaft at least %.1f Hz, %.1f Hz"
                + " after 2 s%n", b.controller.status().state(), b.controller.status().fault(), lowest, b.sim.shaftRateHz());
        assertThat(b.controller.status().fault()).as("%s", b.controller.status().faultDetail()).isNull();
        assertThat(b.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(b.controller.status().measuredRateHz()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(1.0));
    }
}
