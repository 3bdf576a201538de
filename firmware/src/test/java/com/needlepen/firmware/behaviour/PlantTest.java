package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.hal.PenHardware;
import com.needlepen.hal.sim.SimParameters;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;
import org.junit.jupiter.api.Test;

/** The simulated plant behaves like the physics says, driven through the HAL alone. */
class PlantTest {

    private final DeviceProfile profile = ProfileLoader.bundled("sim");

    /** Drives the motor open-loop at a duty found by a slow integrator until it turns at {@code rateHz}. */
    private static long spinTo(SimPen pen, double rateHz) {
        PenHardware hw = pen.hardware();
        long t = pen.clock().nanoTime();
        hw.motor().enable(t);
        double duty = 0.3;
        for (int ms = 0; ms < 3000; ms++) {
            t += MS;
            pen.advanceTo(t);
            hw.motor().refreshDeadman(t);
            hw.enableTimer().feed(t);
            double turnsPerSecond = pen.handle().shaftRateHz();
            duty += 0.00002 * (rateHz - turnsPerSecond);
            hw.motor().setDutyFraction(Math.min(1.0, duty));
        }
        return t;
    }

    /** Revolutions from 150 Hz to rest: the bridge braking while powered and enabled, or the driver disabled. */
    private double brakeFrom150Hz(boolean disable, boolean brakeSwitchStuckOpen) {
        SimPen pen = SimulatedPenFactory.create(profile, 12, 1);
        if (brakeSwitchStuckOpen) {
            pen.handle().inject(com.needlepen.hal.sim.SimFault.BRAKE_SWITCH_STUCK_OPEN);
        }
        long t = spinTo(pen, 150);
        assertThat(pen.handle().shaftRateHz()).isBetween(140.0, 160.0);
        double turns = pen.handle().shaftTurns();
        if (disable) {
            pen.hardware().motor().disable();
        } else {
            pen.hardware().motor().brake();
        }
        while (!pen.handle().shaftAtRest()) {
            t += 100_000L;
            pen.advanceTo(t);
            pen.hardware().motor().refreshDeadman(t);
            pen.hardware().enableTimer().feed(t);
        }
        return pen.handle().shaftTurns() - turns;
    }

    @Test
    void givenShaftAt150HzWhenThePoweredBridgeBrakesThenTheShortedWindingStopsItWithinTwoRevolutions() {
        double revolutions = brakeFrom150Hz(false, false);
        System.out.printf("braked by the powered bridge from 150 Hz in %.2f revolutions%n", revolutions);
        assertThat(revolutions).isLessThan(2.0);
    }

    /**
     * A disabled integrated bridge is open: the brake switch brakes, after up to 10 ms of coasting
     * (1.5 revolutions at 150 Hz) and through its 0.5 ohm; stuck open, nothing brakes.
     */
    @Test
    void givenShaftAt150HzWhenTheDriverIsDisabledThenTheBrakeSwitchStopsItWithinThreeRevolutionsAndStuckOpenItCoasts() {
        double braked = brakeFrom150Hz(true, false);
        double coasted = brakeFrom150Hz(true, true);
        System.out.printf("driver disabled at 150 Hz: brake switch %.2f revolutions, brake switch stuck open %.1f%n",
                braked, coasted);
        assertThat(braked).isLessThan(3.0);
        assertThat(coasted).isGreaterThan(20.0);
    }

    @org.junit.jupiter.api.Tag("H16")
    @Test
    void givenASpringTooWeakForTheRateWhenStrokingThenTheCarrierLeavesTheCamAndTipsPassTheSetDepth() {
        SimParameters nominal = SimulatedPenFactory.parameters(profile, 12, 2);
        SimParameters weak = new SimParameters(nominal.motor(), new SimParameters.Cam(3.0, 0.002, 0.3, 0.05),
                nominal.skin(), nominal.index(), nominal.collar(), nominal.thermal(), nominal.supplyVolts(),
                nominal.substepNanos(), nominal.gaugeSigmaMm(), nominal.seed());
        double weakOvershoot = overshootAt150Hz(new SimPen(weak, 0));
        double nominalOvershoot = overshootAt150Hz(new SimPen(nominal, 0));
        System.out.printf("tips past the set depth at 150 Hz: weak spring %.3f mm, profile spring %.6f mm%n",
                weakOvershoot, nominalOvershoot);
        assertThat(weakOvershoot).isGreaterThan(0.1);
        assertThat(nominalOvershoot).isLessThan(1e-6);
    }

    private static double overshootAt150Hz(SimPen pen) {
        spinTo(pen, 150);
        pen.handle().resetPeakProtrusion();
        long t = pen.clock().nanoTime();
        for (int ms = 0; ms < 200; ms++) {
            t += MS;
            pen.advanceTo(t);
            pen.hardware().motor().refreshDeadman(t);
            pen.hardware().enableTimer().feed(t);
        }
        return pen.handle().peakProtrusionMm() - pen.handle().trueDepthMm();
    }

    @Test
    void givenNominalStepsPerMmWhenTheCollarIsSetThenTheTrueDepthDiffersFromTheSetDepth() {
        double worst = 0;
        for (int unit = 1; unit <= 5; unit++) {
            PenBench bench = PenBench.sim("12-pin", 1.0, 100, "np-sim-" + unit, 1);
            bench.controller.submit(com.needlepen.firmware.Request.depth(1.5));
            bench.ready();
            worst = Math.max(worst, Math.abs(bench.sim.trueDepthMm() - 1.5));
        }
        System.out.printf("uncalibrated depth error at 1.5 mm over 5 pens: worst %.3f mm%n", worst);
        assertThat(worst).isGreaterThan(0.05);
    }
}
