package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.safety.ClockCheck;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
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
 * H40: time that lies. The clock the firmware reads stops, or jumps back or forward, while the
 * physics and the loop's ticks go on (the sim's {@code CLOCK_STOPPED}, {@code CLOCK_JUMPED}). Every
 * timer in the firmware, and the HAL's dead-man, measures on that clock; {@link ClockCheck} holds
 * it against the loop's ticks and latches F29 within {@link ClockCheck#BOUND_PERIODS} periods
 * (10 ms on the sim profile), before any of those timers would have had to fire. Without it, a
 * clock that stopped blinds the run-time limit and a cam jammed afterwards is never found.
 */
class ClockFaultTest {

    private static final long BOUND_MS = ClockCheck.BOUND_PERIODS; // at the sim profile's 1 kHz

    private static Function<SafetyInputs, List<SafetyCheck>> withoutClockCheck() {
        return in -> {
            List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
            // the index plausibility check is left out too: it sees the stopped clock's equal edge stamps as periods no
            // shaft can turn (F31), a second line for a stopped clock, not the one shown here
            all.removeIf(c -> c instanceof ClockCheck || c instanceof com.needlepen.firmware.safety.IndexPlausibilityCheck);
            return all;
        };
    }

    /**
     * Without the clock check, and without the two checks that judge blocks of ticks rather than
     * time ({@code SpringCheck}, H34, and {@code StuckSensorCheck}, H35): they go on counting while the
     * clock stands, and a jammed cam takes the current's swing they watch away, so they find the jam as
     * a broken spring or a stuck sensor, late (shown by
     * {@link #givenTheClockStoppedWithoutTheClockCheck_thenOnlyTheTickCountedChecksFindAJamAndTenTimesLater}).
     * What is shown with these out is what the timer-based checks miss.
     */
    private static Function<SafetyInputs, List<SafetyCheck>> withoutClockCheckOrTickCountedChecks() {
        return in -> {
            List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
            // and the index plausibility check, which takes the stopped clock's equal edge stamps for periods no shaft
            // can turn (F31): a second line for a stopped clock, as in withoutClockCheck()
            all.removeIf(c -> c instanceof ClockCheck || c instanceof com.needlepen.firmware.safety.SpringCheck
                    || c instanceof com.needlepen.firmware.safety.StuckSensorCheck
                    || c instanceof com.needlepen.firmware.safety.IndexPlausibilityCheck);
            return all;
        };
    }

