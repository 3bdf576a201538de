package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.config.calibration.Calibration;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.Pen;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H43: a unit's calibration is bound to the factory-unique id its handpiece's identity EEPROM
 * carries, not to the profile's device id, which every unit of a model shares. Two simulated units
 * of the sim profile, each with its own manufacturing imperfections and its own EEPROM id: unit A's
 * calibration on unit B is refused at the start, naming both ids; B's accepted on unit A (as a
 * binding to the profile's device id accepted it) puts A's needles deeper than set by more than the
 * profile's tolerance.
 */
@Tag("H43")
class HandpieceIdentityTest {

    private static final DeviceProfile PROFILE = ProfileLoader.bundled("sim");
    private static final String UNIT_A = "np-sim-0001";
    private static final String UNIT_B = "np-sim-0008"; // since homing takes its zero from the collar scale (H50), 0007 differs from 0001 by under the tolerance at 1 mm
    private static Calibration calibrationOfA;
    private static Calibration calibrationOfB;

    @BeforeAll
    static void calibrateBothUnits() {
        calibrationOfA = TechnicianCalibration.of(PROFILE, UNIT_A);
        calibrationOfB = TechnicianCalibration.of(PROFILE, UNIT_B);
    }

    private static Pen unitB(DepthCalibration calibration) {
        return unit(UNIT_B, calibration);
    }

    private static Pen unit(String serial, DepthCalibration calibration) {
        SimPen pen = SimulatedPenFactory.create(PROFILE, 12, serial, 23);
        pen.handle().insertCartridge(new CartridgeInfo("CART-H43", 12));
        return PenBench.assemble(pen, PROFILE, a -> a.settings(1.0, 150).calibration(calibration));
    }

    private static SimPen plant(Pen pen) {
        return ((com.needlepen.hal.sim.SimBackend.Opened) pen.opened()).pen();
    }

    private static void click(Pen pen, PanelButton button) {
        plant(pen).handle().press(button);
        pen.runner().runFor(20 * MS);
        plant(pen).handle().release(button);
        pen.runner().runFor(2 * MS);
    }

    private static void ready(Pen pen) {
        assertThat(pen.runner().runUntil(() -> pen.controller().status().state() == PenState.READY
                && pen.controller().status().collarSettled(), 30 * S)).as("READY").isTrue();
    }

    @Test
    void givenTheCalibrationOfAnotherHandpiece_whenStarted_thenTheStartIsRefusedNamingBothIdsAndTheNeedlesNeverMove() {
        Pen pen = unitB(DepthCalibration.of(calibrationOfA));
        ready(pen);
        click(pen, PanelButton.START_STOP);
        pen.runner().runFor(3 * S);

        var status = pen.controller().status();
        assertThat(status.state()).isEqualTo(PenState.READY);
        String a = SimulatedPenFactory.handpieceIdOf(UNIT_A).toString();
        String b = SimulatedPenFactory.handpieceIdOf(UNIT_B).toString();
        assertThat(a).isNotEqualTo(b);
        assertThat(status.lastRefusal()).contains("calibration " + calibrationOfA.id() + " was made on handpiece " + a
                + ", this handpiece is " + b + "; calibrate this handpiece");
        assertThat(plant(pen).handle().shaftTurns()).as("the needles never moved").isLessThan(0.01);
        assertThat(pen.controller().sessions().endedSessions()).isEmpty();
    }

    @Test
    void givenItsOwnCalibration_whenRunOnSkin_thenTheNeedlesReachTheSetDepthWithinTolerance() {
        double error = depthErrorAt1mm(unitB(DepthCalibration.of(calibrationOfB)));
        System.out.printf(Locale.ROOT, "H43: unit B on its own calibration: depth error %+.4f mm%n", error);
        assertThat(Math.abs(error)).isLessThanOrEqualTo(PROFILE.calibration().toleranceMm());
    }

