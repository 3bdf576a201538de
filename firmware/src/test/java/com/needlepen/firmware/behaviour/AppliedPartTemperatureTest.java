package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.PenAssembly;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.PanelButton;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H47, the applied part's temperature as a real thermistor sees it: the thermistor sits on the grip,
 * away from the nose where the drive makes its heat, and reads late, through its 5 s lag; the hand
 * (34 °C) holds the grip. At IEC 60601-1's highest rated ambient, 40 °C, a long run at the highest rate
 * on skin heats the nose past the applied part's 43 °C while the thermistor reads under 38 °C. The
 * firmware judges its warning and cut-off on its estimate of the nose ({@code NoseTemperature}); left
 * to the bare reading, nothing stops the needles.
 */
class AppliedPartTemperatureTest {

    /** IEC 60601-1, 11.1, Table 24: an applied part in contact with the skin for 10 min or more. */
    static final double APPLIED_PART_LIMIT_CELSIUS = 43.0;
    static final double RATED_AMBIENT_CELSIUS = 40.0;

    private static PenBench runningAt40C(String cartridge, double rateHz, UnaryOperator<PenAssembly> assembly) {
        PenBench bench = PenBench.assembledWith(ProfileLoader.bundled("sim"), cartridge, 1.0, rateHz, 7, assembly)
                .insertCartridge();
        bench.sim.soakAt(RATED_AMBIENT_CELSIUS);
        bench.ready();
        bench.sim.setSkinContact(true);
        return bench.click(PanelButton.START_STOP).running().spunUp();
    }

    private static double reading(PenBench bench) {
        return bench.pen.hardware().sensors().handpieceCelsius();
    }

