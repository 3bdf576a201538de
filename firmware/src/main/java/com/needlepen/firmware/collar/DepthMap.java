package com.needlepen.firmware.collar;

/** How collar steps (from the home switch) relate to true needle depth. */
public interface DepthMap {

    /** Collar steps that give {@code depthMm} of tip protrusion at the top of a stroke. */
    long stepsFor(double depthMm);

    /** The depth {@code steps} give. */
    double depthFor(long steps);
}
