package com.needlepen.hal.pi4j.tmc5160;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.needlepen.hal.CollarDriverFault;
import com.needlepen.hal.HoldCurrent;
import com.needlepen.hal.pi4j.bus.BusException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TMC5160 collar driver against the register model: the bytes it sends, how it reads the chip's answers and maps
 * each status bit, and what it does when the chip resets or the bus fails. Virtual time: the test advances the model
 * and the driver's clock together, one service-thread poll per millisecond.
 */
class Tmc5160CollarTest {

    private static final long MS = 1_000_000L;
    /** The sim profile's collar: 3,200 microsteps/mm (200-step motor, 8 microsteps, 0.5 mm lead). */
    private static final Tmc5160Settings SETTINGS = Tmc5160Settings.collar(3200, 200, 8, 20, 20, 10, 0);

    private Tmc5160Model chip;
    private FakeScale scale;
    private boolean homePressed;
    private long now;
    private Tmc5160Collar collar;

    @BeforeEach
    void setUp() throws BusException {
        chip = new Tmc5160Model(12e6, 512.0 / 3200.0);
        scale = new FakeScale();
        collar = new Tmc5160Collar(chip, SETTINGS, scale, () -> homePressed, () -> now);
        collar.configure();
    }

    /** Advances the chip and the clock, polling every millisecond as the backend's service thread does. */
    private void run(long nanos) {
        for (long t = 0; t < nanos; t += MS) {
            chip.advance(MS);
            now += MS;
            collar.poll(now);
        }
    }

    @Test
    void givenAFreshChipWhenConfiguredThenItSendsTheseDatagramsInThisOrder() throws BusException {
        Tmc5160Model fresh = new Tmc5160Model(12e6, 512.0 / 3200.0);
        new Tmc5160Collar(fresh, SETTINGS, scale, () -> false, () -> 0L).configure();

        assertThat(fresh.datagrams()).containsExactly(
                "01 00 00 00 00",  // read GSTAT: clears the power-on reset
                "04 00 00 00 00",  // read IOIN (reply: GSTAT)
                "04 00 00 00 00",  // read IOIN (reply: IOIN, VERSION 0x30 checked)
                "80 00 00 00 00",  // GCONF: SpreadCycle, shaft normal
                "EC 15 01 00 C3",  // CHOPCONF: TOFF 3, HSTRT 4, HEND 1, TBL 2, MRES 5 (8 microsteps), intpol
                "ED 01 00 00 00",  // COOLCONF: SGT 0, sfilt
                "90 00 06 14 14",  // IHOLD_IRUN: IHOLD 20 (FULL), IRUN 20, IHOLDDELAY 6
                "91 00 00 00 0A",  // TPOWERDOWN 10
                "94 00 00 00 9C",  // TCOOLTHRS 156: 12 MHz / (2,400 steps/s x 256/8)
                "B8 00 00 00 00",  // ENCMODE: binary ENC_CONST
                "BA 00 06 40 00",  // ENC_CONST 6.25 microsteps/count (3,200 steps/mm / 512 counts/mm) in 16.16
                "A7 00 00 00 00",  // VMAX 0
                "A0 00 00 00 01",  // RAMPMODE velocity: stands still, XACTUAL may be written
                "A1 00 00 00 00",  // XACTUAL 0
                "AD 00 00 00 00",  // XTARGET 0
                "B9 00 00 00 00",  // X_ENC 0
                "00 00 00 00 00",  // read GCONF
                "6C 00 00 00 00",  // read CHOPCONF (reply: GCONF)
                "04 00 00 00 00"); // read IOIN (reply: CHOPCONF)
    }

