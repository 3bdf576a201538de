package com.needlepen.firmware.safety;

import com.needlepen.firmware.drive.HeldShaft;
import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * Drive on and no index pulse for longer than a bound: either the cam is jammed (the motor draws
 * close to its stall current) or the index sensor is dead (the motor turns: its current stays at
 * the load's). A jam cannot be seen sooner than about two index periods, so the bound is 2.5 set
 * periods, at least 30 ms; soft start gets 400 ms, because a shaft held by skin from standstill
 * may take that long to break away. A dead index sensor is not given that grace: once the current
 * says the shaft turns freely (below the jam fraction of the stall current) and no pulse has come
 * for {@link #START_SILENT_NANOS}, it is F11 at once. Without this, a sensor dead from a run's first
 * millisecond left the regulator blind for the whole grace, and it drove the needles to three
 * times the set rate (found by the safety property).
 */
public final class StallCheck implements SafetyCheck {

    static final long MIN_BOUND_NANOS = 30_000_000L;
    static final long START_GRACE_NANOS = 400_000_000L;
    /**
     * Within the soft start, a freely turning shaft with no index pulse for this long has a dead
     * sensor: the ramp's feed-forward alone turns the cam over within about 60 ms (a revolution at
     * 600 Hz/s from rest), and a shaft turning at more than half its no-load speed (the current
     * below the jam fraction) gives an edge at least every 40 ms at the slowest set rate.
     */
    static final long START_SILENT_NANOS = 150_000_000L;
    static final double BOUND_PERIODS = 2.5;

    private final SafetyInputs in;
    private final double hotOhm;
    private long runStartNanos;
    private long silentNanos;
    private double amps;

    public StallCheck(SafetyInputs in) {
        this.in = in;
        this.hotOhm = in.profile().motorLimits().hotResistanceOhm();
    }

    @Override
    public void runStarted(long nowNanos) {
        runStartNanos = nowNanos;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (state != PenState.RUNNING || in.drive().dutyFraction() <= 0.0) {
            return null;
        }
        var drive = in.drive();
        long lastEdge = drive.hasEdge() ? Math.max(drive.lastEdgeNanos(), runStartNanos) : runStartNanos;
        // silent only as far as the platform vouches for its edges: one stamped since may be on its way
        silentNanos = Math.max(0L, drive.edgesKnownThrough(nowNanos) - lastEdge);
        boolean inGrace = nowNanos - runStartNanos < START_GRACE_NANOS;
        long bound = inGrace ? START_SILENT_NANOS
                : Math.max(MIN_BOUND_NANOS, (long) (BOUND_PERIODS * 1e9 / Math.max(drive.setRateHz(), 1.0)));
        if (silentNanos <= bound) {
            return null;
        }
        amps = in.sensors().motorCurrentAmps();
        boolean held = HeldShaft.held(amps, drive.dutyFraction(), in.sensors().supplyVolts(), hotOhm);
        if (inGrace) {
            return held ? null : FaultCode.F11_INDEX_SENSOR_DEAD; // a held shaft may still break away
        }
        return held ? FaultCode.F02_CAM_JAMMED : FaultCode.F11_INDEX_SENSOR_DEAD;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "no index pulse for %d ms, motor current %.2f A", silentNanos / 1_000_000, amps);
    }
}
