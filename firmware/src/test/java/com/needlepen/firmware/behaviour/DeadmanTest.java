package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.PanelButton;
import org.junit.jupiter.api.Test;

/** Safety layer 2: a control thread that stops ticking still stops the needles. */
class DeadmanTest {

    @org.junit.jupiter.api.Tag("H13")
    @Test
    void givenRunningAt150HzWhenTheControlThreadStopsTickingThenTheDriversDeadmanAloneBrakesTheMotor() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 150, 31).insertCartridge().ready();
        bench.click(PanelButton.START_STOP).spunUp();
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        long deadman = bench.profile.motor().deadmanMillis() * MS;

        bench.runner.freezeFirmwareFor(deadman - 2 * MS);
        assertThat(bench.sim.motorDriverEnabled()).as("still within the dead-man").isTrue();
        bench.runner.freezeFirmwareFor(3 * MS);
        assertThat(bench.sim.motorDriverEnabled()).as("dead-man expired").isFalse();
        double turnsAtExpiry = bench.sim.shaftTurns();
        bench.runner.freezeFirmwareFor(40 * MS);
        long excursions = bench.sim.trueExcursions();
        // within 40 ms of expiry the needles have stopped stroking: the spring only rocks the cam at its bottom
        assertThat(bench.sim.shaftTurns() - turnsAtExpiry).as("revolutions after expiry").isLessThan(2.0);
        assertThat(bench.sim.tipProtrusionMm()).isNegative();
        bench.runner.freezeFirmwareFor(200 * MS);
        assertThat(bench.sim.trueExcursions()).as("no needle excursion after 40 ms").isEqualTo(excursions);
        assertThat(bench.sim.shaftAtRest()).isTrue();
    }
}