    @Test
    void whenAMoveIsCommandedThenTheLimitsGoFirstThenXtargetThenPositioningModeThenVmax() {
        chip.clearDatagrams();

        collar.moveTo(3200, 6400, 64_000); // 1 mm at 2 mm/s and 20 mm/s2

        assertThat(chip.datagrams()).containsExactly(
                "A3 00 00 00 00",  // VSTART 0
                "A4 00 00 03 D1",  // A1 977 (64,000 steps/s2 / 65.48)
                "A5 00 00 00 00",  // V1 0: no A1/D1 phase
                "A6 00 00 03 D1",  // AMAX 977
                "A8 00 00 03 D1",  // DMAX 977
                "AA 00 00 03 D1",  // D1 977, never 0 in positioning mode
                "AB 00 00 00 0E",  // VSTOP 14 (10 steps/s)
                "AD 00 00 0C 80",  // XTARGET 3,200
                "A0 00 00 00 00",  // RAMPMODE positioning
                "A7 00 00 22 F4"); // VMAX 8,948 (6,400 steps/s / 0.7153)
    }

    @Test
    void givenAMoveWhenTheChipRunsItThenTheDriverFollowsXactualAndXencUntilThePositionIsReached() {
        collar.moveTo(3200, 6400, 64_000);
        assertThat(collar.isMoving()).as("moving at once, before any poll").isTrue();

        run(MS);
        assertThat(collar.isMoving()).as("the chip's ramp has begun").isTrue();
        run(299 * MS);
        assertThat(collar.positionSteps()).isBetween(1000L, 2200L);
        assertThat(collar.sensedPositionSteps()).isCloseTo(collar.positionSteps(), org.assertj.core.data.Offset.offset(7L));

        // 0.1 s up, 0.4 s at speed, 0.1 s down at the chip's quantised figures: done by 0.61 s
        run(320 * MS);
        assertThat(collar.isMoving()).isFalse();
        assertThat(collar.positionSteps()).isEqualTo(3200L);
        assertThat(collar.sensedPositionSteps()).isCloseTo(3200L, org.assertj.core.data.Offset.offset(7L));
        assertThat(collar.driverFaults()).isZero();
        assertThat(collar.stallDetected()).isFalse();
    }

    @Test
    void givenTheMoveTimedThenItTakesWhatTheDatasheetsUnitsSay() {
        collar.moveTo(3200, 6400, 64_000);
        run(580 * MS);
        assertThat(collar.isMoving()).as("still braking at 0.58 s").isTrue();
        run(30 * MS);
        assertThat(collar.isMoving()).as("stopped by 0.61 s").isFalse();
    }

    @Test
    void whenPolledThenEachReadsDataComeWithTheNextDatagramAndTheDriverTakesThem() {
        collar.setPositionSteps(1234);
        chip.slip(-100); // the collar ran 100 steps ahead of the motor: X_ENC differs from XACTUAL
        chip.clearDatagrams();

        run(MS);

        assertThat(chip.datagrams()).containsExactly(
                "01 00 00 00 00",  // GSTAT
                "21 00 00 00 00",  // XACTUAL (reply: GSTAT)
                "35 00 00 00 00",  // RAMP_STAT (reply: XACTUAL)
                "39 00 00 00 00",  // X_ENC (reply: RAMP_STAT)
                "6F 00 00 00 00",  // DRV_STATUS (reply: X_ENC)
                "04 00 00 00 00",  // IOIN (reply: DRV_STATUS)
                "04 00 00 00 00"); // IOIN (reply: IOIN)
        assertThat(collar.positionSteps()).isEqualTo(1234L);
        assertThat(collar.sensedPositionSteps()).isEqualTo(chip.xEnc()).isNotEqualTo(1234L);
        assertThat(scale.polls).isEqualTo(1);
    }

