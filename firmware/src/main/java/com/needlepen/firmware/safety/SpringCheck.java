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
 * <p>While running and turning ({@value #TURNING_HZ} Hz or more measured), the readings' spread over
 * {@value #BLOCK} ticks about the straight line that fits them best (so a rate that ramps up or
 * down, the current of the acceleration with it, adds nothing), less the monitor's own noise
 * ({@value #NOISE_AMPS} A rms, the part's), times the block's mean measured rate (the swing falls as
 * the rate rises), is compared with the swing the profile's spring makes: {@code kt dE / (2 pi R20 J)} with
 * {@code dE} the spring's mean force times the stroke. Normal operation's worst case is 0.12 of it
 * (the compact profile at 40 Hz in air; 0.14 on the sim profile, the most at 150 Hz in air, more on
 * skin); a spring at 10 % of its force reads at most 0.045 of it (the sim profile at 150 Hz in air,
 * mostly the monitor's noise). {@value #BLOCKS} blocks below {@value #FRACTION} of it is F25:
 * about 1.5 times below the weakest healthy reading and 1.8 times above the broken spring's. A dead
 * current monitor reads no swing either; it is F26 first (three 32-tick blocks against these three
 * of 64). A comparison that is not a number faults.
 *
 * <p>It judges from the run's first measured rate, not after spin-up: the safety property found
 * that a practitioner who keeps changing the rate (each change a new spin-up) kept a check that
 * waited for spin-up blind for as long as they did. A rate change can only add to a block's spread
 * (the line takes out a ramp; a step in the current adds to it), never make a sound spring look
 * broken: a block below the line counts whenever it comes, and only a steady block above it (the
 * set rate unchanged in it, its rate within {@value #STEADY_SPREAD} of its mean) clears the count, so
 * a transient delays F25 by the blocks it spoils but never starts it over. While running the set rate
 * reaches the drive at most every 250 ms ({@code Treatment.RATE_SPACING_NANOS}), which leaves blocks
 * to judge between changes however often they are asked for: a spring broken before a run was F25
 * 280 to 410 ms after the start with the rate changed every 60 to 250 ms (SpringRateChangeTest).
 */
public final class SpringCheck implements SafetyCheck {

    static final int BLOCK = 64;
    static final int BLOCKS = 3;
    static final double NOISE_AMPS = 0.010;
    static final double FRACTION = 0.08;
    static final double TURNING_HZ = 20.0;
    static final double STEADY_SPREAD = 0.15;
    /** The mean of the sample indices 0 to BLOCK - 1, and the sum of their squared deviations from it. */
    private static final double INDEX_MEAN = (BLOCK - 1) / 2.0;
    private static final double INDEX_SQUARES = BLOCK * (BLOCK * (double) BLOCK - 1.0) / 12.0;

    private final SafetyInputs in;
    private final double lineAmpHz;
    private double sum;
    private double sumSquares;
    /** The sums of the block's sample index and of index times reading, for the line through the block. */
    private double sumIndexReading;
    private int count;
    private int weakBlocks;
    private double rateSum;
    private double rateMin;
    private double rateMax;
    private double blockSetHz;
    private boolean setChanged;
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
        reset();
    }

    private void reset() {
        clearBlock();
        weakBlocks = 0;
    }

    private void clearBlock() {
        sum = 0.0;
        sumSquares = 0.0;
        sumIndexReading = 0.0;
        rateSum = 0.0;
        rateMin = Double.POSITIVE_INFINITY;
        rateMax = 0.0;
        setChanged = false;
        count = 0;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        double rateHz = in.drive().measuredRateHz(nowNanos);
        if (state != PenState.RUNNING || !(rateHz >= TURNING_HZ)) {
            reset();
            return null;
        }
        double amps = in.sensors().motorCurrentAmps();
        double setHz = in.drive().setRateHz();
        if (count == 0) {
            blockSetHz = setHz;
        }
        setChanged |= Double.compare(setHz, blockSetHz) != 0;
        sum += amps;
        sumSquares += amps * amps;
        sumIndexReading += count * amps;
        rateSum += rateHz;
        rateMin = Math.min(rateMin, rateHz);
        rateMax = Math.max(rateMax, rateHz);
        if (++count < BLOCK) {
            return null;
        }
        double mean = sum / BLOCK;
        // the spread about the block's least-squares line: the variance less the part the line explains
        double slope = (sumIndexReading - INDEX_MEAN * sum) / INDEX_SQUARES;
        double variance = sumSquares / BLOCK - mean * mean - slope * slope * INDEX_SQUARES / BLOCK
                - NOISE_AMPS * NOISE_AMPS;
        double blockRateHz = rateSum / BLOCK;
        swingAmpHz = Math.sqrt(Math.max(0.0, variance)) * blockRateHz;
        // a block the set rate changed in, or whose rate swept more than STEADY_SPREAD of its mean, is a
        // transient: its spread is the transient's as much as the spring's, so it may not clear the count (a rate
        // changed again and again would keep the check blind); below the line it still adds to it, as it only adds to the spread
        boolean steady = !setChanged && rateMax - rateMin <= STEADY_SPREAD * blockRateHz;
        clearBlock();
        // written so that a swing that is not a number counts as gone
        if (!(swingAmpHz >= lineAmpHz)) {
            weakBlocks++;
        } else if (steady) {
            weakBlocks = 0;
        }
        return weakBlocks >= BLOCKS ? FaultCode.F25_SPRING_FAILED : null;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "current swing %.2f A Hz, the spring's least %.2f A Hz", swingAmpHz, lineAmpHz);
    }
}
