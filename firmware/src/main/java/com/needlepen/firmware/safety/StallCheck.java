package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * Drive on and no index pulse for longer than a bound: either the cam is jammed (the motor draws
 * close to its stall current) or the index sensor is dead (the motor turns: its current stays at
 * the load's). A jam cannot be seen sooner than about two index periods, so the bound is 2.5 set
 * periods, at least 30 ms; soft start gets 400 ms.
 */
public final class StallCheck implements SafetyCheck {

    static final long MIN_BOUND_NANOS = 30_000_000L;
    static final long START_GRACE_NANOS = 400_000_000L;
    static final double BOUND_PERIODS = 2.5;
    /** Above this fraction of the stall current at the applied duty, the shaft is taken as held. */
    static final double JAM_FRACTION = 0.5;

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
        if (state != PenState.RUNNING || in.drive().dutyFraction() <= 0.0 || nowNanos - runStartNanos < START_GRACE_NANOS) {
            return null;
        }
        var drive = in.drive();
        long lastEdge = drive.hasEdge() ? Math.max(drive.lastEdgeNanos(), runStartNanos) : runStartNanos;
        long bound = Math.max(MIN_BOUND_NANOS, (long) (BOUND_PERIODS * 1e9 / Math.max(drive.setRateHz(), 1.0)));
        silentNanos = nowNanos - lastEdge;
        if (silentNanos <= bound) {
            return null;
        }
        amps = in.sensors().motorCurrentAmps();
        double stallAmps = drive.dutyFraction() * in.sensors().supplyVolts() / hotOhm;
        return amps > JAM_FRACTION * stallAmps ? FaultCode.F02_CAM_JAMMED : FaultCode.F11_INDEX_SENSOR_DEAD;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "no index pulse for %d ms, motor current %.2f A", silentNanos / 1_000_000, amps);
    }
}
