package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The carrier's return spring fatigued or fractured (H34), seen in the motor current. Each
 * revolution the cam lifts the carrier against its spring and the spring gives the work back on the
 * way down: the shaft slows and speeds up by {@code dE / (J w)}, and the current swings with it by
 * {@code kt dw / R}. A spring that no longer pulls the carrier onto the cam (the carrier leaves the
 * cam and the tips fly past the set depth, H16) takes that swing with it. The firmware cannot see
 * the carrier; it sees the current.
 *
 * <p>While running, spun up and turning, the readings' standard deviation over {@value #BLOCK}
 * ticks, less the monitor's own noise ({@value #NOISE_AMPS} A rms, the part's), times the measured
 * rate (the swing falls as the rate rises), is compared with the swing the profile's spring makes:
 * {@code kt dE / (2 pi R20 J)} with {@code dE} the spring's mean force times the stroke. Normal
 * operation's worst case is 0.12 of it (the compact profile at 40 Hz in air; 0.14 on the sim
 * profile, the most at 150 Hz in air, more on skin); a spring at 10 % of its force reads at most
 * 0.045 of it (the sim profile at 150 Hz in air, mostly the monitor's noise). {@value #FRACTION} of
 * it in {@value #BLOCKS} blocks running is F25: about 1.5 times below the weakest healthy reading and
 * 1.8 times above the broken spring's. A dead current monitor reads no swing either; it is F26 first
 * (three 32-tick blocks against these three of 64). A comparison that is not a number faults.
 */
public final class SpringCheck implements SafetyCheck {

    static final int BLOCK = 64;
    static final int BLOCKS = 3;
    static final double NOISE_AMPS = 0.010;
    static final double FRACTION = 0.08;
    static final double TURNING_HZ = 20.0;

    private final SafetyInputs in;
    private final double lineAmpHz;
    private boolean spunUp;
    private double sum;
    private double sumSquares;
    private int count;
    private int weakBlocks;
    private double swingAmpHz;

    public SpringCheck(SafetyInputs in) {
        this.in = in;
        var p = in.profile();
        var cam = p.cam();
        double strokeM = cam.strokeMm() / 1000.0;
        double meanForceN = cam.springPreloadN() + cam.springRateNPerMm() * 1000.0 * strokeM / 2.0;
        double workJ = meanForceN * strokeM;
        var m = p.motor();
        this.lineAmpHz = FRACTION * m.torqueConstantNmPerA() * workJ
                / (2.0 * Math.PI * m.resistanceOhm20C() * m.inertiaKgM2());
    }

    @Override
    public void runStarted(long nowNanos) {
        spunUp = false;
        reset();
    }

    @Override
    public void spunUp() {
        spunUp = true;
    }

    private void reset() {
        sum = 0.0;
        sumSquares = 0.0;
        count = 0;
        weakBlocks = 0;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        double rateHz = in.drive().measuredRateHz(nowNanos);
        if (state != PenState.RUNNING || !spunUp || !(rateHz >= TURNING_HZ)) {
            reset();
            return null;
        }
        double amps = in.sensors().motorCurrentAmps();
        sum += amps;
        sumSquares += amps * amps;
        if (++count < BLOCK) {
            return null;
        }
        double mean = sum / BLOCK;
        double variance = sumSquares / BLOCK - mean * mean - NOISE_AMPS * NOISE_AMPS;
        swingAmpHz = Math.sqrt(Math.max(0.0, variance)) * rateHz;
        sum = 0.0;
        sumSquares = 0.0;
        count = 0;
        // written so that a swing that is not a number counts as gone
        weakBlocks = swingAmpHz >= lineAmpHz ? 0 : weakBlocks + 1;
        return weakBlocks >= BLOCKS ? FaultCode.F25_SPRING_FAILED : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "current swing %.2f A Hz, the spring's least %.2f A Hz", swingAmpHz, lineAmpHz);
    }
}
