package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.FakeDriveHardware;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.state.PenState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link SpringCheck}'s judgement on currents the test writes tick by tick: a square swing of a chosen
 * size about a mean and a ramp, at a rate set by index edges at every tick. The spring's line on the sim
 * profile is {@code 0.08 kt dE / (2 pi R20 J)} = 2.57 A Hz; a swing 2 % below it is a weak block, 2 %
 * above a sound one, whatever the mean current and its ramp (the line through the block takes the ramp
 * out), and the monitor's own noise is taken off. Three weak blocks are F25 at the last tick of the
 * third, not a tick earlier; a steady sound block clears the count, a block the set rate changed in or
 * whose rate swept more than 15 % does not; a run's start, a stop and a rate below 20 Hz start the count
 * and the block again. SpringFailureTest and SpringRateChangeTest show a simulated broken spring; they
 * cross these lines only as the plant moves (the mutation evidence in docs/safety.md).
 */
@Tag("H34")
class SpringCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;
    private static final int BLOCK = SpringCheck.BLOCK;
    /** The sum of squared deviations of the sample indices 0 to 63 from their mean. */
    private static final double INDEX_SQUARES = BLOCK * (BLOCK * (double) BLOCK - 1.0) / 12.0;
    /**
     * The spring's line on the sim profile, A Hz: 0.08 of kt (0.010 N m/A) times the spring's work per
     * stroke (its mean force 3.0 N + 0.8 N/mm x 1.5 mm, over 3 mm) over 2 pi R20 (2.5 ohm) J (2.5e-7 kg m2).
     */
    private static final double LINE = 0.08 * 0.010 * (4.2 * 0.003) / (2 * Math.PI * 2.5 * 2.5e-7);

    private final TestSensors sensors = new TestSensors();
    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);
    private final SpringCheck check = new SpringCheck(
            new SafetyInputs(SIM, drive, null, null, null, sensors, sensors, TickTrace.system(), null));
    private long t;
    private long periodNanos = 10 * MS; // an index edge every tick: 100 Hz

    /** Index edges at the period, so the drive measures the rate, without ticking the check. */
    private void spinUp(long period) {
        periodNanos = period;
        for (int i = 0; i < 4; i++) {
            t += period;
            hw.edges.add(t);
            drive.readEdges();
        }
        drive.setRateHz(1e9 / period);
    }

    private FaultCode tick(double amps, PenState state) {
        t += periodNanos;
        hw.edges.add(t);
        drive.readEdges();
        sensors.amps = amps;
        return check.check(t, state);
    }

    /** The square swing's amplitude whose spread about the block's line, less the monitor's noise, times the rate is {@code swing}. */
    private static double amplitude(double swingAmpHz, double rateHz) {
        double spread = swingAmpHz / rateHz;
        // the square swing +a, -a, ... has the variance a^2, of which its best line through the indices takes a^2 16 / INDEX_SQUARES
        return Math.sqrt((spread * spread + SpringCheck.NOISE_AMPS * SpringCheck.NOISE_AMPS) / (1.0 - 16.0 / INDEX_SQUARES));
    }

    /**
     * One block of readings {@code mean + ramp (i - 31.5) + a (-1)^i}, its swing {@code factor} times the line;
     * asserts the first 63 ticks give no fault and returns the last tick's verdict.
     */
    private FaultCode block(double factor, double mean, double rampPerTick) {
        double a = amplitude(factor * LINE, 1e9 / periodNanos);
        for (int i = 0; i < BLOCK; i++) {
            double amps = mean + rampPerTick * (i - (BLOCK - 1) / 2.0) + (i % 2 == 0 ? a : -a);
            FaultCode f = tick(amps, PenState.RUNNING);
            if (i < BLOCK - 1) {
                assertThat(f).as("tick %d of the block", i).isNull();
            } else {
                return f;
            }
        }
        throw new AssertionError();
    }

    private FaultCode block(double factor) {
        return block(factor, 0.3, 0.0);
    }

    @Test
    void givenTheSimProfile_thenTheSpringsLineIs2point57AmpHertz_andTheDetailSaysTheSwingAgainstIt() {
        spinUp(10 * MS);
        assertThat(block(0.98)).isNull();
        assertThat(check.detail()).isEqualTo("current swing 2.52 A Hz, the spring's least 2.57 A Hz");
        assertThat(block(1.5)).isNull();
        assertThat(check.detail()).isEqualTo("current swing 3.85 A Hz, the spring's least 2.57 A Hz");
    }

    @Test
    void givenThreeBlocksJustBelowTheLine_thenF25AtTheLastTickOfTheThird_andNotBefore() {
        spinUp(10 * MS);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    @Test
    void givenBlocksJustAboveTheLine_thenNoFaultHoweverMany() {
        spinUp(10 * MS);
        for (int b = 0; b < 10; b++) {
            assertThat(block(1.02)).as("block %d", b).isNull();
        }
    }

    @Test
    void givenALargeMeanCurrentAndARampThroughTheBlock_thenOnlyTheSwingAboutTheLineIsJudged() {
        spinUp(10 * MS);
        double ramp = 0.4 / BLOCK; // 0.4 A across a block: a spin-up's acceleration current, not a swing
        for (int b = 0; b < 5; b++) {
            assertThat(block(1.02, 0.8, ramp)).as("a sound spring, block %d", b).isNull();
        }
        assertThat(block(0.98, 0.8, ramp)).isNull();
        assertThat(block(0.98, 0.8, -ramp)).isNull();
        assertThat(block(0.98, 0.8, ramp)).isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    @Test
    void givenTwoWeakBlocks_thenASteadySoundBlockClearsTheCount_evenWithItsRateWithinFifteenPercent() {
        spinUp(10 * MS);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        // the rate steps from 100 to 98 Hz within the block: steady still
        double a = amplitude(2 * LINE, 99);
        for (int i = 0; i < BLOCK; i++) {
            if (i == BLOCK / 2) {
                periodNanos = 10_200_000L;
            }
            assertThat(tick(0.3 + (i % 2 == 0 ? a : -a), PenState.RUNNING)).isNull();
        }
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    @Test
    void givenASetRateChangedBetweenBlocks_thenTheNextSoundBlockStillClearsTheCount() {
        spinUp(10 * MS);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        drive.setRateHz(120); // asked for before the block: the block itself is steady
        assertThat(block(2.0)).isNull();
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    @Test
    void givenASoundBlockTheSetRateChangedIn_thenItDoesNotClearTheCount() {
        spinUp(10 * MS);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        double a = amplitude(2 * LINE, 100);
        for (int i = 0; i < BLOCK; i++) {
            if (i == 40) {
                drive.setRateHz(120);
            }
            assertThat(tick(0.3 + (i % 2 == 0 ? a : -a), PenState.RUNNING)).isNull();
        }
        assertThat(block(0.98)).as("the third weak block, the sound one between a transient").isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    @Test
    void givenASoundBlockWhoseRateSweptMoreThanFifteenPercent_thenItDoesNotClearTheCount() {
        spinUp(10 * MS);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        double a = amplitude(3 * LINE, 90);
        for (int i = 0; i < BLOCK; i++) {
            if (i == BLOCK / 2) {
                periodNanos = 12_500_000L; // 100 Hz to 80 Hz: 22 % of the block's mean
            }
            assertThat(tick(0.3 + (i % 2 == 0 ? a : -a), PenState.RUNNING)).isNull();
        }
        periodNanos = 12_500_000L;
        assertThat(block(0.98)).isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    @Test
    void givenTheShaftAtExactly20Hz_thenItIsJudged_andJustBelow_thenNot() {
        spinUp(50 * MS);
        assertThat(drive.measuredRateHz(t)).isEqualTo(SpringCheck.TURNING_HZ);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isEqualTo(FaultCode.F25_SPRING_FAILED);

        SpringCheck slow = new SpringCheck(
                new SafetyInputs(SIM, drive, null, null, null, sensors, sensors, TickTrace.system(), null));
        spinUp(50 * MS + 1);
        for (int i = 0; i < 4 * BLOCK; i++) {
            t += periodNanos;
            hw.edges.add(t);
            drive.readEdges();
            sensors.amps = 0.3;
            assertThat(slow.check(t, PenState.RUNNING)).isNull();
        }
    }

    @Test
    void givenAStopInsideABlock_thenTheCountAndTheBlockStartAgain() {
        spinUp(10 * MS);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        for (int i = 0; i < 40; i++) {
            assertThat(tick(i % 2 == 0 ? 1.0 : -0.4, PenState.RUNNING)).isNull(); // part of a block that would be sound
        }
        assertThat(tick(0.3, PenState.STOPPING)).isNull();
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).as("three weak blocks counted from the stop").isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    @Test
    void givenANewRunStartedInsideABlock_thenTheCountAndTheBlockStartAgain() {
        spinUp(10 * MS);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        for (int i = 0; i < 40; i++) {
            assertThat(tick(i % 2 == 0 ? 1.0 : -0.4, PenState.RUNNING)).isNull();
        }
        check.runStarted(t);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).as("three weak blocks counted from the run's start").isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    @Test
    void givenACurrentThatIsNotANumber_thenItsBlockCountsAsWeak() {
        spinUp(10 * MS);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        for (int i = 0; i < BLOCK - 1; i++) {
            assertThat(tick(i == 10 ? Double.NaN : (i % 2 == 0 ? 1.0 : -0.4), PenState.RUNNING)).isNull();
        }
        assertThat(tick(0.3, PenState.RUNNING)).isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    /**
     * Index periods of 10.002705 ms for 24 ticks, then 11.596497 ms: the measured rate steps (a tick later,
     * the median of three periods) from 99.97 to 86.23 Hz, and the block's spread, 13.740019902998498 Hz,
     * is exactly 0.15 of its mean rate (91.60013268665665 Hz) as the check computes them in doubles.
     */
    private boolean soundBlockSweeping(long secondPeriod) {
        double a = amplitude(3 * LINE, 91.6);
        for (int i = 0; i < BLOCK; i++) {
            if (i == 24) {
                periodNanos = secondPeriod;
            }
            if (tick(0.3 + (i % 2 == 0 ? a : -a), PenState.RUNNING) != null) {
                return false;
            }
        }
        return true;
    }

    @Test
    void givenASoundBlockWhoseRateSweptExactlyFifteenPercent_thenItIsSteadyAndClearsTheCount() {
        spinUp(10_002_705L);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        assertThat(soundBlockSweeping(11_596_497L)).isTrue();
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).as("the count cleared by the steady block").isNull();
    }

    @Test
    void givenASoundBlockWhoseRateSweptOneNanosecondMoreThanFifteenPercent_thenItDoesNotClearTheCount() {
        spinUp(10_002_705L);
        assertThat(block(0.98)).isNull();
        assertThat(block(0.98)).isNull();
        assertThat(soundBlockSweeping(11_596_498L)).isTrue();
        assertThat(block(0.98)).isEqualTo(FaultCode.F25_SPRING_FAILED);
    }
}
