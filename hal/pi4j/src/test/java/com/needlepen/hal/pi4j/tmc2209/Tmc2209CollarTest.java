package com.needlepen.hal.pi4j.tmc2209;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.needlepen.hal.CollarDriverFault;
import com.needlepen.hal.HoldCurrent;
import com.needlepen.hal.pi4j.bus.BusException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The collar driver against the register model of the chip, the fake STEP/DIR pins and a fake scale. */
class Tmc2209CollarTest {

    private static final long T0 = 1_000_000_000L;
    private static final double A = 64_000;
    private static final double V = 6_400;

    private final Tmc2209Model chip = new Tmc2209Model(0, 115_200);
    private final Tmc2209Uart uart = new Tmc2209Uart(chip, 0, 115_200, 500_000);
    private final VirtualStepTimer timer = new VirtualStepTimer(T0);
    private final FakeStepPins pins = new FakeStepPins(timer);
    private final StepLoop loop = new StepLoop(pins, timer, 10_000);
    /** Where the collar stops following the pulses (a jam), or Long.MAX_VALUE. */
    private long jamAt = Long.MAX_VALUE;
    private final FakeCollarScale scale = new FakeCollarScale(() -> Math.min(pins.position(), jamAt));
    private boolean homePressed;
    /** 8 microsteps, IRUN 20, IHOLD 8 reduced, IHOLDDELAY 6, TPOWERDOWN 20, SGTHRS 50 from 2,400 steps/s, 32 steps. */
    private final Tmc2209Settings settings = new Tmc2209Settings(8, 20, 8, 6, 20, 50, 2_400, 32);
    private final Tmc2209Collar collar = new Tmc2209Collar(uart, loop, scale, () -> homePressed, settings);