    @Test
    void givenTheCalibrationOfAnotherHandpieceAcceptedAsADeviceIdBindingAcceptedIt_thenTheNeedlesGoDeeperThanSet() {
        // what a calibration bound to the profile's device id amounted to: unit B's points, taken as A's
        var b = DepthCalibration.of(calibrationOfB);
        var acceptedAnyway = new DepthCalibration(b.map(), b.id(), SimulatedPenFactory.handpieceIdOf(UNIT_A).toString(), null);
        double error = depthErrorAt1mm(unit(UNIT_A, acceptedAnyway));
        double own = depthErrorAt1mm(unit(UNIT_A, DepthCalibration.of(calibrationOfA)));
        System.out.printf(Locale.ROOT, "H43 without the binding: unit A on unit B's calibration: depth error %+.4f mm"
                + " (on its own: %+.4f mm; tolerance %.2f mm)%n", error, own, PROFILE.calibration().toleranceMm());
        assertThat(error).as("the other unit's calibration puts the needles deeper than set beyond tolerance")
                .isGreaterThan(PROFILE.calibration().toleranceMm());
        assertThat(Math.abs(own)).isLessThanOrEqualTo(PROFILE.calibration().toleranceMm());
    }

    /** Deepest tip protrusion over a second at 150 Hz with the depth set to 1.0 mm, minus 1.0 mm. */
    private static double depthErrorAt1mm(Pen pen) {
        ready(pen);
        plant(pen).handle().setSkinContact(false); // in air: the depth the collar sets, no skin load
        click(pen, PanelButton.START_STOP);
        assertThat(pen.runner().runUntil(() -> pen.controller().status().spunUp(), 8 * S))
                .as("running: " + pen.controller().status().lastRefusal()).isTrue();
        plant(pen).handle().resetPeakProtrusion();
        pen.runner().runFor(S);
        return plant(pen).handle().peakProtrusionMm() - 1.0;
    }

    @Test
    void givenTheHandpieceSwappedAfterPowerOn_whenStarted_thenTheStartIsRefusedNamingBothIds() {
        Pen pen = unitB(DepthCalibration.of(calibrationOfB));
        ready(pen);
        var other = SimulatedPenFactory.handpieceIdOf(UNIT_A);
        plant(pen).handle().swapHandpiece(other);
        click(pen, PanelButton.START_STOP);
        pen.runner().runFor(3 * S);

        assertThat(pen.controller().status().state()).isEqualTo(PenState.READY);
        assertThat(pen.controller().status().lastRefusal()).contains("handpiece changed since power-on: was "
                + SimulatedPenFactory.handpieceIdOf(UNIT_B) + ", now " + other);
        assertThat(plant(pen).handle().shaftTurns()).isLessThan(0.01);
    }

    @Test
    void givenAnIdentityEepromThatDoesNotAnswer_whenStarted_thenNoSessionStartsAndTheRefusalSaysWhy() {
        SimPen silentFromPowerOn = SimulatedPenFactory.create(PROFILE, 12, UNIT_B, 23);
        silentFromPowerOn.handle().inject(SimFault.HANDPIECE_ID_SILENT);
        silentFromPowerOn.handle().insertCartridge(new CartridgeInfo("CART-H43", 12));
        Pen pen = PenBench.assemble(silentFromPowerOn, PROFILE,
                a -> a.settings(1.0, 150).calibration(DepthCalibration.of(calibrationOfB)));
        ready(pen);
        click(pen, PanelButton.START_STOP);
        pen.runner().runFor(3 * S);
        assertThat(pen.controller().status().state()).isEqualTo(PenState.READY);
        assertThat(pen.controller().status().lastRefusal()).startsWith("handpiece identity unreadable since power-on")
                .contains("does not answer on I2C");

        Pen later = unitB(DepthCalibration.of(calibrationOfB));
        ready(later);
        plant(later).handle().inject(SimFault.HANDPIECE_ID_SILENT);
        click(later, PanelButton.START_STOP);
        later.runner().runFor(3 * S);
        assertThat(later.controller().status().state()).isEqualTo(PenState.READY);
        assertThat(later.controller().status().lastRefusal()).startsWith("handpiece identity unreadable (");
        assertThat(plant(later).handle().shaftTurns()).isLessThan(0.01);
    }
}
