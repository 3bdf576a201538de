package com.needlepen.tools.calibration;

import com.needlepen.hal.Clock;

/**
 * The computer's own clock, for records that outlive the process: calibrations and their
 * verifications. Never the simulated pen's virtual clock, whose UTC is a fixed epoch (2027-01-01)
 * plus virtual time: every calibration would be dated the same instant of a year that has not
 * come, and a shorter one would look older than the one before it.
 *
 * <p>It says it is not synchronised: the tool cannot tell whether the host runs NTP, and an
 * unsynchronised clock's dates are not used to age a calibration.
 */
public final class WallClock implements Clock {

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long utcEpochMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public boolean utcSynchronised() {
        return false;
    }
}
