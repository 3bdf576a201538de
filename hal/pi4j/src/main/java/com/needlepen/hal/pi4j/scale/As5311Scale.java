package com.needlepen.hal.pi4j.scale;

import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.SpiChannel;
import java.util.function.LongSupplier;

/**
 * The collar's AS5311 magnetic linear encoder read over its SSI output (the A/B quadrature output goes to the stepper
 * driver's encoder input; this is the absolute reading within the pole pair).
 *
 * <p><b>Frame</b> (AS5311 datasheet, 7.3 Synchronous Serial Interface): 18 bits, MSB first: D11..D0, the absolute
 * position within the 2 mm pole pair in 4,096 steps (488 nm each), then OCF (offset compensation finished, must be 1),
 * COF (CORDIC overflow: the position is invalid), LIN (linearity alarm), MagINC, MagDEC (both set: the field is out of
 * the recommended range) and an even parity bit over the 18. CLK must be high when CSn falls (otherwise the chip sends
 * the field magnitude instead of the position), DO goes from tri-state to high when CSn falls, and each rising CLK
 * edge shifts out the next bit. Read with SPI mode 2 (clock idle high, sampled on the falling edge) at 1 MHz or less,
 * the first sampled bit is that leading high, before D11: the driver clocks 24 bits (three bytes), checks the leading
 * 1 (a DO nobody drives reads 0), takes the 18 after it and ignores the 5 after the parity bit.
 *
 * <p><b>Index and unwrapping.</b> Position 0 of the pole pair is the strip's index mark: {@link #indexPhaseSteps()} is
 * the reading folded into [-2,048, 2,048) counts, in collar microsteps at the nominal steps per mm.
 * {@link #positionSteps()} unwraps successive readings (each step taken as the shortest way round the pole pair), so it
 * needs a reading at least every half pole pair of travel (1 mm: 0.5 s at the collar's 2 mm/s); a gap between two
 * sound readings longer than {@code maxAgeNanos} loses the unwrapping's continuity, and the scale is not healthy until
 * {@link #zero(long)} (re-homing) redefines the position. The index phase needs no continuity: it is absolute.
 *
 * <p><b>Threading.</b> {@link #poll(long)} runs on the backend's service thread; the getters return volatiles;
 * {@link #zero(long)} and {@link #poll(long)} share a lock.
 */
public final class As5311Scale implements CollarScale {

    /** Positions per pole pair (12 bits). */
    public static final int COUNTS = 4096;
    /** The strip's pole pair, mm. */
    public static final double POLE_PAIR_MM = 2.0;
    private static final int HALF = COUNTS / 2;
    private static final int FRAME_BITS = 18;
    private static final int TRANSFER_BYTES = 3;

    private final SpiChannel ssi;
    private final double stepsPerCount;
    private final boolean countsIncreaseDeeper;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final byte[] tx = new byte[TRANSFER_BYTES];
    private final byte[] rx = new byte[TRANSFER_BYTES];
    private final Object lock = new Object();

    private volatile long indexPhaseSteps;
    private volatile long positionSteps;
    private volatile boolean frameSound;
    private volatile boolean continuityLost;
    private volatile long lastSoundNanos;

    // under lock
    private boolean haveReading;
    private int lastCounts;
    private long unwrappedCounts;
    private long zeroCounts;
    private long zeroSteps;

    /**
     * @param ssi                  the AS5311's CSn/CLK/DO on an SPI bus in mode 2, at most 1 MHz
     * @param stepsPerMm           the collar's nominal microsteps per mm
     * @param countsIncreaseDeeper whether the reading increases as the collar goes deeper (how the strip is mounted)
     * @param maxAgeNanos          how old the last sound reading may be for the scale to be healthy
     * @param nanoClock            the backend's monotonic clock, the same the polls are stamped with
     */
    public As5311Scale(SpiChannel ssi, double stepsPerMm, boolean countsIncreaseDeeper, long maxAgeNanos,
            LongSupplier nanoClock) {
        if (!(stepsPerMm > 0) || maxAgeNanos <= 0) {
            throw new IllegalArgumentException("AS5311 scale: stepsPerMm " + stepsPerMm + " and maxAgeNanos "
                    + maxAgeNanos + " must be above 0");
        }
        this.ssi = ssi;
        this.stepsPerCount = stepsPerMm * POLE_PAIR_MM / COUNTS;
        this.countsIncreaseDeeper = countsIncreaseDeeper;
        this.maxAgeNanos = maxAgeNanos;
        this.nanoClock = nanoClock;
    }