    private static PenBench runningAt150Hz(Function<SafetyInputs, List<SafetyCheck>> checks) {
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 150, 40, TelemetrySink.NONE, checks)
                .insertCartridge("C-CLOCK").ready();
        bench.sim.setSkinContact(true);
        bench.sim.press(PanelButton.FOOTSWITCH);
        return bench.running().spunUp();
    }

    /** Runs until F29 (at most 1 s) and returns the ms from the injection; checks the needles come to rest. */
    private static long f29Within(PenBench bench, long injectedAt) {
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        long ms = (bench.now() - injectedAt) / MS;
        assertThat(bench.controller.status().fault()).as(bench.controller.status().faultDetail())
                .isEqualTo(FaultCode.F29_CLOCK_FAULT);
        // braked; the loop no longer feeds the enable timer, whose own oscillator opens the supply 100 ms later
        long latched = bench.now();
        assertThat(bench.runner.runUntil(bench.sim::shaftAtRest, 500 * MS)).as("needles at rest").isTrue();
        System.out.printf("H40: F29 to the shaft at rest: %d ms%n", (bench.now() - latched) / MS);
        bench.run(300 * MS);
        assertThat(bench.sim.motorPowerAllowed()).as("the enable timer cut the motor supply").isFalse();
        assertThat(bench.sim.shaftAtRest()).isTrue();
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile); // braked and held, not parked: the spring brought it down
        assertThat(bench.controller.sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.endReason()).startsWith("fault F29"));
        return ms;
    }

    @Tag("H40")
    @Test
    void givenTheClockStopsWhileRunning_thenF29LatchesWithinItsBoundAndTheNeedlesComeToRest() {
        PenBench bench = runningAt150Hz(SafetyChecks::standard);
        long at = bench.now();
        bench.sim.inject(SimFault.CLOCK_STOPPED);
        long ms = f29Within(bench, at);
        System.out.printf("H40: clock stopped while running at 150 Hz: F29 after %d ms (bound %d ms): %s%n", ms,
                BOUND_MS, bench.controller.status().faultDetail());
        assertThat(ms).isBetween(1L, BOUND_MS + 2);
        assertThat(bench.controller.status().faultDetail()).contains("fell behind the loop's ticks");
    }

    @Tag("H40")
    @Test
    void givenTheClockStopsAndTheCamJamsAtOnce_thenF29ComesFirstAndTheStallCurrentEndsWithinItsBound() {
        // the stall check times on the stopped clock and cannot fire: the clock fault latches first, and the jam's
        // stall current lasts no longer than F29's bound (the stall check alone takes 2.5 periods, at least 30 ms)
        PenBench bench = runningAt150Hz(SafetyChecks::standard);
        long at = bench.now();
        bench.sim.inject(SimFault.CLOCK_STOPPED);
        bench.sim.inject(SimFault.CAM_JAMMED);
        long above = 0;
        for (int ms = 0; ms < 200; ms++) {
            bench.runner.step();
            if (bench.sim.motorCurrentAmps() > bench.profile.motor().maxCurrentAmps()) {
                above++;
            }
        }
        System.out.printf("H40: clock stopped and cam jammed at once: %s, %d ms above the current limit%n",
                bench.controller.status().fault(), above);
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F29_CLOCK_FAULT);
        assertThat(above).isLessThanOrEqualTo(BOUND_MS + 2);
        assertThat(bench.sim.motorDriverEnabled()).isFalse();
        assertThat(at).isLessThan(bench.now());
    }

    /**
     * Stops the clock, jams the cam 100 ms later, and steps for 2 s (or until a fault when {@code untilFault});
     * returns the milliseconds the winding's current spent above the motor's limit.
     */
    private static long jamUnderAStoppedClock(PenBench bench, boolean untilFault) {
        bench.sim.inject(SimFault.CLOCK_STOPPED);
        bench.run(100 * MS);
        bench.sim.inject(SimFault.CAM_JAMMED);
        long above = 0;
        for (int ms = 0; ms < 2_000 && !(untilFault && bench.controller.status().state() == PenState.FAULT); ms++) {
            bench.runner.step();
            if (bench.sim.motorCurrentAmps() > bench.profile.motor().maxCurrentAmps()) {
                above++;
            }
        }
        return above;
    }

    @Tag("H40")
    @Test
    void givenTheClockStoppedWithoutTheClockCheck_thenAJammedCamIsNeverFoundAndTheWindingTakesStallCurrent() {
        PenBench bench = runningAt150Hz(withoutClockCheckOrTickCountedChecks());
        long above = jamUnderAStoppedClock(bench, false);
        System.out.printf("H40 without the clock check: clock stopped, cam jammed: %s after 2 s, %d ms above the"
                + " current limit%n", bench.controller.status().state(), above);
        // the stall check (2.5 periods), the over-current hold (100 ms) and the HAL's dead-man (50 ms) all time
        // on the stopped clock: none fires
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(above).isGreaterThan(1_900);
        assertThat(bench.sim.motorDriverEnabled()).isTrue();
    }

    @Tag("H40")
    @Test
    void givenTheClockStoppedWithoutTheClockCheck_thenOnlyTheTickCountedChecksFindAJamAndTenTimesLater() {
        // the current monitor converts on its own oscillator, so the checks that count ticks still see the jam's
        // flat stall current; they are a second line, not the bound: the clock check ends it within BOUND_MS + 2
        PenBench bench = runningAt150Hz(withoutClockCheck());
        long above = jamUnderAStoppedClock(bench, true);
        System.out.printf("H40 without the clock check, tick-counted checks in: clock stopped, cam jammed: %s,"
                + " %d ms above the current limit (%s)%n", bench.controller.status().fault(), above,
                bench.controller.status().faultDetail());
        assertThat(bench.controller.status().fault()).isIn(FaultCode.F25_SPRING_FAILED, FaultCode.F26_SENSOR_STUCK);
        assertThat(above).isGreaterThan(10 * (BOUND_MS + 2));
    }

    @Tag("H40")
    @Test
    void givenTheClockStoppedWithoutTheClockCheck_thenARunGoesOnPastTheProfilesLongestRun() throws Exception {
        String yaml;
        try (var in = getClass().getResourceAsStream("/profiles/sim.yaml")) {
            yaml = new String(in.readAllBytes()).replace("maxContinuousRunMinutes: 30", "maxContinuousRunMinutes: 0.05");
        }
        DeviceProfile profile = ProfileLoader.parse(yaml, "sim-short-runs.yaml"); // 3 s runs
        PenBench bench = new PenBench(profile, "12-pin", 1.0, 100, 79, TelemetrySink.NONE,
                withoutClockCheckOrTickCountedChecks())
                .insertCartridge("C-LONG").ready();
        bench.sim.press(PanelButton.FOOTSWITCH); // held down and forgotten
        bench.running().run(1 * S);
        bench.sim.inject(SimFault.CLOCK_STOPPED);
        bench.run(5 * S);
        assertThat(bench.controller.status().state()).as("twice the profile's longest run, still stroking")
                .isEqualTo(PenState.RUNNING);
        assertThat(bench.sim.shaftAtRest()).isFalse();
    }

    @Tag("H40")
    @Test
    void givenTheClockJumpsBackWhileRunning_thenF29LatchesAtTheNextTick() {
        PenBench bench = runningAt150Hz(SafetyChecks::standard);
        long at = bench.now();
        bench.sim.inject(SimFault.CLOCK_JUMPED);
        long ms = f29Within(bench, at);
        System.out.printf("H40: clock jumped 5 s back: F29 after %d ms: %s%n", ms, bench.controller.status().faultDetail());
        assertThat(ms).isLessThanOrEqualTo(1);
        assertThat(bench.controller.status().faultDetail()).contains("went back");
    }

    @Tag("H40")
    @Test
    void givenTheClockJumpedBackWithoutTheClockCheck_thenTheRegulatorIsThrownAndOnlyARateCheckSecondsLaterNotices() {
        PenBench bench = runningAt150Hz(withoutClockCheck());
        long at = bench.now();
        bench.sim.inject(SimFault.CLOCK_JUMPED); // 5 s back
        // the regulator's ramp takes the negative time step: its reference falls thousands of Hz below zero
        assertThat(bench.runner.runUntil(() -> bench.sim.shaftRateHz() < 75, 500 * MS)).as("the strokes collapse")
                .isTrue();
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 3 * S)).isTrue();
        long ms = (bench.now() - at) / MS;
        System.out.printf("H40 without the clock check: clock 5 s back: treatment not as set, %s after %d ms%n",
                bench.controller.status().fault(), ms);
        // the fault that ends it blames the rate, a second later, not the clock
        assertThat(bench.controller.status().fault()).isNotEqualTo(FaultCode.F29_CLOCK_FAULT);
        assertThat(ms).isGreaterThan(1_000);
    }

    @Tag("H40")
    @Test
    void givenTheClockJumpsForwardWhileRunning_thenItIsF29NotALateLoop() {
        PenBench bench = runningAt150Hz(SafetyChecks::standard);
        long at = bench.now();
        bench.sim.jumpClock(S);
        long ms = f29Within(bench, at);
        System.out.printf("H40: clock jumped 1 s forward: F29 after %d ms: %s%n", ms, bench.controller.status().faultDetail());
        assertThat(ms).isLessThanOrEqualTo(1);
        assertThat(bench.controller.status().faultDetail()).contains("ran ahead");
    }

    @Tag("H40")
    @Test
    void givenTheClockStopsWhileCheckingWaitsForAHungLedger_thenF29EndsTheWaitNotItsOwnTimer() {
        // the cartridge-record wait's 2 s bound (H28) times on the clock: stopped, the wait would never end
        BoundedWaitTest.HungLedger ledger = new BoundedWaitTest.HungLedger();
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, "np-sim-0001", 41,
                TelemetrySink.NONE, ledger).insertCartridge("CART-HUNG").ready();
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> ledger.records > 0, 10 * S)).isTrue();
        long at = bench.now();
        bench.sim.inject(SimFault.CLOCK_STOPPED);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 5 * S)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F29_CLOCK_FAULT);
        assertThat((bench.now() - at) / MS).isBetween(1L, BOUND_MS + 2);
        assertThat(bench.controller.sessions().current()).isNull();
    }

    @Tag("H40")
    @Test
    void givenTheClockStopsInReady_thenF29LatchesThereToo() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 40).insertCartridge("C-IDLE").ready();
        long at = bench.now();
        bench.sim.inject(SimFault.CLOCK_STOPPED);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, S)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F29_CLOCK_FAULT);
        assertThat((bench.now() - at) / MS).isBetween(1L, BOUND_MS + 2);
    }
}
