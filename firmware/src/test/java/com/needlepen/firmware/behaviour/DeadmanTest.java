package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.PanelButton;
import org.junit.jupiter.api.Test;

/**
 * Safety layer 2: a control thread that stops ticking still stops the needles, and the firmware,
 * once it ticks again, latches its own fault (F08) rather than carrying on: the HAL's dead-man alone
 * would leave a firmware that resumes in RUNNING with a driver it believes enabled. The disabled
 * bridge is open (an integrated bridge does not brake with its enable line low): the normally-closed
 * brake switch across the winding brakes, 10 ms after the enable line drops at the latest.
 */
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
        // within 40 ms of expiry the needles have stopped stroking: the spring only rocks the cam at its bottom.
        // Up to 10 ms of coasting until the brake switch closes (1.5 revolutions at 150 Hz), then braking: 2.3 measured
        double afterExpiry = bench.sim.shaftTurns() - turnsAtExpiry;
        System.out.printf("dead-man at 150 Hz: %.2f revolutions after expiry%n", afterExpiry);
        assertThat(afterExpiry).as("revolutions after expiry").isLessThan(2.5);
        assertThat(bench.sim.tipProtrusionMm()).isNegative();
        bench.runner.freezeFirmwareFor(200 * MS);
        assertThat(bench.sim.trueExcursions()).as("no needle excursion after 40 ms").isEqualTo(excursions);
        assertThat(bench.sim.shaftAtRest()).isTrue();

        // the control thread comes back: the firmware's own fault, not the HAL's dead-man alone
        bench.run(2 * MS);
        assertThat(bench.controller.status().state()).as("the firmware's own state").isEqualTo(PenState.FAULT);
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F08_DEADMAN);
        assertThat(bench.controller.sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.endReason()).startsWith("fault F08"));
        bench.run(500 * MS);
        assertThat(bench.sim.trueExcursions()).as("F08 does not restart the needles").isEqualTo(excursions);
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile);
    }
}