    @Override
    public void poll(long nowNanos) throws BusException {
        synchronized (lock) {
            frameSound = false;
            try {
                ssi.transfer(tx, rx, TRANSFER_BYTES);
            } catch (RuntimeException e) {
                throw new BusException("AS5311 transfer failed: " + e, e);
            }
            int raw = ((rx[0] & 0xFF) << 16) | ((rx[1] & 0xFF) << 8) | (rx[2] & 0xFF);
            if ((raw & (1 << 23)) == 0) {
                throw new BusException("AS5311 frame lacks its leading 1: DO is not driven (sensor absent or CSn open)");
            }
            int frame = (raw >>> (23 - FRAME_BITS)) & ((1 << FRAME_BITS) - 1);
            checkFrame(frame);
            int counts = frame >>> 6;
            if (!countsIncreaseDeeper) {
                counts = (COUNTS - counts) & (COUNTS - 1);
            }
            if (haveReading && nowNanos - lastSoundNanos > maxAgeNanos) {
                continuityLost = true; // the collar may have passed half a pole pair unseen
            }
            if (haveReading) {
                int delta = ((counts - lastCounts + HALF) & (COUNTS - 1)) - HALF;
                unwrappedCounts += delta;
            } else {
                unwrappedCounts = counts;
                zeroCounts = counts;
                haveReading = true;
            }
            lastCounts = counts;
            int phase = counts >= HALF ? counts - COUNTS : counts;
            indexPhaseSteps = Math.round(phase * stepsPerCount);
            positionSteps = zeroSteps + Math.round((unwrappedCounts - zeroCounts) * stepsPerCount);
            lastSoundNanos = nowNanos;
            frameSound = true;
        }
    }

    /** Throws when the frame's parity or the sensor's own status says its position cannot be used. */
    private static void checkFrame(int frame) throws BusException {
        if ((Integer.bitCount(frame) & 1) != 0) {
            throw new BusException(String.format("AS5311 frame 0x%05X fails its even parity", frame));
        }
        boolean ocf = (frame & (1 << 5)) != 0;
        boolean cof = (frame & (1 << 4)) != 0;
        boolean lin = (frame & (1 << 3)) != 0;
        boolean magInc = (frame & (1 << 2)) != 0;
        boolean magDec = (frame & (1 << 1)) != 0;
        if (!ocf || cof || lin || (magInc && magDec)) {
            throw new BusException(String.format("AS5311 status OCF %d COF %d LIN %d MagINC %d MagDEC %d: the position "
                    + "is not valid (allowed: OCF 1, COF 0, LIN 0, not both Mag bits)", ocf ? 1 : 0, cof ? 1 : 0,
                    lin ? 1 : 0, magInc ? 1 : 0, magDec ? 1 : 0));
        }
    }

    @Override
    public long indexPhaseSteps() {
        return indexPhaseSteps;
    }

    @Override
    public long positionSteps() {
        return positionSteps;
    }

    @Override
    public void zero(long steps) {
        synchronized (lock) {
            zeroSteps = steps;
            zeroCounts = unwrappedCounts;
            positionSteps = steps;
            continuityLost = false;
        }
    }

    @Override
    public boolean healthy() {
        long age = nanoClock.getAsLong() - lastSoundNanos;
        return frameSound && !continuityLost && age <= maxAgeNanos;
    }
}