    @ParameterizedTest(name = "DRV_STATUS bit {0} -> {1}")
    @CsvSource({
            "25, OVERTEMPERATURE",
            "26, OVERTEMPERATURE_WARNING",
            "27, SHORT_TO_GROUND",
            "28, SHORT_TO_GROUND",
            "12, SHORT_TO_SUPPLY",
            "13, SHORT_TO_SUPPLY"})
    void givenADriverStatusFlagThenItsFaultIsReported(int bit, CollarDriverFault fault) {
        chip.setDriverStatusFlags(1 << bit);
        run(MS);
        assertThat(fault.in(collar.driverFaults())).isTrue();
        int others = collar.driverFaults() & ~fault.bit() & ~CollarDriverFault.POSITION_LOST.bit();
        assertThat(others).as("no other fault than the flag's (and POSITION_LOST after a shutdown)").isZero();

        chip.setDriverStatusFlags(0);
        run(MS);
        assertThat(fault.in(collar.driverFaults())).as("reported while the chip reports it").isFalse();
    }

    @Test
    void givenAShutdownFlagThenTheBridgesWereOffAndThePositionIsLostUntilRehomed() {
        chip.setDriverStatusFlags(Tmc5160Registers.DRV_OT); // the chip raises GSTAT.drv_err with it
        run(MS);
        chip.setDriverStatusFlags(0);
        run(MS);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.POSITION_LOST.bit());

