package com.needlepen.firmware.safety;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.session.Session;
import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * H53, a drive that drags: F36. The applied part's estimate ({@code NoseTemperature}) counts the heat of
 * the motor's rated friction and of the cam follower at its rating (a roller on a needle bearing,
 * {@code thermal.followerFrictionMax}). A roller that seizes slides on the cam: with the spring's 4 to 6 N of
 * contact that is 1 to 3 W at the nose at 150 Hz, which the estimate does not count and the grip's thermistor
 * sees minutes late (the nose passes 43 °C within a minute in a 40 °C room). The torque shows it at once: once
 * the run has spun up, each {@value #WINDOW_MILLIS} ms the drive's mean torque per radian is compared with what
 * a sound handpiece needs at the mean measured rate, at most:
 *
 * <pre>  T_f + b ω + follower at its rating + the cartridge's skin work at the collar's depth (MotorLimits)</pre>
 *
 * The mean torque per radian is the mean mechanical power over the mean speed: {@code Σ I (V d − I R) / Σ ω},
 * with {@code I} the monitor's signed reading less its zero, {@code V d} the bridge's mean voltage (it conducts
 * continuously), {@code R} the winding's at its running estimate ({@code WindingEstimate}, never cooler than the
 * winding: the power, if anything, low) and {@code ω} the index's rate. Not the mean of {@code k I} over time:
 * the shaft is slow where the cam's spring resists it and fast where the spring gives the energy back, so the
 * spring's torque averages to more than nothing over time though to nothing over a revolution (a 12-pin at
 * 0.25 mm and 50 Hz: 0.90 mN m over time against 0.56 per radian, its losses); nor of the reading's
 * magnitude, which counts the current the spring sends back as torque too.
 *
 * <p>The margin is for the motor's and the current monitor's tolerances ({@value #MARGIN_NM} N m and
 * {@value #MARGIN_FRACTION} of the torque). Over it for {@value #WINDOWS} windows in a row: F36. Judged from
 * spin-up on (a soft start's acceleration is torque too), whatever the set rate does after it: a rate raised
 * while running accelerates the rotor for at most one window's part (the steepest, 50 to 150 Hz at the soft
 * start's 600 Hz/s, puts 0.1 J into the sim's rotor, about 0.25 mN m over a 500 ms window, under the margin, and
 * two windows in a row must be over), and one lowered gives energy back (reads low); a check restarted by
 * every set rate would be kept from judging by a practitioner changing the rate every second. The skin work
 * is counted whether or not the pen is on skin (the firmware cannot tell), so in air a drag up to the skin's
 * share hides; on skin, where the heat matters, it shows. A drag under the margin is not found; its heat is
 * within the estimate's own margins (docs/safety.md H53, measured). Not drive-suspect: the drive obeys; it
 * brakes and parks.
 */
public final class DragCheck implements SafetyCheck {

    public static final long WINDOW_MILLIS = 500;
    private static final long WINDOW_NANOS = WINDOW_MILLIS * 1_000_000L;
    public static final int WINDOWS = 2;
    static final double MARGIN_NM = 3e-4;
    static final double MARGIN_FRACTION = 0.10;

    private final SafetyInputs in;
    private final double frictionNm;
    private final double viscous;
    private final double followerNm;
    private final double hotOhm;
    private final com.needlepen.config.MotorLimits limits;

    private boolean judging;
    private long windowStartNanos;
    private double sumWatts;
    private double sumOmega;
    private int samples;
    private int over;
    private double measuredNm;
    private double allowedNm;
    private double rateHz;

    public DragCheck(SafetyInputs in) {
        this.in = in;
        DeviceProfile profile = in.profile();
        this.limits = profile.motorLimits();
        var m = profile.motor();
        this.frictionNm = m.frictionTorqueNm();
        this.viscous = m.viscousNmPerRadPerS();
        this.followerNm = profile.thermal().followerTorqueNm(limits.followerContactForceN());
        this.hotOhm = limits.hotResistanceOhm();
    }

    @Override
    public void runStarted(long nowNanos) {
        judging = false;
        over = 0;
    }

    @Override
    public void spunUp() {
        judging = true;
        samples = 0;
        over = 0;
        windowStartNanos = Long.MIN_VALUE;
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        if (state != PenState.RUNNING || !judging) {
            judging = false;
            return null;
        }
        if (windowStartNanos == Long.MIN_VALUE) {
            startWindow(nowNanos);
            return null;
        }
        var drive = in.drive();
        double amps = drive.currentSignedAmps() - drive.currentOffsetAmps();
        double ohms = drive.windingEstimate().ohms();
        // before the winding's first measurement, its hottest: the power, if anything, low
        double r = ohms > 0.0 ? ohms : hotOhm;
        double backEmfVolts = in.sensors().supplyVolts() * drive.dutyFraction() - amps * r;
        sumWatts += amps * backEmfVolts;
        sumOmega += 2.0 * Math.PI * drive.measuredRateHz(nowNanos);
        samples++;
        if (nowNanos - windowStartNanos < WINDOW_NANOS) {
            return null;
        }
        judge();
        startWindow(nowNanos);
        return over >= WINDOWS ? FaultCode.F36_DRIVE_DRAGS : null;
    }

    private void judge() {
        double omega = sumOmega / samples;
        rateHz = omega / (2.0 * Math.PI);
        if (!(sumOmega > 0.0)) {
            // no speed measured over a window of a spun-up run: a still shaft or a blind index, the stall and the
            // index checks' to judge; no torque per radian to judge here
            measuredNm = Double.NaN;
            return;
        }
        measuredNm = sumWatts / sumOmega;
        Session session = in.sessions().current();
        int needles = session == null ? 0 : session.needles();
        double skinNm = limits.skinTorqueNm(in.positioner().collarDepthMm(), needles);
        double soundNm = frictionNm + viscous * omega + followerNm + skinNm;
        allowedNm = soundNm + MARGIN_NM + MARGIN_FRACTION * soundNm;
        // a reading that is not a number is not a sound drive's
        boolean sound = measuredNm <= allowedNm;
        over = sound ? 0 : over + 1;
    }

    private void startWindow(long nowNanos) {
        windowStartNanos = nowNanos;
        sumWatts = 0.0;
        sumOmega = 0.0;
        samples = 0;
    }

    @Override
    public String detail() {
        return String.format(Locale.ROOT, "%.2f mN m at %.1f Hz, a sound drive needs at most %.2f mN m with its margin",
                measuredNm * 1e3, rateHz, allowedNm * 1e3);
    }
}
