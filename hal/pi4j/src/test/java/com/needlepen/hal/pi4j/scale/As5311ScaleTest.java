package com.needlepen.hal.pi4j.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.hal.pi4j.bus.BusException;
import org.junit.jupiter.api.Test;

/** The AS5311 scale driver: the frame's bit order, parity and status, the index phase and the unwrapping. */
class As5311ScaleTest {

    private static final long MS = 1_000_000L;
    private static final double STEPS_PER_MM = 3200;

    private final As5311Model sensor = new As5311Model();
    private long now;
    private final As5311Scale scale = new As5311Scale(sensor, STEPS_PER_MM, true, 100 * MS, () -> now);

    private void pollAt(double mm) throws BusException {
        sensor.collarMm = mm;
        now += MS;
        scale.poll(now);
    }

    @Test
    void aFrameBuiltByHandFromTheDatasheetDecodesToItsPosition() throws BusException {
        // leading 1, D11..D0 = 0x400 (1,024: a quarter pole pair, 0.5 mm), OCF 1, COF 0, LIN 0, MagINC 0, MagDEC 0,
        // parity: two 1s, even, so 0; then five 0s
        int frame = (0x400 << 6) | (1 << 5);
        int bits = (1 << 23) | (frame << 5);
        byte[] wire = {(byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
        As5311Scale byHand = new As5311Scale((tx, rx, n) -> System.arraycopy(wire, 0, rx, 0, n), STEPS_PER_MM, true,
                100 * MS, () -> 0L);
        byHand.poll(0);
        assertThat(byHand.indexPhaseSteps()).isEqualTo(1600L); // 0.5 mm x 3,200
        assertThat(byHand.healthy()).isTrue();
    }

    @Test
    void theIndexPhaseIsTheReadingFoldedAboutTheIndexMark() throws BusException {
        sensor.indexMm = 0.3;
        pollAt(0.8);
        assertThat(scale.indexPhaseSteps()).isEqualTo(1600L);
        pollAt(-0.2);
        assertThat(scale.indexPhaseSteps()).isEqualTo(-1600L);
        pollAt(1.3); // exactly half a pole pair: the lower end of [-half, +half)
        assertThat(scale.indexPhaseSteps()).isEqualTo(-3200L);
        pollAt(2.3 + 2 * (2.0 / 4096)); // the next pole pair's index, two counts (0.49 um each) deeper
        assertThat(scale.indexPhaseSteps()).isEqualTo(3L); // 2 x 1.5625 rounded
    }

    @Test
    void aStripMountedTheOtherWayRoundIsTurnedSoDeeperStaysPositive() throws BusException {
        As5311Scale reversed = new As5311Scale(sensor, STEPS_PER_MM, false, 100 * MS, () -> now);
        sensor.collarMm = -0.5; // the reading increases shallower on this mount
        reversed.poll(0);
        assertThat(reversed.indexPhaseSteps()).isEqualTo(1600L);
    }

    @Test
    void theUnwrappedPositionFollowsTheCollarAcrossPolePairsBothWays() throws BusException {
        pollAt(0.0);
        scale.zero(0);
        for (double mm = 0; mm <= 5.0 + 1e-9; mm += 0.1) {
            pollAt(mm);
        }
        assertThat(scale.positionSteps()).isCloseTo(16_000L, within(2L));
        for (double mm = 5.0; mm >= -3.0 - 1e-9; mm -= 0.25) {
            pollAt(mm);
        }
        assertThat(scale.positionSteps()).isCloseTo(-9_600L, within(2L));
        assertThat(scale.healthy()).isTrue();
    }

    @Test
    void zeroRedefinesTheUnwrappedPosition() throws BusException {
        pollAt(1.0);
        scale.zero(500);
        assertThat(scale.positionSteps()).isEqualTo(500L);
        pollAt(1.5);
        assertThat(scale.positionSteps()).isCloseTo(500L + 1600L, within(2L));
    }

    @Test
    void aFrameWithBadParityIsRefusedAndTheScaleIsNotHealthy() throws BusException {
        pollAt(0.4);
        sensor.flipParity = true;
        assertThatThrownBy(() -> pollAt(0.5)).isInstanceOf(BusException.class).hasMessageContaining("even parity");
        assertThat(scale.healthy()).isFalse();
        assertThat(scale.indexPhaseSteps()).as("the bad frame's position is not taken").isEqualTo(1280L);
    }

    @Test
    void eachStatusThatMakesThePositionInvalidMakesTheScaleUnhealthy() throws BusException {
        String[] cases = {"ocf", "cof", "lin", "mag"};
        for (String c : cases) {
            As5311Model s = new As5311Model();
            As5311Scale sc = new As5311Scale(s, STEPS_PER_MM, true, 100 * MS, () -> 0L);
            sc.poll(0);
            assertThat(sc.healthy()).as(c + " before").isTrue();
            switch (c) {
                case "ocf" -> s.ocf = false;
                case "cof" -> s.cof = true;
                case "lin" -> s.lin = true;
                default -> {
                    s.magInc = true;
                    s.magDec = true;
                }
            }
            assertThatThrownBy(() -> sc.poll(0)).as(c).isInstanceOf(BusException.class)
                    .hasMessageContaining("the position is not valid");
            assertThat(sc.healthy()).as(c).isFalse();
        }
    }

    @Test
    void aFieldMovingOneWayIsNotAFault() throws BusException {
        sensor.magInc = true;
        pollAt(0.1);
        assertThat(scale.healthy()).isTrue();
    }

    @Test
    void noFreshReadingIsNotHealthy() throws BusException {
        pollAt(0.1);
        now += 100 * MS;
        assertThat(scale.healthy()).isTrue();
        now += MS;
        assertThat(scale.healthy()).isFalse();
    }

    @Test
    void aGapLongerThanTheBoundLosesTheUnwrappingUntilZeroed() throws BusException {
        pollAt(0.1);
        now += 200 * MS;
        pollAt(1.5); // the collar may have gone round a pole pair unseen
        assertThat(scale.healthy()).isFalse();
        scale.zero(0);
        assertThat(scale.healthy()).isTrue();
    }

    @Test
    void aSensorThatDoesNotDriveDoOrABusErrorIsRefused() throws BusException {
        sensor.doNotDriven = true;
        assertThatThrownBy(() -> pollAt(0.1)).isInstanceOf(BusException.class).hasMessageContaining("leading 1");
        assertThat(scale.healthy()).isFalse();
        sensor.doNotDriven = false;
        sensor.failNext = 1;
        assertThatThrownBy(() -> pollAt(0.1)).isInstanceOf(BusException.class);
        assertThat(scale.healthy()).isFalse();
        pollAt(0.1);
        assertThat(scale.healthy()).isTrue();
    }
}
