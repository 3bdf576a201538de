package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.Pen;
import com.needlepen.firmware.PenAssembly;
import com.needlepen.firmware.collar.CollarHoming;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.sim.SimFault;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The home switch's trip point drifts (H50): wear and temperature move a micro switch's actuator by
 * 0.02 to 0.05 mm over a life, more than the depth tolerance (0.02 mm). Homing takes its zero from
 * the collar's scale (the position sensor's index, which the switch only selects), so a drifted
 * switch leaves every depth where the calibration put it; a switch drifted past
 * {@link CollarHoming#SWITCH_DRIFT_BOUND_MM} is F34 at homing. Homing on the switch, as before, moves
 * every depth by the drift.
 */
class HomeSwitchDriftTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final double SET_MM = 1.0;

    /** A unit powered on with its switch drifted {@code driftMm}; the collar's true depth at READY at the set depth. */
    private static Pen poweredOn(String unit, double driftMm, UnaryOperator<PenAssembly> assembly) {
        SimPen sim = SimulatedPenFactory.create(SIM, 12, unit, 7);
        sim.handle().driftHomeSwitch(driftMm);
        Pen pen = PenBench.assemble(sim, SIM, a -> assembly.apply(a.unit(unit).settings(SET_MM, 100)));
        pen.runner().runUntil(() -> pen.controller().status().state() == PenState.FAULT
                || (pen.controller().status().state() == PenState.READY && pen.controller().status().collarSettled()), 30 * S);
        return pen;
    }

    private static double trueDepthAtReady(String unit, double driftMm, UnaryOperator<PenAssembly> assembly) {
        Pen pen = poweredOn(unit, driftMm, assembly);
        assertThat(pen.controller().status().state()).as("%s drift %.3f: %s %s", unit, driftMm,
                pen.controller().status().fault(), pen.controller().status().faultDetail()).isEqualTo(PenState.READY);
        return ((SimBackendPen) () -> pen).sim().trueDepthMm();
    }

    /** The sim handle behind a pen assembled by {@link PenBench#assemble}. */
    @FunctionalInterface
    private interface SimBackendPen {
        Pen pen();

        default com.needlepen.hal.sim.SimHandle sim() {
            return ((com.needlepen.hal.sim.SimBackend.Opened) pen().opened()).pen().handle();
        }
    }

    @Tag("H50")
    @Test
    void givenTheHomeSwitchDriftedByItsLifeFigureEitherWay_thenHomingFromTheScaleLeavesTheDepthWithinMicrons() {
        double worst = 0.0;
        for (String unit : new String[] {"np-sim-0001", "np-sim-0002", "np-sim-0003"}) {
            double reference = trueDepthAtReady(unit, 0.0, UnaryOperator.identity());
            for (double drift : new double[] {0.05, -0.05}) {
                double error = trueDepthAtReady(unit, drift, UnaryOperator.identity()) - reference;
                worst = Math.max(worst, Math.abs(error));
            }
        }
        System.out.printf("H50 home switch drifted +-0.05 mm, homed from the scale: depth moved at most %.4f mm%n", worst);
        assertThat(worst).as("depth moved by the drift (four counts of the scale: 0.0078 mm)").isLessThan(0.008);
    }

    @Tag("H50")
    @Test
    void givenTheHomeSwitchDriftedHomingOnTheSwitch_thenEveryDepthMovesByTheDriftPastTheTolerance() {
        String unit = "np-sim-0001";
        double reference = trueDepthAtReady(unit, 0.0, PenAssembly::homeOnTheSwitchForTest);
        double deeper = trueDepthAtReady(unit, 0.05, PenAssembly::homeOnTheSwitchForTest) - reference;
        double shallower = trueDepthAtReady(unit, -0.05, PenAssembly::homeOnTheSwitchForTest) - reference;
        System.out.printf("H50 without homing from the scale: a switch 0.05 mm deeper moves the depth %+.4f mm,"
                + " 0.05 mm shallower %+.4f mm (tolerance %.2f mm)%n", deeper, shallower, SIM.calibration().toleranceMm());
        assertThat(Math.abs(deeper)).isGreaterThan(SIM.calibration().toleranceMm());
        assertThat(Math.abs(shallower)).isGreaterThan(SIM.calibration().toleranceMm());
    }

    @Tag("H50")
    @Test
    void givenTheHomeSwitchDriftedPastItsBound_thenF34AtHomingAndTheNeedlesNeverMove() {
        for (double drift : new double[] {0.15, -0.15}) {
            Pen pen = poweredOn("np-sim-0001", drift, UnaryOperator.identity());
            System.out.println("H50 drift " + drift + " mm: " + pen.controller().status().fault() + " "
                    + pen.controller().status().faultDetail());
            assertThat(pen.controller().status().fault()).isEqualTo(FaultCode.F34_HOME_SWITCH_DRIFTED);
            assertThat(((SimBackendPen) () -> pen).sim().trueExcursions()).isZero();
        }
    }

    /** Units within their specification (the index's placement, the switch's own life drift) never see F34. */
    @Tag("H50")
    @Test
    void givenTwentyUnitsAtTheirEndOfLifeDrift_thenNoneFaults() {
        for (int i = 0; i < 20; i++) {
            String unit = String.format("np-sim-%04d", 100 + i);
            SimPen sim = SimulatedPenFactory.create(SIM, 12, unit, i);
            sim.handle().inject(SimFault.HOME_SWITCH_DRIFTED);
            Pen pen = PenBench.assemble(sim, SIM, a -> a.unit(unit).settings(SET_MM, 100));
            pen.runner().runUntil(() -> pen.controller().status().state() == PenState.FAULT
                    || pen.controller().status().state() == PenState.READY, 30 * S);
            assertThat(pen.controller().status().state()).as("%s (drift %.3f mm): %s", unit,
                    sim.handle().homeSwitchEndOfLifeDriftMm(), pen.controller().status().faultDetail())
                    .isEqualTo(PenState.READY);
        }
    }
}