    @Tag("H47")
    @Test
    void givenA40CRoomAndTheHandOnTheGrip_whenTheHeaviestCartridgeRunsAt150HzForLong_thenTheNoseStaysUnder43C() {
        PenBench bench = runningAt40C("36-pin", 150, UnaryOperator.identity());
        double hottestNose = Double.NEGATIVE_INFINITY;
        long started = bench.now();
        long stoppedAfterMs = -1;
        double readingAtStop = Double.NaN;
        for (int s = 0; s < 15 * 60; s++) {
            bench.run(S);
            hottestNose = Math.max(hottestNose, bench.sim.handpieceCelsius());
            if (stoppedAfterMs < 0 && bench.controller.status().state() == PenState.FAULT) {
                stoppedAfterMs = (bench.now() - started) / MS;
                readingAtStop = reading(bench);
            }
        }
        System.out.printf("H47: 36-pin at 150 Hz on skin in a 40 °C room: %s after %d s (thermistor %.2f °C, %s);"
                + " hottest nose %.2f °C over 15 min%n", bench.controller.status().fault(), stoppedAfterMs / 1000,
                readingAtStop, bench.controller.status().faultDetail(), hottestNose);
        assertThat(bench.controller.status().fault()).as("the cut-off on the nose's estimate")
                .isEqualTo(FaultCode.F06_OVERTEMPERATURE);
        assertThat(readingAtStop).as("the thermistor's reading when the needles stopped, far under the cut-off")
                .isLessThan(bench.profile.safety().warningCelsius() - 1.0);
        assertThat(hottestNose).as("the applied part, hottest over 15 min").isLessThan(APPLIED_PART_LIMIT_CELSIUS);
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile);
    }

    @Tag("H47")
    @Test
    void givenA40CRoomAndTheHandOnTheGripWithoutTheNoseEstimate_whenTheHeaviestCartridgeRunsAt150Hz_thenTheNosePasses43C() {
        PenBench bench = runningAt40C("36-pin", 150, PenAssembly::noseUncompensatedForTest);
        double highestReading = Double.NEGATIVE_INFINITY;
        long passedAfterS = -1;
        for (int s = 0; s < 15 * 60 && bench.controller.status().state() == PenState.RUNNING; s++) {
            bench.run(S);
            highestReading = Math.max(highestReading, reading(bench));
            if (passedAfterS < 0 && bench.sim.handpieceCelsius() > APPLIED_PART_LIMIT_CELSIUS) {
                passedAfterS = s + 1;
                break;
            }
        }
        System.out.printf("H47 without the nose estimate: the nose passed %.0f °C after %d s of 150 Hz, the thermistor"
                + " reading at most %.2f °C (%s)%n", APPLIED_PART_LIMIT_CELSIUS, passedAfterS, highestReading,
                bench.controller.status().state());
        assertThat(passedAfterS).as("seconds until the applied part passed its limit under the needles").isPositive();
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(highestReading).as("the thermistor never reached even the warning")
                .isLessThan(bench.profile.safety().warningCelsius());
    }

    /**
     * The thermistor's lag does not make the stuck-sensor check (F26) take a live reading for a stuck one,
     * nor the winding's measurement (H33) a warm winding for a hot one: a long run in a 40 °C room with no
     * fault at all. The sim handpiece in a 40 °C room reaches the cut-off on its nose after some minutes at
     * any rate (in air at 50 Hz after about 5 min, the 36-pin at 150 Hz on skin after under 2), so the run is
     * held in air, at 50 Hz, for 4 minutes.
     */
    @Tag("H47")
    @Test
    void givenA40CRoom_whenARunAt50HzInAirGoesOnFor4Minutes_thenNoFaultAtAllAndTheNextStartMeasuresTheWinding() {
        PenBench bench = PenBench.assembledWith(ProfileLoader.bundled("sim"), "12-pin", 1.0, 50, 7, UnaryOperator.identity())
                .insertCartridge();
        bench.sim.soakAt(RATED_AMBIENT_CELSIUS);
        bench.ready().click(PanelButton.START_STOP).running().spunUp();
        bench.run(240 * S);
        assertThat(bench.controller.status().state()).as("%s %s", bench.controller.status().fault(),
                bench.controller.status().faultDetail()).isEqualTo(PenState.RUNNING);
        System.out.printf("H47: 4 min at 50 Hz in a 40 °C room: no fault; nose %.2f °C, thermistor %.2f °C,"
                + " winding %.2f °C%n", bench.sim.handpieceCelsius(), reading(bench), bench.sim.windingCelsius());
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, 2 * S)).isTrue();
        bench.click(PanelButton.START_STOP).running();
        assertThat(bench.controller.status().fault()).isNull();
    }

    /**
     * A 25 °C room: the heaviest cartridge at the top rate on skin is lowered to 100 Hz by the warning and, run on,
     * ends on the cut-off, with the nose still far from hot: the estimate is built to be no cooler than the nose
     * (the hottest winding's resistance, the follower at its rating, the heaviest cartridge's contact force, a
     * gradient that builds faster than the nose heats), and by this time it is that much warmer.
     */
    @Tag("H47")
    @Test
    void givenA25CRoom_whenTheHeaviestCartridgeRunsAt150HzOnSkin_thenTheRateComesDownAndTheCutOffComesBeforeTheNoseIsWarm() {
        PenBench bench = PenBench.assembledWith(ProfileLoader.bundled("sim"), "36-pin", 1.0, 150, 7, UnaryOperator.identity())
                .insertCartridge().ready();
        bench.sim.setSkinContact(true);
        bench.click(PanelButton.START_STOP).running().spunUp();
        double hottestNose = Double.NEGATIVE_INFINITY;
        long started = bench.now();
        long loweredAfterS = -1;
        for (int s = 0; s < 900 && bench.controller.status().state() == PenState.RUNNING; s++) {
            bench.run(S);
            hottestNose = Math.max(hottestNose, bench.sim.handpieceCelsius());
            if (loweredAfterS < 0 && bench.controller.status().rateHz() < 150) {
                loweredAfterS = (bench.now() - started) / S;
            }
        }
        long endedAfterS = (bench.now() - started) / S;
        System.out.printf("H47: 36-pin at 150 Hz on skin in a 25 °C room: lowered to %.0f Hz after %d s, %s after %d s"
                + " (%s); hottest nose %.2f °C, thermistor %.2f °C%n", bench.controller.status().rateHz(), loweredAfterS,
                bench.controller.status().fault(), endedAfterS, bench.controller.status().faultDetail(), hottestNose,
                reading(bench));
        assertThat(loweredAfterS).as("the warning lowered the rate").isPositive();
        assertThat(bench.controller.status().rateHz()).isEqualTo(bench.profile.safety().warningMaxRateHz());
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F06_OVERTEMPERATURE);
        assertThat(endedAfterS).as("a run of minutes first").isGreaterThan(180);
        assertThat(hottestNose).as("the nose when the cut-off came").isLessThan(bench.profile.safety().warningCelsius());
    }
}
