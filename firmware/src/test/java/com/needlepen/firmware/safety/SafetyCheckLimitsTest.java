package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.FakeDriveHardware;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.state.PenState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each threshold check judged exactly at its limit and one step past it, on readings the test sets
 * (the sim profile's limits), and the detail each fault gives the technician. The behaviour tests
 * reach a limit only as a simulated plant sweeps across it, so without these a limit moved by one
 * (a {@code >} written {@code >=}, a hold counted one tick short) or an empty detail went unnoticed
 * (the mutation evidence in docs/safety.md). Virtual time: every instant is a number the test passes.
 */
class SafetyCheckLimitsTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;

    private final TestSensors sensors = new TestSensors();
    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);

    private SafetyInputs inputs(DeviceProfile profile, StrokeDrive d) {
        return new SafetyInputs(profile, d, null, null, null, sensors, sensors, TickTrace.system(), null);
    }

    private SafetyInputs inputs() {
        return inputs(SIM, drive);
    }

    /** Inputs whose drive reads the temperature from {@link #sensors} with the nose estimate's compensation off: the bare comparison. */
    private SafetyInputs temperatureInputs() {
        return inputs(SIM, new StrokeDrive(hw, hw, sensors, () -> true, SIM, false));
    }

    /**
     * A reading held exactly at its limit for 300 ms is no fault; one just past it is a fault only once
     * held longer than the check's hold (not at the hold itself), in {@code state}, with this detail.
     */
    private static void assertHeldLimit(SafetyCheck check, java.util.function.DoubleConsumer reading, double atLimit,
            double past, long holdNanos, PenState state, FaultCode fault, String detail) {
        reading.accept(atLimit);
        for (long t = 0; t <= 300 * MS; t += MS) {
            assertThat(check.check(t, PenState.RUNNING)).as("at the limit, %d ms", t / MS).isNull();
        }
        reading.accept(past);
        long since = 301 * MS;
        assertThat(check.check(since, state)).isNull();
        assertThat(check.check(since + holdNanos, state)).isNull();
        assertThat(check.check(since + holdNanos + 1, state)).isEqualTo(fault);
        assertThat(check.detail()).isEqualTo(detail);
    }

    // ---- over-current: above 1.5 A for longer than 100 ms

    @Test
    void givenTheCurrentExactlyAtItsLimit_thenNoFaultHoweverLong_andJustAboveIt_thenF05OnlyOnceHeldLongerThan100ms() {
        assertHeldLimit(new OvercurrentCheck(inputs()), a -> sensors.amps = a, SIM.motor().maxCurrentAmps(), 1.51,
                OvercurrentCheck.HOLD_NANOS, PenState.RUNNING, FaultCode.F05_OVERCURRENT, "1.51 A against 1.50 A allowed");
    }

    @Test
    void givenACurrentThatIsNotANumber_thenItCountsAsHigh() {
        OvercurrentCheck check = new OvercurrentCheck(inputs());
        sensors.amps = Double.NaN;
        check.check(0, PenState.RUNNING);
        assertThat(check.check(OvercurrentCheck.HOLD_NANOS + 1, PenState.RUNNING)).isEqualTo(FaultCode.F05_OVERCURRENT);
    }

    // ---- supply low: below 95 % of 11.4 V for longer than 50 ms

    @Test
    void givenTheSupplyExactlyAt95PercentOfItsMinimum_thenNoFault_andBelowIt_thenF12OnceHeldLongerThan50ms() {
        assertHeldLimit(new SupplyCheck(inputs()), v -> sensors.volts = v, SupplyCheck.FRACTION * SIM.supply().minVolts(),
                10.5, SupplyCheck.HOLD_NANOS, PenState.RUNNING, FaultCode.F12_SUPPLY_LOW, "10.50 V, minimum 11.40 V");
    }

    // ---- temperature: at or above the 41 °C cut-off

    @Test
    void givenTheHandpieceJustBelowItsCutOff_thenNoFault_andExactlyAtIt_thenF06AtOnce() {
        TemperatureCheck check = new TemperatureCheck(temperatureInputs());
        sensors.celsius = 40.99;
        assertThat(check.check(0, PenState.RUNNING)).isNull();
        sensors.celsius = SIM.safety().cutoffCelsius();
        assertThat(check.check(MS, PenState.RUNNING)).isEqualTo(FaultCode.F06_OVERTEMPERATURE);
        assertThat(check.detail()).isEqualTo("41.0 °C at the nose (thermistor 41.0 °C), cut-off 41.0 °C");
    }

    // ---- run time: a run longer than 30 minutes

    @Test
    void givenARunOfExactlyTheLongestAllowed_thenNoFault_andOneNanosecondLonger_thenF14() {
        RunTimeCheck check = new RunTimeCheck(inputs());
        long start = 5_000 * MS;
        check.runStarted(start);
        long max = SIM.safety().maxContinuousRunNanos();
        assertThat(max).isEqualTo(30L * 60 * 1_000 * MS);
        assertThat(check.check(start + max, PenState.RUNNING)).isNull();
        assertThat(check.check(start + max + 1, PenState.RUNNING)).isEqualTo(FaultCode.F14_RUN_TOO_LONG);
        assertThat(check.check(start + max + 1, PenState.STOPPING)).isNull();
        assertThat(check.detail()).isEqualTo("run longer than 30 min");
    }

    // ---- cartridge removed while the needles move

    @Test
    void givenTheCartridgeSwitchOpen_thenF07WhileRunningOrCalibratingOnly_andTheDetailSaysTheSwitchOpened() {
        CartridgeCheck check = new CartridgeCheck(inputs());
        sensors.present = false;
        assertThat(check.check(0, PenState.RUNNING)).isEqualTo(FaultCode.F07_CARTRIDGE_REMOVED);
        assertThat(check.check(0, PenState.CALIBRATING)).isEqualTo(FaultCode.F07_CARTRIDGE_REMOVED);
        assertThat(check.check(0, PenState.READY)).isNull();
        assertThat(check.detail()).isEqualTo("cartridge switch open");
        sensors.present = true;
        assertThat(check.check(0, PenState.RUNNING)).isNull();
    }

    // ---- overspeed: above the top rate times its factor; the line put on 160 Hz (an index period of 6.25 ms)

    @Test
    void givenAShaftMeasuredExactlyOnTheOverspeedLine_thenNoFault_andAboveIt_thenF03WithTheRateInTheDetail() {
        DeviceProfile round = FakeDriveHardware.simWith("maxRateFactor: 1.10", "maxRateFactor: 1.0666666666666667");
        FakeDriveHardware h = new FakeDriveHardware();
        StrokeDrive d = h.drive(round);
        OverspeedCheck check = new OverspeedCheck(inputs(round, d));
        h.edgesEvery(6_250_000L, 0, 5);
        d.readEdges();
        assertThat(d.measuredRateHz(25 * MS)).isEqualTo(160.0);
        assertThat(check.check(25 * MS, PenState.RUNNING)).isNull();

        h.edgesEvery(6_200_000L, 25 * MS + 6_200_000L, 3); // periods of 6.2 ms: 161.3 Hz
        d.readEdges();
        long now = 25 * MS + 3 * 6_200_000L;
        assertThat(check.check(now, PenState.RUNNING)).isEqualTo(FaultCode.F03_OVERSPEED);
        assertThat(check.detail()).isEqualTo("161.3 Hz (161.0 Hz over the last 4 periods)");
        assertThat(check.check(now, PenState.STOPPING)).isNull();
    }

    // ---- rate deviation: after spin-up, more than 10 % from the set rate for longer than 1 s

    @Test
    void givenARateFarFromTheSetRateFor600msInEachOfTwoRuns_thenNoFault_forEachRunCountsFromItsOwnStart() {
        RateDeviationCheck check = new RateDeviationCheck(inputs());
        drive.startRun(0, 100);
        hw.edgesEvery(20 * MS, 0, 3); // 50 Hz, half the set rate
        drive.readEdges();
        check.runStarted(0);
        check.spunUp();
        for (long t = 40 * MS; t <= 640 * MS; t += MS) {
            assertThat(check.check(t, PenState.RUNNING)).isNull();
        }
        long second = 700 * MS;
        check.runStarted(second);
        for (long t = second; t <= second + 600 * MS; t += MS) {
            assertThat(check.check(t, PenState.RUNNING)).as("before spin-up").isNull();
        }
        check.spunUp();
        for (long t = second + 600 * MS; t <= second + 1_600 * MS; t += MS) {
            assertThat(check.check(t, PenState.RUNNING)).as("at %d ms", t / MS).isNull();
        }
        assertThat(check.check(second + 1_600 * MS + 1, PenState.RUNNING)).isEqualTo(FaultCode.F04_RATE_DEVIATION);
        // the rate bounded by the 2,260 ms since the last edge
        assertThat(check.detail()).isEqualTo("0.4 Hz against 100.0 Hz set");
    }

    // ---- stall: no index pulse for longer than the bound (150 ms in the soft start's grace, then 2.5 periods)

    @Test
    void givenAFreelyTurningShaftWithoutIndexPulsesInTheSoftStart_thenF11OnlyPast150msOfSilence() {
        StallCheck check = new StallCheck(inputs());
        drive.startRun(0, 100);
        hw.duty = 0.5;
        check.runStarted(0);
        sensors.amps = 0.10; // a shaft turning freely: far below half the stall current
        assertThat(check.check(StallCheck.START_SILENT_NANOS, PenState.RUNNING)).isNull();
        assertThat(check.check(StallCheck.START_SILENT_NANOS + 1, PenState.RUNNING)).isEqualTo(FaultCode.F11_INDEX_SENSOR_DEAD);
        assertThat(check.detail()).isEqualTo("no index pulse for 150 ms, motor current 0.10 A");
    }

    @Test
    void givenAHeldShaft_thenTheGraceLets400msPassAndTheVeryEndOfItIsAJam() {
        StallCheck check = new StallCheck(inputs());
        drive.startRun(0, 100);
        hw.duty = 0.5;
        check.runStarted(0);
        sensors.amps = 1.40; // above half the stall current at half duty (0.5 x 12 V / 3.3 ohm hot, halved: 0.9 A)
        assertThat(check.check(StallCheck.START_GRACE_NANOS - 1, PenState.RUNNING)).isNull();
        assertThat(check.check(StallCheck.START_GRACE_NANOS, PenState.RUNNING)).isEqualTo(FaultCode.F02_CAM_JAMMED);
        assertThat(check.detail()).isEqualTo("no index pulse for 400 ms, motor current 1.40 A");
    }

    @Test
    void givenTheGraceOver_thenTheBoundIsTwoAndAHalfSetPeriodsFromTheLastEdge() {
        StallCheck check = new StallCheck(inputs());
        drive.startRun(0, 50); // 2.5 periods of 50 Hz: 50 ms
        hw.duty = 0.5;
        check.runStarted(0);
        long edge = 500 * MS;
        hw.edgesEvery(20 * MS, edge - 40 * MS, 3);
        drive.readEdges();
        sensors.amps = 0.10;
        assertThat(check.check(edge + 50 * MS, PenState.RUNNING)).isNull();
        assertThat(check.check(edge + 50 * MS + 1, PenState.RUNNING)).isEqualTo(FaultCode.F11_INDEX_SENSOR_DEAD);
        assertThat(check.detail()).isEqualTo("no index pulse for 50 ms, motor current 0.10 A");
    }

    // ---- turning while off: after the 200 ms settling time any edge is F13

    @Test
    void givenOneIndexEdgeInReadyAfterARun_thenItIsASettlingCamUpTo200ms_andF13From200msOn() {
        TurningWhileOffCheck check = new TurningWhileOffCheck(inputs());
        check.stateEntered(PenState.RUNNING, 0);
        check.stateEntered(PenState.READY, 1_000 * MS);
        hw.edges.add(1_000 * MS + TurningWhileOffCheck.SETTLE_NANOS - 1);
        drive.readEdges();
        assertThat(check.check(1_000 * MS + TurningWhileOffCheck.SETTLE_NANOS - 1, PenState.READY)).isNull();

        TurningWhileOffCheck later = new TurningWhileOffCheck(inputs());
        later.stateEntered(PenState.RUNNING, 0);
        later.stateEntered(PenState.READY, 1_000 * MS);
        hw.edges.add(1_000 * MS + TurningWhileOffCheck.SETTLE_NANOS);
        drive.readEdges();
        assertThat(later.check(1_000 * MS + TurningWhileOffCheck.SETTLE_NANOS, PenState.READY))
                .isEqualTo(FaultCode.F13_TURNING_WHILE_OFF);
        assertThat(later.detail()).isEqualTo("an index pulse with the drive disabled");
        drive.readEdges();
        assertThat(later.check(1_000 * MS + TurningWhileOffCheck.SETTLE_NANOS + MS, PenState.READY))
                .as("a tick without an edge").isNull();
    }

    // ---- sensor plausibility: -10 to 95 °C, |current| up to 2 x 12.6 V / 2.5 ohm, supply 0 to 25.2 V, 5 ms held

    @Test
    void givenEveryReadingExactlyOnTheEdgeOfWhatItCanBe_thenNoFaultHoweverLong() {
        SensorPlausibilityCheck check = new SensorPlausibilityCheck(inputs());
        double maxAmps = 2.0 * 12.6 / 2.5;
        double[][] edges = {
            {SensorPlausibilityCheck.MIN_CELSIUS, 0.0, 12.0},
            {SensorPlausibilityCheck.MAX_CELSIUS, 0.0, 12.0},
            {30.0, maxAmps, 12.0},
            {30.0, -maxAmps, 12.0},
            {30.0, 0.0, 0.0},
            {30.0, 0.0, 2.0 * 12.6},
        };
        long t = 0;
        for (double[] e : edges) {
            sensors.celsius = e[0];
            sensors.amps = e[1];
            sensors.volts = e[2];
            for (int i = 0; i < 20; i++, t += MS) {
                assertThat(check.check(t, PenState.READY)).as("%s", java.util.Arrays.toString(e)).isNull();
            }
        }
    }

    @Test
    void givenAReadingJustPastItsEdge_thenF19OnceHeldLongerThan5ms_namingTheSensorAndItsValue() {
        record Case(double celsius, double amps, double volts, String detail) {
        }
        List<Case> cases = List.of(
                new Case(-10.01, 0, 12, "handpiece temperature reads -10.01"),
                new Case(95.01, 0, 12, "handpiece temperature reads 95.01"),
                new Case(30, 10.09, 12, "motor current reads 10.09"),
                new Case(30, -10.09, 12, "motor current reads -10.09"),
                new Case(30, 0, -0.01, "motor supply reads -0.01"),
                new Case(30, 0, 25.21, "motor supply reads 25.21"));
        for (Case c : cases) {
            SensorPlausibilityCheck check = new SensorPlausibilityCheck(inputs());
            sensors.celsius = c.celsius();
            sensors.amps = c.amps();
            sensors.volts = c.volts();
            assertThat(check.check(0, PenState.READY)).as(c.detail()).isNull();
            assertThat(check.check(SensorPlausibilityCheck.HOLD_NANOS, PenState.READY)).as(c.detail()).isNull();
            assertThat(check.check(SensorPlausibilityCheck.HOLD_NANOS + 1, PenState.READY)).as(c.detail())
                    .isEqualTo(FaultCode.F19_SENSOR_IMPLAUSIBLE);
            assertThat(check.detail()).isEqualTo(c.detail());
        }
    }

    @Test
    void givenACurrentThatIsNotANumber_thenF19AtOnceSayingSo() {
        SensorPlausibilityCheck check = new SensorPlausibilityCheck(inputs());
        sensors.amps = Double.NaN;
        assertThat(check.check(0, PenState.READY)).isEqualTo(FaultCode.F19_SENSOR_IMPLAUSIBLE);
        assertThat(check.detail()).isEqualTo("motor current reads not a number");
    }

    // ---- loop overrun: a tick later than the 20 ms budget

    @Test
    void givenTicksOnTimeThenOneExactlyOnTheBudgetAndOneJustPast_thenOnlyThatOneIsF15_countedWithItsLateness() {
        LoopOverrunCheck check = new LoopOverrunCheck(inputs());
        long t = 0;
        for (int i = 0; i < 10; i++, t += MS) {
            assertThat(check.check(t, PenState.RUNNING)).isNull();
        }
        assertThat(check.worstLatenessNanos()).isZero();
        assertThat(check.overruns()).isZero();

        t += 20 * MS; // a tick 20 ms late: on the budget
        assertThat(check.check(t, PenState.RUNNING)).isNull();
        assertThat(check.worstLatenessNanos()).isEqualTo(20 * MS);
        assertThat(check.overruns()).isZero();

        t += MS + 3 * MS / 2; // 1.5 ms late: the worst stays
        assertThat(check.check(t, PenState.RUNNING)).isNull();
        assertThat(check.worstLatenessNanos()).isEqualTo(20 * MS);

        t += MS + 20 * MS + 1; // one nanosecond past the budget
        assertThat(check.check(t, PenState.RUNNING)).isEqualTo(FaultCode.F15_LOOP_OVERRUN);
        assertThat(check.overruns()).isEqualTo(1);
        assertThat(check.worstLatenessNanos()).isEqualTo(20 * MS + 1);
        assertThat(check.detail()).isEqualTo("a tick came 20 ms late (budget 20 ms); no tick timing traced");

        t += MS + 35 * MS;
        assertThat(check.check(t, PenState.RUNNING)).isEqualTo(FaultCode.F15_LOOP_OVERRUN);
        assertThat(check.overruns()).isEqualTo(2);
        assertThat(check.detail()).startsWith("a tick came 35 ms late");
    }

    // ---- the faults' own classification: which keep the drive powered, which park

    @Test
    void givenEachFault_thenWhetherItDistrustsTheDriveAndWhetherItParksIsAsTheHazardTableSays() {
        // codes added after this test are judged by their own tests; these are the ones it knows
        List<FaultCode> driveSuspect = List.of(FaultCode.F02_CAM_JAMMED, FaultCode.F03_OVERSPEED,
                FaultCode.F05_OVERCURRENT, FaultCode.F08_DEADMAN, FaultCode.F10_PARK_FAILED,
                FaultCode.F13_TURNING_WHILE_OFF, FaultCode.F15_LOOP_OVERRUN, FaultCode.F23_OVERSPEED_VS_SET,
                FaultCode.F29_CLOCK_FAULT);
        List<FaultCode> heldWhereTheyStop = List.of(FaultCode.F11_INDEX_SENSOR_DEAD,
                FaultCode.F19_SENSOR_IMPLAUSIBLE, FaultCode.F21_SUPPLY_LOST, FaultCode.F26_SENSOR_STUCK,
                FaultCode.F31_INDEX_IMPLAUSIBLE);
        List<FaultCode> parked = List.of(FaultCode.F01_HOMING_FAILED, FaultCode.F04_RATE_DEVIATION,
                FaultCode.F06_OVERTEMPERATURE, FaultCode.F07_CARTRIDGE_REMOVED, FaultCode.F09_DEPTH_LIMIT,
                FaultCode.F12_SUPPLY_LOW, FaultCode.F14_RUN_TOO_LONG, FaultCode.F16_COLLAR_STEPS_LOST,
                FaultCode.F17_HOME_SWITCH_UNEXPECTED, FaultCode.F18_HOME_SWITCH_OPEN, FaultCode.F20_WAIT_TIMED_OUT,
                FaultCode.F22_SUPPLY_HIGH, FaultCode.F27_CARTRIDGE_SWAPPED,
                FaultCode.F30_COLLAR_MOVED, FaultCode.F32_INDEX_EDGES_MISSED);
        for (FaultCode f : driveSuspect) {
            assertThat(f.driveSuspect()).as(f.name()).isTrue();
            assertThat(f.parkable()).as(f.name()).isFalse();
        }
        for (FaultCode f : heldWhereTheyStop) {
            assertThat(f.driveSuspect()).as(f.name()).isFalse();
            assertThat(f.parkable()).as(f.name()).isFalse();
        }
        for (FaultCode f : parked) {
            assertThat(f.driveSuspect()).as(f.name()).isFalse();
            assertThat(f.parkable()).as(f.name()).isTrue();
        }
        for (FaultCode f : FaultCode.values()) {
            assertThat(f.description()).as(f.name()).isNotBlank();
            assertThat(f.shortCode()).isEqualTo(f.name().substring(0, 3));
        }
        assertThat(FaultCode.F05_OVERCURRENT.description()).isEqualTo("motor current above its limit");
    }

    @Test
    void givenASupervisorOfTwoChecks_thenItCountsTwo_andReportsTheFirstFaultWithItsDetail() {
        sensors.present = false;
        sensors.celsius = 45;
        SafetySupervisor supervisor = new SafetySupervisor(List.of(new CartridgeCheck(inputs()), new TemperatureCheck(temperatureInputs())));
        assertThat(supervisor.size()).isEqualTo(2);
        assertThat(supervisor.check(0, PenState.RUNNING)).isEqualTo(FaultCode.F07_CARTRIDGE_REMOVED);
        assertThat(supervisor.detail()).isEqualTo("cartridge switch open");
        assertThat(supervisor.check(0, PenState.READY)).isEqualTo(FaultCode.F06_OVERTEMPERATURE);
        assertThat(supervisor.detail()).isEqualTo("45.0 °C at the nose (thermistor 45.0 °C), cut-off 41.0 °C");
    }

    // ---- supply high: above 105 % of 12.6 V for longer than 50 ms; lost: below half of 11.4 V at once

    @Test
    void givenTheSupplyExactlyAt105PercentOfItsMaximum_thenNoFault_andAboveIt_thenF22OnceHeldLongerThan50ms() {
        assertHeldLimit(new SupplyHighCheck(inputs()), v -> sensors.volts = v, SupplyHighCheck.FRACTION * SIM.supply().maxVolts(),
                13.3, SupplyHighCheck.HOLD_NANOS, PenState.READY, FaultCode.F22_SUPPLY_HIGH, "13.30 V, maximum 12.60 V");
    }

    @Test
    void givenTheSupplyExactlyAtHalfItsMinimum_thenNotLost_andBelowIt_thenF21AtOnceSayingWhere() {
        SupplyLostCheck check = new SupplyLostCheck(inputs());
        sensors.volts = SupplyLostCheck.FRACTION * SIM.supply().minVolts();
        assertThat(check.check(0, PenState.RUNNING)).isNull();
        sensors.volts = 5.69;
        assertThat(check.check(MS, PenState.RUNNING)).isEqualTo(FaultCode.F21_SUPPLY_LOST);
        assertThat(check.detail()).isEqualTo("5.69 V, lost below 5.70 V");
    }

    // ---- overspeed against the set rate: above 1.25 x the set rate + 5 Hz for longer than 50 ms

    @Test
    void givenAShaftExactlyOnTheSetRatesLine_thenNoFault_andAboveIt_thenF23OnceHeldLongerThan50ms() {
        SetRateOverspeedCheck check = new SetRateOverspeedCheck(inputs());
        drive.startRun(0, 60); // 1.25 x 60 Hz + 5 Hz = 80 Hz, an index period of 12.5 ms
        check.runStarted(0);
        for (long t = 0; t <= 200 * MS; t += 12_500_000L) { // 80 Hz, judged at each edge
            hw.edges.add(t);
            drive.readEdges();
            assertThat(check.check(t, PenState.RUNNING)).as("at %d ms", t / MS).isNull();
        }
        assertThat(drive.measuredRateHz(200 * MS)).isEqualTo(80.0);

        for (long t = 212 * MS; t <= 272 * MS; t += 12 * MS) { // 83.3 Hz: the median over the line from 224 ms
            hw.edges.add(t);
            drive.readEdges();
            assertThat(check.check(t, PenState.RUNNING)).as("at %d ms", t / MS).isNull();
        }
        assertThat(check.check(274 * MS, PenState.RUNNING)).isNull();
        assertThat(check.check(274 * MS + 1, PenState.RUNNING)).isEqualTo(FaultCode.F23_OVERSPEED_VS_SET);
        assertThat(check.detail()).isEqualTo("83.3 Hz against 60.0 Hz set");
    }

    @Test
    void givenTheSetRateLowered_thenTheLineComesDownAt500HzPerSecond_notAtOnce() {
        SetRateOverspeedCheck check = new SetRateOverspeedCheck(inputs());
        drive.startRun(0, 100);
        check.runStarted(0);
        hw.edgesEvery(10 * MS, 0, 21); // 100 Hz up to 200 ms
        drive.readEdges();
        assertThat(check.check(200 * MS, PenState.RUNNING)).isNull();
        drive.setRateHz(50); // line 67.5 Hz once the ceiling has fallen the 50 Hz, 100 ms later
        long t = 200 * MS;
        for (int i = 0; i < 8; i++) {
            t += 10 * MS;
            hw.edges.add(t);
            drive.readEdges();
            assertThat(check.check(t, PenState.RUNNING)).as("%d ms after the change", (t - 200 * MS) / MS).isNull();
        }
        for (int i = 0; i < 10; i++) {
            t += 10 * MS;
            hw.edges.add(t);
            drive.readEdges();
            check.check(t, PenState.RUNNING);
        }
        assertThat(check.check(t, PenState.RUNNING)).isEqualTo(FaultCode.F23_OVERSPEED_VS_SET);
    }

    // ---- the two checks whose fault the behaviour tests hold (DeadmanCheckTest, DepthLimitCheckTest): their details

    @Test
    void givenTheDeadmanAndDepthLimitChecks_thenTheirDetailsNameTheTimeoutAndTheClampedSteps() {
        assertThat(new DeadmanCheck(inputs()).detail())
                .isEqualTo("the driver disabled itself after 50 ms without a refresh");
        var collar = com.needlepen.firmware.collar.TestCollarStepper.movedByTheTest();
        var positioner = new com.needlepen.firmware.collar.DepthPositioner(collar, SIM.collar(),
                new com.needlepen.firmware.collar.NominalDepthMap(SIM.collar()), 1.5);
        DepthLimitCheck check = new DepthLimitCheck(new SafetyInputs(SIM, drive, positioner, collar, null, sensors,
                sensors, TickTrace.system(), null));
        positioner.moveTo(1.5);
        assertThat(check.check(0, PenState.READY)).isNull();
        positioner.moveTo(1.6);
        assertThat(check.check(0, PenState.READY)).isEqualTo(FaultCode.F09_DEPTH_LIMIT);
        assertThat(check.detail()).isEqualTo("collar command clamped to 6720 steps");
    }

    // ---- turning while off: after a park a second edge in the settling time is F13; off to off keeps the time

    @Test
    void givenAParkedCam_thenOneEdgeInTheSettlingTimeIsItsSettling_andASecondIsF13AtOnce() {
        TurningWhileOffCheck check = new TurningWhileOffCheck(inputs());
        check.stateEntered(PenState.RUNNING, 0);
        check.stateEntered(PenState.STOPPING, 500 * MS);
        check.stateEntered(PenState.READY, 600 * MS);
        hw.edges.add(610 * MS);
        drive.readEdges();
        assertThat(check.check(610 * MS, PenState.READY)).isNull();
        drive.readEdges();
        assertThat(check.check(611 * MS, PenState.READY)).isNull();
        hw.edges.add(620 * MS);
        drive.readEdges();
        assertThat(check.check(620 * MS, PenState.READY)).isEqualTo(FaultCode.F13_TURNING_WHILE_OFF);
    }

    @Test
    void givenAStartPressedAfterTheStop_thenCheckingDoesNotStartTheSettlingTimeAgain() {
        TurningWhileOffCheck check = new TurningWhileOffCheck(inputs());
        check.stateEntered(PenState.RUNNING, 0);
        check.stateEntered(PenState.READY, 1_000 * MS);
        check.stateEntered(PenState.CHECKING, 1_150 * MS);
        hw.edges.add(1_210 * MS);
        drive.readEdges();
        assertThat(check.check(1_210 * MS, PenState.CHECKING)).isEqualTo(FaultCode.F13_TURNING_WHILE_OFF);
    }

    @Test
    void givenAShaftFarAboveTheSetRateFor40msInEachOfTwoRunsAndAfterAStop_thenNoFault() {
        SetRateOverspeedCheck check = new SetRateOverspeedCheck(inputs());
        drive.startRun(0, 60); // line 80 Hz; the shaft at 100 Hz
        check.runStarted(0);
        long t = 0;
        for (; t <= 40 * MS; t += 10 * MS) {
            hw.edges.add(t);
            drive.readEdges();
            check.check(t, PenState.RUNNING);
        }
        check.runStarted(t); // a new run, no stop between: the hold starts again
        for (; t <= 80 * MS; t += 10 * MS) {
            hw.edges.add(t);
            drive.readEdges();
            assertThat(check.check(t, PenState.RUNNING)).as("run 2 at %d ms", t / MS).isNull();
        }
        assertThat(check.check(t, PenState.STOPPING)).isNull(); // a stop: the hold starts again
        for (; t <= 130 * MS; t += 10 * MS) {
            hw.edges.add(t);
            drive.readEdges();
            assertThat(check.check(t, PenState.RUNNING)).as("after the stop at %d ms", t / MS).isNull();
        }
    }
}
