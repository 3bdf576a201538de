package com.needlepen.tools.calibration;

import com.needlepen.hal.sim.SimHandle;

/**
 * The simulated max-hold depth gauge: the deepest true tip protrusion over the revolutions the
 * firmware drove at the point, plus the gauge's seeded noise (standard deviation 0.003 mm).
 *
 * <p>Read under load (H42 in docs/safety.md): at each point the calibration fixture presses the
 * collar face onto the gauge's anvil with {@value #FIXTURE_LOAD_N} N, the middle of the 2 to 10 N a
 * practitioner presses skin with, from the gauge's reset until it is read, so the collar is measured
 * where the skin's press puts it (on its loaded flank, its thread compressed).
 */
public final class SimGauge implements MeasurementSource {

    /** The calibration fixture's load on the collar face while the gauge watches, N. */
    public static final double FIXTURE_LOAD_N = 5.0;

    private final SimHandle sim;
    private final double loadN;

    public SimGauge(SimHandle sim) {
        this(sim, FIXTURE_LOAD_N);
    }

    /** A gauge read with the collar pressed at {@code loadN} (0: in air, as before H42; for the test that shows why not). */
    public SimGauge(SimHandle sim, double loadN) {
        this.sim = sim;
        this.loadN = loadN;
    }

    @Override
    public void resetGauge() {
        sim.setGaugeLoadN(loadN);
        sim.resetPeakProtrusion();
    }

    @Override
    public double measure(int index, int count, double commandedMm) {
        double reading = sim.gaugeReadingMm();
        sim.setGaugeLoadN(0.0); // the pen comes out of the fixture for the next point's move
        return reading;
    }
}