    private static String hex(List<Integer> bytes, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < bytes.size(); i++) {
            b.append(String.format("%02X", bytes.get(i)));
        }
        return b.toString();
    }

    /** The datagrams the chip received since {@code from}: R6F for a read, W10=00061408 for a write. */
    private List<String> datagramsSince(int from) {
        List<String> out = new ArrayList<>();
        for (byte[] d : chip.datagrams.subList(from, chip.datagrams.size())) {
            int reg = d[2] & 0x7F;
            if ((d[2] & 0x80) != 0) {
                int v = (d[3] & 0xFF) << 24 | (d[4] & 0xFF) << 16 | (d[5] & 0xFF) << 8 | (d[6] & 0xFF);
                out.add(String.format("W%02X=%08X", reg, v));
            } else {
                out.add(String.format("R%02X", reg));
            }
        }
        return out;
    }

    private void stepUntil(long position) {
        while (pins.position() < position) {
            loop.runOnce();
        }
    }

    private void runUntilIdle() {
        for (int i = 0; i < 1_000_000; i++) {
            if (!loop.runOnce() && !loop.isMoving()) {
                return;
            }
        }
        throw new AssertionError("the move never ended");
    }

    @Test
    void configureSendsTheseExactDatagrams() throws BusException {
        collar.configure();

        // bytes worked out by hand from the datasheet's datagram layout and its CRC routine:
        // IOIN?, GSTAT?, IFCNT?, GCONF=0x1C0, CHOPCONF=0x15000053 (MRES 5: 8 microsteps, intpol), IHOLD_IRUN=0x00061408
        // (IHOLD 8, IRUN 20, IHOLDDELAY 6), TPOWERDOWN=20, TPWMTHRS=0, TCOOLTHRS=157 (12 MHz / (2,400 x 32) rounded up),
        // SGTHRS=50, GSTAT=7 (clear), IFCNT?, GCONF?, CHOPCONF?
        assertThat(hex(chip.sent, 0)).isEqualTo(
                "0500066F" + "050001C1" + "0500028F"
                + "050080000001C0F6" + "0500EC1500005363" + "05009000061408E3" + "050091000000141F"
                + "050093000000000F" + "0500940000009D12" + "0500C0000000326E" + "0500810000000770"
                + "0500028F" + "05000048" + "05006CCA");
        assertThat(chip.register(Tmc2209Registers.GCONF)).isEqualTo(0x1C0);
        assertThat(chip.register(Tmc2209Registers.CHOPCONF) & Tmc2209Registers.CHOPCONF_MRES_MASK).isEqualTo(5 << 24);
        assertThat(chip.register(Tmc2209Registers.GSTAT)).isZero();
        assertThat(chip.register(Tmc2209Registers.IFCNT)).isEqualTo(8);
        assertThat(collar.configured()).isTrue();
    }

    @Test
    void anIdlePollReadsGstatAndDrvStatusAndTheScale() throws BusException {
        collar.configure();
        int from = chip.datagrams.size();
        int scalePolls = scale.polls;

        collar.poll(T0);

        assertThat(datagramsSince(from)).containsExactly("R01", "R6F");
        assertThat(scale.polls).isEqualTo(scalePolls + 1);
        assertThat(collar.driverFaults()).isZero();
    }

    @Test
    void theFirstPollConfiguresTheChip() {
        collar.poll(T0);

        assertThat(collar.configured()).isTrue();
        assertThat(chip.register(Tmc2209Registers.GCONF)).isEqualTo(0x1C0);
        assertThat(collar.driverFaults()).isZero();
    }

    @ParameterizedTest(name = "DRV_STATUS bit {0} -> {1}")
    @CsvSource({
        "0, OVERTEMPERATURE_WARNING",
        "1, OVERTEMPERATURE",
        "2, SHORT_TO_GROUND",
        "3, SHORT_TO_GROUND",
        "4, SHORT_TO_SUPPLY",
        "5, SHORT_TO_SUPPLY",
    })
    void eachDriverStatusBitMapsToItsFault(int bit, CollarDriverFault fault) throws BusException {
        collar.configure();
        chip.setDriverStatus(1 << bit);

        collar.poll(T0);

        assertThat(collar.driverFaults()).isEqualTo(fault.bit());
        chip.setDriverStatus(0);
        collar.poll(T0);
        assertThat(collar.driverFaults()).isZero();
    }

    @ParameterizedTest(name = "DRV_STATUS bit {0} is an open load only while moving")
    @CsvSource({"6", "7"})
    void openLoadCountsOnlyWhileMoving(int bit) throws BusException {
        collar.configure();
        chip.setDriverStatus(1 << bit);

        collar.poll(T0);
        assertThat(collar.driverFaults()).isZero();

        collar.moveTo(1_000, V, A);
        collar.poll(T0);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.OPEN_LOAD.bit());
    }

    @Test
    void standstillAloneIsNoFault() throws BusException {
        collar.configure();
        chip.setDriverStatus(Tmc2209Registers.DRV_STST);

        collar.poll(T0);

        assertThat(collar.driverFaults()).isZero();
    }

    @Test
    void aChargePumpUndervoltageLosesThePositionUntilHomed() throws BusException {
        collar.configure();
        chip.setUndervoltage(true);

        collar.poll(T0);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.POSITION_LOST.bit());

        chip.setUndervoltage(false); // not latched in the chip: gone from GSTAT at once...
        collar.poll(T0);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.POSITION_LOST.bit()); // ...latched here

        collar.setPositionSteps(0);
        assertThat(collar.driverFaults()).isZero();
        collar.poll(T0);
        assertThat(collar.driverFaults()).isZero();
    }

    @Test
    void aChipResetMidMoveHaltsTheMoveLosesThePositionAndConfiguresTheChipAgain() throws BusException {
        collar.configure();
        collar.moveTo(1_000, V, A);
        stepUntil(300);

        chip.reset();
        assertThat(chip.register(Tmc2209Registers.GCONF)).isEqualTo(0x101);
        collar.poll(T0);

        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.POSITION_LOST.bit());
        runUntilIdle();
        assertThat(pins.position()).isEqualTo(300); // halted, not decelerated further
        assertThat(collar.isMoving()).isFalse();
        assertThat(chip.register(Tmc2209Registers.GCONF)).isEqualTo(0x1C0);
        assertThat(chip.register(Tmc2209Registers.CHOPCONF)).isEqualTo(0x15000053);
        assertThat(chip.register(Tmc2209Registers.IHOLD_IRUN)).isEqualTo(0x00061408);
        assertThat(chip.register(Tmc2209Registers.GSTAT)).isZero();

        collar.poll(T0);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.POSITION_LOST.bit()); // until homed
        collar.setPositionSteps(0);
        assertThat(collar.driverFaults()).isZero();
    }

    @Test
    void theHoldCurrentIsWrittenByTheNextPollAndConfirmed() throws BusException {
        collar.configure();
        int from = chip.datagrams.size();

        collar.setHoldCurrent(HoldCurrent.FULL);
        assertThat(chip.datagrams).hasSize(from); // nothing on the line from the tick's call
        assertThat(collar.holdCurrent()).isEqualTo(HoldCurrent.FULL);
        collar.poll(T0);

        assertThat(datagramsSince(from)).containsExactly("R01", "R6F", "R02", "W10=00061414", "R02");
        assertThat(chip.register(Tmc2209Registers.IHOLD_IRUN)).isEqualTo(0x00061414); // IHOLD = IRUN = 20
    }

    @Test
    void aLostWriteIsNotAnsweringAndIsRetriedByTheNextPoll() throws BusException {
        collar.configure();
        collar.setHoldCurrent(HoldCurrent.FULL);
        chip.loseWrites(1);

        collar.poll(T0);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.NOT_ANSWERING.bit());
        assertThat(collar.lastError()).contains("a write was lost");
        assertThat(chip.register(Tmc2209Registers.IHOLD_IRUN)).isEqualTo(0x00061408);

        collar.poll(T0);
        assertThat(collar.driverFaults()).isZero();
        assertThat(chip.register(Tmc2209Registers.IHOLD_IRUN)).isEqualTo(0x00061414);
    }

    @Test
    void aSilentChipIsNotAnsweringAndItsLastFaultsStay() throws BusException {
        collar.configure();
        chip.setDriverStatus(Tmc2209Registers.DRV_OTPW);
        collar.poll(T0);

        chip.setSilent(true);
        collar.poll(T0);
        assertThat(collar.driverFaults()).isEqualTo(
                CollarDriverFault.OVERTEMPERATURE_WARNING.bit() | CollarDriverFault.NOT_ANSWERING.bit());
        assertThat(collar.lastError()).contains("timed out");

        chip.setSilent(false);
        chip.setDriverStatus(0);
        collar.poll(T0);
        assertThat(collar.driverFaults()).isZero();
    }

    @Test
    void aCorruptReplyIsNotAnswering() throws BusException {
        collar.configure();
        chip.setCorruptReplies(true);

        collar.poll(T0);

        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.NOT_ANSWERING.bit());
        assertThat(collar.lastError()).contains("CRC");
    }

    @Test
    void aChipThatIsNotATmc2209IsRefusedAtConfiguration() {
        chip.setVersion(0x20);

        assertThatThrownBy(collar::configure).isInstanceOf(BusException.class)
                .hasMessageContaining("IOIN version 0x20, a TMC2209 reads 0x21");
        collar.poll(T0);
        assertThat(collar.configured()).isFalse();
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.NOT_ANSWERING.bit());
    }

    @Test
    void aConfigurationWriteLostFailsTheConfiguration() {
        chip.loseWrites(1);

        assertThatThrownBy(collar::configure).isInstanceOf(BusException.class)
                .hasMessageContaining("IFCNT 7 after 8 write(s)");
        assertThat(collar.configured()).isFalse();
    }

    @Test
    void theScaleDisagreeingWithTheCountIsAStall() throws BusException {
        collar.configure();
        collar.setPositionSteps(0);
        collar.moveTo(1_000, V, A);
        jamAt = 400; // the collar stops following the pulses at 400

        stepUntil(430);
        collar.poll(T0);
        assertThat(collar.stallDetected()).isFalse(); // 30 steps behind: within the 32 tolerated

        stepUntil(433);
        collar.poll(T0);
        assertThat(collar.stallDetected()).isTrue(); // 33 steps behind
        assertThat(collar.sensedPositionSteps()).isEqualTo(400);

        runUntilIdle();
        collar.poll(T0);
        assertThat(collar.stallDetected()).isTrue(); // latched
        collar.setPositionSteps(0);
        assertThat(collar.stallDetected()).isFalse();
        assertThat(collar.sensedPositionSteps()).isZero();
    }

    @Test
    void stallGuardBelowTwiceTheThresholdOnTwoPollsAtSpeedIsAStall() throws BusException {
        collar.configure();
        collar.moveTo(2_000, V, A);
        stepUntil(500); // cruising at 6,400 steps/s, above the 2,400 StallGuard needs
        chip.setSgResult(100); // = 2 x SGTHRS 50
        int from = chip.datagrams.size();

        collar.poll(T0);
        assertThat(datagramsSince(from)).containsExactly("R01", "R6F", "R41");
        assertThat(collar.stallDetected()).isFalse(); // one reading is not a stall
        collar.poll(T0);
        assertThat(collar.stallDetected()).isTrue();
    }

    @Test
    void stallGuardAboveTheThresholdOrBelowItsSpeedIsNoStall() throws BusException {
        collar.configure();
        collar.moveTo(2_000, V, A);
        stepUntil(500);
        chip.setSgResult(102);
        collar.poll(T0);
        collar.poll(T0);
        assertThat(collar.stallDetected()).isFalse();

        loop.halt();
        runUntilIdle();
        collar.moveTo(3_000, 2_000, A); // slower than StallGuard works
        stepUntil(1_000);
        chip.setSgResult(0);
        int from = chip.datagrams.size();
        collar.poll(T0);
        collar.poll(T0);
        collar.poll(T0);
        assertThat(datagramsSince(from)).doesNotContain("R41");
        assertThat(collar.stallDetected()).isFalse();
    }

    @Test
    void aScaleThatDoesNotAnswerOrIsNotSoundIsAScaleFault_theDriverItselfStillAnswers() throws BusException {
        collar.configure();
        scale.setFailing(true);
        collar.poll(T0);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.SCALE_FAULT.bit());
        assertThat(collar.lastError()).contains("collar scale").contains("parity");

        scale.setFailing(false);
        scale.setHealthy(false);
        collar.poll(T0);
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.SCALE_FAULT.bit());

        scale.setHealthy(true);
        collar.poll(T0);
        assertThat(collar.driverFaults()).isZero();
    }

    @Test
    void aMoveAboveTheMaximumStepRateIsRefused() {
        assertThatThrownBy(() -> collar.moveTo(100, 10_001, A))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 10000.0 steps/s");
        assertThat(collar.isMoving()).isFalse();
    }

    @Test
    void theTicksCallsNeverTouchTheUart() throws BusException {
        collar.configure();
        int sent = chip.sent.size();

        collar.moveTo(100, V, A);
        collar.isMoving();
        collar.positionSteps();
        collar.sensedPositionSteps();
        collar.sensedIndexPhaseSteps();
        collar.driverFaults();
        collar.stallDetected();
        collar.homeSwitchPressed();
        collar.setHoldCurrent(HoldCurrent.FULL);
        collar.holdCurrent();
        collar.stop();
        collar.setPositionSteps(7);

        assertThat(chip.sent).hasSize(sent);
    }

    @Test
    void theHomeSwitchAndTheScaleComeFromWhatTheDriverWasGiven() {
        assertThat(collar.homeSwitchPressed()).isFalse();
        homePressed = true;
        assertThat(collar.homeSwitchPressed()).isTrue();

        collar.setPositionSteps(1_234);
        assertThat(collar.positionSteps()).isEqualTo(1_234);
        assertThat(collar.sensedPositionSteps()).isEqualTo(1_234);
        assertThat(collar.sensedIndexPhaseSteps()).isEqualTo(scale.indexPhaseSteps());
    }

    @Test
    void theCountIsThePulsesIssued() throws BusException {
        collar.configure();
        collar.setPositionSteps(100);
        collar.moveTo(-250, V, A);
        runUntilIdle();

        assertThat(collar.positionSteps()).isEqualTo(-250);
        assertThat(pins.position()).isEqualTo(-350);
        collar.poll(T0);
        assertThat(collar.stallDetected()).isFalse();
        assertThat(collar.sensedPositionSteps()).isEqualTo(-250);
    }

    @Test
    void aFailingStepOutputEndsTheMoveAndIsNotAnswering() throws BusException {
        int[] pulses = {0};
        StepPins broken = new StepPins() {
            @Override
            public void direction(boolean deeper) {
            }

            @Override
            public void step() {
                if (++pulses[0] > 5) {
                    throw new IllegalStateException("gpiod: line 20 write failed");
                }
            }
        };
        StepLoop brokenLoop = new StepLoop(broken, timer, 10_000);
        Tmc2209Collar c = new Tmc2209Collar(uart, brokenLoop, scale, () -> false, settings);
        c.configure();
        c.moveTo(100, V, A);
        for (int i = 0; i < 10; i++) {
            brokenLoop.runOnce();
        }

        assertThat(c.isMoving()).isFalse();
        assertThat(c.positionSteps()).isEqualTo(5);
        c.poll(T0);
        assertThat(c.driverFaults()).isEqualTo(CollarDriverFault.NOT_ANSWERING.bit());
        assertThat(c.lastError()).contains("collar STEP/DIR").contains("line 20 write failed");
    }

    @Test
    void theScaleIsNotComparedWithTheCountBeforeItWasZeroed() throws BusException {
        collar.configure();
        jamAt = -1_000; // the scale reads far from the count: nothing relates them before homing

        collar.poll(T0);
        assertThat(collar.stallDetected()).isFalse();

        collar.setPositionSteps(0);
        collar.poll(T0);
        assertThat(collar.stallDetected()).isFalse(); // zeroed here: reads 0 like the count
        collar.moveTo(100, V, A);
        runUntilIdle();
        collar.poll(T0);
        assertThat(collar.stallDetected()).isTrue(); // the collar stayed put while 100 steps went out
    }

    @Test
    void aResetSeenOnlyByAReconfigurationStillLosesThePosition() throws BusException {
        collar.configure();
        collar.setPositionSteps(0);
        chip.loseWrites(1);
        assertThatThrownBy(collar::configure).isInstanceOf(BusException.class); // left unconfigured
        chip.reset();

        collar.poll(T0); // configures first, which clears GSTAT: the GSTAT it reads before that shows the reset

        assertThat(collar.configured()).isTrue();
        assertThat(chip.register(Tmc2209Registers.GSTAT)).isZero();
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.POSITION_LOST.bit());
    }

    @Test
    void thePowerOnResetBeforeTheFirstConfigurationLosesNothing() {
        collar.poll(T0);

        assertThat(collar.configured()).isTrue();
        assertThat(collar.driverFaults()).isZero();
    }
}
