package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * A run that has not spun up within {@value #BOUND_MILLIS} ms of its start, or of the last set rate
 * the drive was given before it spun up: F35. {@link RateDeviationCheck} judges the rate only after
 * spin-up, so a drive that cannot reach the set rate (a 36-pin cartridge on skin at 150 Hz at the
 * lowest supply with a worn cam follower, H52) would otherwise stroke on below it with no check ever
 * judging it. Once the run has spun up, rate changes are {@link RateDeviationCheck}'s (its 10 % for
 * 1 s). The bound: the soft start reaches the profile's top rate in 250 ms (600 Hz/s) and spin-up
 * then needs 100 ms within 1 % (docs/safety.md H52); the slowest healthy spin-up at the tuning's bounds is 1.3 s (the
 * integral gain at its lowest, the 36-pin load) and spin-up's own hold may be set to 1 s, so 3 s.
 * Not drive-suspect: the drive obeys, it is too weak for the load; it parks.
 */
public final class SpinUpBoundCheck implements SafetyCheck {

    static final long BOUND_MILLIS = 3_000;
    static final long BOUND_NANOS = BOUND_MILLIS * 1_000_000L;

    private final SafetyInputs in;
    private boolean running;
    private boolean spunUp;
    private long sinceNanos;
    private double setHz;
    private double measuredHz;

    public SpinUpBoundCheck(SafetyInputs in) {
        this.in = in;
    }

    @Override
    public void runStarted(long nowNanos) {
        running = true;
        spunUp = false;
        sinceNanos = nowNanos;
        setHz = in.drive().setRateHz();
    }

    @Override
    public void spunUp() {
        spunUp = true;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (state != PenState.RUNNING || !running || spunUp) {
            return null;
        }
        double set = in.drive().setRateHz();
        if (set != setHz) {
            // a new set rate before spin-up: its own soft climb, its own bound
            setHz = set;
            sinceNanos = nowNanos;
        }
        measuredHz = in.drive().measuredRateHz(nowNanos);
        return nowNanos - sinceNanos > BOUND_NANOS ? FaultCode.F35_SPIN_UP_TOO_LONG : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "not at %.1f Hz within %d ms: %.1f Hz measured", setHz, BOUND_MILLIS,
                measuredHz);
    }
}