        collar.setPositionSteps(0);
        assertThat(collar.driverFaults()).isZero();
    }

    @Test
    void givenTheOverTemperatureWarningOnlyThenThePositionIsNotLost() {
        chip.setDriverStatusFlags(Tmc5160Registers.DRV_OTPW);
        run(MS);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.OVERTEMPERATURE_WARNING.bit());
    }

    @ParameterizedTest(name = "DRV_STATUS bit {0} (open load)")
    @CsvSource({"29", "30"})
    void givenAnOpenLoadFlagThenItCountsOnlyWhileTheMotorSteps(int bit) {
        chip.setDriverStatusFlags(1 << bit);
        run(5 * MS);
        assertThat(collar.driverFaults()).as("at standstill the flag is unreliable").isZero();

        collar.moveTo(3200, 6400, 64_000);
        run(50 * MS);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.OPEN_LOAD.bit());
    }

    @Test
    void givenChargePumpUndervoltageThenThePositionIsLost() {
        chip.setUndervoltage(true);
        run(MS);
        chip.setUndervoltage(false);
        run(MS);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.POSITION_LOST.bit());
    }

    @Test
    void givenAStallMidMoveThenItIsLatchedUntilThePositionIsSetAgain() {
        collar.moveTo(6400, 6400, 64_000);
        run(300 * MS); // at speed, above TCOOLTHRS's 2,400 steps/s
        assertThat(collar.stallDetected()).isFalse();

        chip.setStalled(true);
        run(5 * MS);
        assertThat(collar.stallDetected()).isTrue();
        assertThat(collar.sensedPositionSteps()).as("the collar stood while the steps ran on")
                .isLessThan(collar.positionSteps() - 20);

        chip.setStalled(false);
        run(1000 * MS);
        assertThat(collar.isMoving()).isFalse();
        assertThat(collar.stallDetected()).as("latched after the move").isTrue();

        collar.setPositionSteps(0);
        assertThat(collar.stallDetected()).isFalse();
        assertThat(collar.sensedPositionSteps()).isZero();
        assertThat(scale.zeroedTo).isZero();
    }

    @Test
    void givenAStallBelowTheStallGuardSpeedThenItIsNotSeenHereButTheScaleShowsIt() {
        collar.moveTo(-3200, 800, 64_000); // a slow approach: 0.25 mm/s, below 2,400 steps/s
        run(100 * MS);
        chip.setStalled(true);
        run(500 * MS);
        assertThat(collar.stallDetected()).isFalse();
        assertThat(collar.positionSteps() - collar.sensedPositionSteps()).as("the firmware's check sees the lag")
                .isLessThan(-300L);
    }

    @Test
    void givenAChipResetMidMoveThenThePositionIsLostAndTheDriverDoesNotBelieveXactualAfterIt() {
        collar.moveTo(6400, 6400, 64_000);
        run(300 * MS);
        long before = collar.positionSteps();
        assertThat(before).isGreaterThan(1000L);

        chip.chipReset(); // XACTUAL 0, TOFF 0, GSTAT.reset
        run(MS);

        assertThat(CollarDriverFault.POSITION_LOST.in(collar.driverFaults())).isTrue();
        assertThat(collar.positionSteps()).as("not the reset chip's 0").isEqualTo(before);
        assertThat(collar.isMoving()).isFalse();
        assertThat(chip.xactual()).as("the chip told where it was believed to be").isEqualTo((int) before);
        assertThat(chip.register(Tmc5160Registers.CHOPCONF)).as("configured again").isEqualTo(0x150100C3);

        run(500 * MS);
        assertThat(chip.xactual()).as("and it stands").isEqualTo((int) before);
        assertThat(collar.isMoving()).isFalse();
        assertThat(CollarDriverFault.POSITION_LOST.in(collar.driverFaults())).as("until homed").isTrue();

        collar.setPositionSteps(0);
        assertThat(collar.driverFaults()).isZero();
        collar.moveTo(320, 6400, 64_000);
        run(300 * MS);
        assertThat(collar.positionSteps()).isEqualTo(320L);
    }

    @Test
    void givenAResetSeenInTheReplyToACommandThenTheMoveIsDroppedAndThePositionLost() {
        chip.chipReset();
        collar.moveTo(3200, 6400, 64_000);
        run(200 * MS);
        assertThat(CollarDriverFault.POSITION_LOST.in(collar.driverFaults())).isTrue();
        assertThat(chip.xactual()).isZero();
        assertThat(collar.isMoving()).isFalse();
    }

    @Test
    void givenATransferThatFailsThenNotAnsweringAndTheLastValuesStayUntilASoundPoll() {
        collar.setPositionSteps(500);
        run(MS);
        chip.failNextTransfers(1);

        assertThatCode(() -> run(MS)).doesNotThrowAnyException();
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.NOT_ANSWERING.bit());
        assertThat(collar.positionSteps()).isEqualTo(500L);

        run(MS);
        assertThat(collar.driverFaults()).isZero();
    }

    @Test
    void givenAMoveWhoseTransferFailsThenItIsMovingAndTheNextPollSendsItAgain() {
        chip.failNextTransfers(1);
        assertThatCode(() -> collar.moveTo(3200, 6400, 64_000)).doesNotThrowAnyException();
        assertThat(collar.isMoving()).isTrue();
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.NOT_ANSWERING.bit());

        run(700 * MS);
        assertThat(collar.positionSteps()).isEqualTo(3200L);
        assertThat(collar.isMoving()).isFalse();
        assertThat(collar.driverFaults()).isZero();
    }

    @Test
    void givenASetPositionWhoseTransferFailsThenThePositionIsLost() {
        chip.failNextTransfers(1);
        collar.setPositionSteps(100);
        assertThat(collar.driverFaults()).isEqualTo(
                CollarDriverFault.NOT_ANSWERING.bit() | CollarDriverFault.POSITION_LOST.bit());
    }

    @Test
    void givenNoPollForLongerThanTheStaleBoundThenNotAnswering() {
        run(MS);
        now += 50 * MS;
        assertThat(collar.driverFaults()).isZero();
        now += MS;
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.NOT_ANSWERING.bit());
    }

    @Test
    void givenMisoStuckLowThenTheRepliesCannotBeRightAndNothingIsPublished() {
        collar.setPositionSteps(777);
        run(MS);
        chip.misoStuckAt(0x00);
        run(MS);
        assertThat(CollarDriverFault.NOT_ANSWERING.in(collar.driverFaults())).isTrue();
        assertThat(collar.positionSteps()).isEqualTo(777L);
    }

    @Test
    void givenMisoStuckHighThenNotAnswering() {
        chip.misoStuckAt(0xFF);
        run(MS);
        assertThat(CollarDriverFault.NOT_ANSWERING.in(collar.driverFaults())).isTrue();
    }

    @Test
    void givenAChipThatIsNotATmc5160ThenConfigureSaysSo() {
        Tmc5160Model silent = new Tmc5160Model(12e6, 0.16);
        silent.misoStuckAt(0x00);
        assertThatThrownBy(() -> new Tmc5160Collar(silent, SETTINGS, scale, () -> false, () -> 0L).configure())
                .isInstanceOf(BusException.class)
                .hasMessage("TMC5160 IOIN answers VERSION 0x00 where 0x30 is expected");
    }

    @Test
    void whenStoppedMidMoveThenVelocityModeWithVmaxZeroBrakesAtTheMovesAcceleration() {
        collar.moveTo(6400, 6400, 64_000);
        run(300 * MS);
        long atStop = collar.positionSteps();
        chip.clearDatagrams();

        collar.stop();

        assertThat(chip.datagrams()).containsExactly("A7 00 00 00 00", "A0 00 00 00 01");
        assertThat(collar.isMoving()).isTrue();
        run(120 * MS); // 6,400 steps/s at 64,000 steps/s2: 0.1 s, 320 steps
        assertThat(collar.isMoving()).isFalse();
        assertThat(collar.positionSteps() - atStop).isBetween(300L, 340L);
        run(100 * MS);
        assertThat(collar.isMoving()).isFalse();
    }

    @Test
    void givenAStopThenTheNextMoveReturnsToPositioningMode() {
        collar.moveTo(6400, 6400, 64_000);
        run(200 * MS);
        collar.stop();
        run(150 * MS);
        collar.moveTo(0, 6400, 64_000);
        run(800 * MS);
        assertThat(collar.positionSteps()).isZero();
        assertThat(collar.isMoving()).isFalse();
    }

    @Test
    void whenThePositionIsSetThenXactualXtargetAndXencAreWrittenInVelocityModeAndNothingMoves() {
        chip.clearDatagrams();

        collar.setPositionSteps(-640);

        assertThat(chip.datagrams()).containsExactly(
                "A7 00 00 00 00",  // VMAX 0
                "A0 00 00 00 01",  // velocity mode: writing XACTUAL starts no move
                "A1 FF FF FD 80",  // XACTUAL -640
                "AD FF FF FD 80",  // XTARGET -640
                "B9 FF FF FD 80"); // X_ENC -640
        assertThat(collar.positionSteps()).isEqualTo(-640L);
        assertThat(collar.sensedPositionSteps()).isEqualTo(-640L);
        run(100 * MS);
        assertThat(chip.xactual()).isEqualTo(-640);
        assertThat(collar.isMoving()).isFalse();
        assertThat(collar.positionSteps()).isEqualTo(-640L);
    }

    @Test
    void whenTheHoldCurrentIsSetThenIholdIrunIsWritten() {
        chip.clearDatagrams();
        collar.setHoldCurrent(HoldCurrent.REDUCED);
        collar.setHoldCurrent(HoldCurrent.FULL);
        assertThat(chip.datagrams()).isEqualTo(List.of("90 00 06 14 0A", "90 00 06 14 14"));
        assertThat(collar.holdCurrent()).isEqualTo(HoldCurrent.FULL);
    }

    @Test
    void theHomeSwitchAndTheIndexPhaseComeFromTheirOwnSources() {
        homePressed = true;
        scale.indexPhaseSteps = -123;
        assertThat(collar.homeSwitchPressed()).isTrue();
        assertThat(collar.sensedIndexPhaseSteps()).isEqualTo(-123L);
        homePressed = false;
        assertThat(collar.homeSwitchPressed()).isFalse();
    }

    @Test
    void givenAnUnhealthyScaleThenItsIndexPhaseCannotBeTrustedAndTheDriverSaysScaleFault() {
        scale.healthy = false;
        run(MS);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.SCALE_FAULT.bit());
        scale.healthy = true;
        run(MS);
        assertThat(collar.driverFaults()).isZero();
    }

    @Test
    void givenABadMoveThenItIsRefusedInOneLine() {
        assertThatThrownBy(() -> collar.moveTo(10, Double.NaN, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be above 0");
    }
}
