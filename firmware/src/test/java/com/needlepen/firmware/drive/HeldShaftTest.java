package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link HeldShaft}: a shaft is held when its current is above half the stall current at the applied
 * duty (duty times supply over the hot winding). At half duty on 12 V through 3 Ω the stall current
 * is 2 A, so the line is at 1 A: not held at the line, held just above it. Judged by the stall check
 * (F02 against F11, H01, H02) and the regulator's breakaway.
 */
@Tag("H01")
@Tag("H02")
class HeldShaftTest {

    @Test
    void givenHalfDutyOn12VoltsThrough3Ohm_thenTheLineIsAtOneAmpere_notHeldAtIt_heldAboveIt() {
        assertThat(HeldShaft.held(1.0, 0.5, 12.0, 3.0)).as("at the line").isFalse();
        assertThat(HeldShaft.held(1.01, 0.5, 12.0, 3.0)).as("above it").isTrue();
        assertThat(HeldShaft.held(0.99, 0.5, 12.0, 3.0)).as("below it: a turning shaft").isFalse();
    }

    @Test
    void givenTheLineScalesWithDutyAndSupplyAndFallsWithTheWindingsResistance() {
        assertThat(HeldShaft.held(1.5, 1.0, 12.0, 3.0)).as("full duty: the line at 2 A").isFalse();
        assertThat(HeldShaft.held(1.5, 0.5, 24.0, 3.0)).as("24 V: the line at 2 A").isFalse();
        assertThat(HeldShaft.held(1.5, 0.5, 12.0, 1.5)).as("1.5 ohm: the line at 2 A").isFalse();
        assertThat(HeldShaft.held(0.3, 0.25, 12.0, 6.0)).as("0.25 on 12 V through 6 ohm: the line at 0.25 A").isTrue();
    }

    @Test
    void givenACurrentThatIsNotANumber_thenNotHeld() {
        // a shaft not taken as held gets no breakaway boost, and the stall check calls it F11 (brake and hold)
        assertThat(HeldShaft.held(Double.NaN, 0.5, 12.0, 3.0)).isFalse();
    }
}
