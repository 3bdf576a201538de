package com.needlepen.firmware.safety;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.PenState;
import com.needlepen.firmware.collar.DepthPositioner;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.hal.AnalogSensors;
import com.needlepen.hal.CartridgeSensor;

/**
 * Runs every tick after the state machine and has the last word: it watches what the HAL can see
 * and latches the first fault it finds. It holds no reference to the state machine's decisions
 * other than the state, so a state-machine bug cannot silence it. Allocates nothing unless a fault
 * is found.
 *
 * <p>This is the first set of checks; the full hazard list and its bounds are the safety issue's.
 */
public final class SafetySupervisor {

    public static final double CUTOFF_CELSIUS = 41.0;
    private static final long OVERCURRENT_NANOS = 100_000_000L;
    private static final long NO_INDEX_MIN_NANOS = 100_000_000L;
    private static final long START_GRACE_NANOS = 400_000_000L;
    private static final long DEVIATION_NANOS = 1_000_000_000L;
    private static final double DEVIATION_FRACTION = 0.10;
    private static final double OVERSPEED_FACTOR = 1.25;

    private final DeviceProfile profile;
    private final StrokeDrive drive;
    private final DepthPositioner positioner;
    private final AnalogSensors sensors;
    private final CartridgeSensor cartridge;

    private long runStartNanos = Long.MIN_VALUE;
    private long overcurrentSinceNanos = Long.MIN_VALUE;
    private long deviationSinceNanos = Long.MIN_VALUE;
    private boolean spunUp;
    private String detail;

    public SafetySupervisor(DeviceProfile profile, StrokeDrive drive, DepthPositioner positioner,
                            AnalogSensors sensors, CartridgeSensor cartridge) {
        this.profile = profile;
        this.drive = drive;
        this.positioner = positioner;
        this.sensors = sensors;
        this.cartridge = cartridge;
    }

    /** The control loop tells the supervisor when a run starts and when spin-up is over. */
    public void runStarted(long nowNanos) {
        runStartNanos = nowNanos;
        spunUp = false;
        deviationSinceNanos = Long.MIN_VALUE;
    }

    public void spunUp() {
        spunUp = true;
    }

    /** Returns the fault found this tick, or null. {@link #detail()} says more. */
    public FaultCode check(long nowNanos, PenState state) {
        if (drive.deadmanExpired()) {
            return fault(FaultCode.F08_DEADMAN, "the driver disabled itself");
        }
        if (positioner.limitViolated()) {
            return fault(FaultCode.F09_DEPTH_LIMIT, "collar command clamped to the limit");
        }
        double amps = sensors.motorCurrentAmps();
        if (amps > profile.motor().maxCurrentAmps()) {
            if (overcurrentSinceNanos == Long.MIN_VALUE) {
                overcurrentSinceNanos = nowNanos;
            } else if (nowNanos - overcurrentSinceNanos > OVERCURRENT_NANOS) {
                return fault(FaultCode.F05_OVERCURRENT, String.format(java.util.Locale.ROOT, "%.2f A", amps));
            }
        } else {
            overcurrentSinceNanos = Long.MIN_VALUE;
        }
        if (sensors.handpieceCelsius() >= CUTOFF_CELSIUS) {
            return fault(FaultCode.F06_OVERTEMPERATURE,
                    String.format(java.util.Locale.ROOT, "%.1f °C", sensors.handpieceCelsius()));
        }
        if (state == PenState.RUNNING) {
            return checkRunning(nowNanos);
        }
        if (state == PenState.CALIBRATING && !cartridge.isPresent()) {
            return fault(FaultCode.F07_CARTRIDGE_REMOVED, "cartridge switch open while calibrating");
        }
        return null;
    }

    private FaultCode checkRunning(long nowNanos) {
        if (!cartridge.isPresent()) {
            return fault(FaultCode.F07_CARTRIDGE_REMOVED, "cartridge switch open");
        }
        double rate = drive.measuredRateHz(nowNanos);
        if (rate > OVERSPEED_FACTOR * profile.rate().maxHz()) {
            return fault(FaultCode.F03_OVERSPEED, String.format(java.util.Locale.ROOT, "%.1f Hz", rate));
        }
        long sinceStart = nowNanos - runStartNanos;
        if (sinceStart > START_GRACE_NANOS && drive.dutyFraction() > 0.0) {
            long lastEdge = drive.hasEdge() ? drive.lastEdgeNanos() : runStartNanos;
            long bound = Math.max(NO_INDEX_MIN_NANOS, (long) (4e9 / Math.max(drive.setRateHz(), 1.0)));
            if (nowNanos - lastEdge > bound) {
                return fault(FaultCode.F02_NO_INDEX, "no index pulse for " + (nowNanos - lastEdge) / 1_000_000 + " ms");
            }
        }
        if (spunUp) {
            double set = drive.setRateHz();
            if (Math.abs(rate - set) > DEVIATION_FRACTION * set) {
                if (deviationSinceNanos == Long.MIN_VALUE) {
                    deviationSinceNanos = nowNanos;
                } else if (nowNanos - deviationSinceNanos > DEVIATION_NANOS) {
                    return fault(FaultCode.F04_RATE_DEVIATION,
                            String.format(java.util.Locale.ROOT, "%.1f Hz against %.1f Hz set", rate, set));
                }
            } else {
                deviationSinceNanos = Long.MIN_VALUE;
            }
        }
        return null;
    }

    private FaultCode fault(FaultCode code, String why) {
        detail = why;
        return code;
    }

    public String detail() {
        return detail;
    }
}
