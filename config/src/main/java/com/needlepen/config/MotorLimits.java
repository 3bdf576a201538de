package com.needlepen.config;

/**
 * Closed-form limits of the stroke drive under a profile's worst case: minimum supply voltage,
 * the highest PWM duty the firmware uses, the winding at its hottest (highest resistance), brush
 * and viscous friction, and the skin load of a cartridge at a depth.
 *
 * <p>In steady state the motor torque {@code kt (V d - ke w) / R} equals the load
 * {@code Tf + b w + Tskin}, and since {@code kt = ke} in SI units this is linear in {@code w}:
 * {@code w = (kt V d / R - Tf - Tskin) / (kt^2 / R + b)}. docs/mechanics.md works it through.
 */
public final class MotorLimits {

    private final DeviceProfile profile;

    MotorLimits(DeviceProfile profile) {
        this.profile = profile;
    }

    /** Mean skin torque over a revolution, N m: insertion plus withdrawal work per revolution over 2 pi. */
    public double skinTorqueNm(double depthMm, int needles) {
        if (depthMm <= 0 || needles <= 0) {
            return 0.0;
        }
        SkinSpec skin = profile.skin();
        double workPerRevJ = needles * skin.insertionForcePerNeedleN() * (depthMm / 1000.0)
                * (1.0 + skin.withdrawalFraction());
        return workPerRevJ / (2.0 * Math.PI);
    }

    /**
     * The most the cam follower presses on the cam on average over a revolution, N, of any cartridge the
     * profile allows at its deepest on skin: the spring at its mean lift (preload plus rate times half the
     * stroke), plus the needles' insertion force over the share of the revolution in which the tips go
     * into the skin. The carrier's inertia adds and takes away equally over a revolution; the skin's hold
     * on withdrawal, which lightens the contact, is left out (more force: more heat counted).
     */
    public double followerContactForceN() {
        CamSpec cam = profile.cam();
        double spring = cam.springPreloadN() + cam.springRateNPerMm() * cam.strokeMm() / 2.0;
        double skin = 0.0;
        for (CartridgeType c : profile.cartridges()) {
            skin = Math.max(skin, c.needles() * profile.skin().insertionForcePerNeedleN()
                    * insertionShare(Math.min(c.maxDepthMm(), profile.depth().maxMm())));
        }
        return spring + skin;
    }

    /**
     * The share of a revolution in which the tips, set to {@code depthMm}, are going into the skin: the lift
     * {@code e (1 - cos θ)} passes the recess {@code stroke - depth} at {@code cos θ0 = depth / e - 1} and the
     * tips rise from there to the top at π.
     */
    double insertionShare(double depthMm) {
        double e = profile.cam().strokeMm() / 2.0;
        if (depthMm <= 0.0) {
            return 0.0;
        }
        double cos = Math.max(-1.0, Math.min(1.0, depthMm / e - 1.0));
        return (Math.PI - Math.acos(cos)) / (2.0 * Math.PI);
    }

    /** The worst-case winding resistance, ohm. */
    public double hotResistanceOhm() {
        MotorSpec m = profile.motor();
        return m.resistanceOhmAt(m.maxWindingCelsius());
    }

    /**
     * The fastest stroke rate, Hz, the motor holds at {@code depthMm} with {@code needles} needles in
     * skin under the worst case; 0 if it cannot turn at all.
     */
    public double maxRateHz(double depthMm, int needles) {
        return rateHzAtDuty(profile.motor().maxDutyFraction(), skinTorqueNm(depthMm, needles));
    }

    /**
     * The slowest a drive stuck at full duty (a PWM line stuck high) runs with the pen off the
     * skin, Hz: minimum supply, hot winding. Any runaway turns at least this fast, so an overspeed
     * line below it is crossed by every runaway.
     */
    public double runawayRateHz() {
        return rateHzAtDuty(1.0, 0.0);
    }

    private double rateHzAtDuty(double duty, double skinTorqueNm) {
        MotorSpec m = profile.motor();
        double kt = m.torqueConstantNmPerA();
        double r = hotResistanceOhm();
        double drive = kt * profile.supply().minVolts() * duty / r;
        double load = m.frictionTorqueNm() + skinTorqueNm;
        double damping = kt * kt / r + m.viscousNmPerRadPerS();
        double omega = (drive - load) / damping;
        return Math.max(0.0, omega / (2.0 * Math.PI));
    }

    /** Motor torque still available at {@code rateHz} under the worst case (before any load), N m. */
    public double availableTorqueNm(double rateHz) {
        MotorSpec m = profile.motor();
        double kt = m.torqueConstantNmPerA();
        double omega = 2.0 * Math.PI * rateHz;
        return kt * (profile.supply().minVolts() * m.maxDutyFraction() - kt * omega) / hotResistanceOhm()
                - m.viscousNmPerRadPerS() * omega;
    }

    /** Force, N, the spring must exert at the top of the stroke to keep the carrier on the cam at {@code rateHz}. */
    public double springForceNeededN(double rateHz) {
        double omega = 2.0 * Math.PI * rateHz;
        return profile.cam().carrierMassKg() * profile.cam().eccentricityM() * omega * omega;
    }

    /** The highest rate at which the spring, with the profile's margin, keeps the carrier on the cam. */
    public double springLimitedRateHz() {
        CamSpec cam = profile.cam();
        double force = cam.springForceAtTopN() / cam.springMargin();
        return Math.sqrt(force / (cam.carrierMassKg() * cam.eccentricityM())) / (2.0 * Math.PI);
    }

    /** A one-line explanation of the worst case, for messages: "at 11.4 V under load". */
    public String worstCaseWords() {
        return String.format(java.util.Locale.ROOT, "at %.1f V under load", profile.supply().minVolts());
    }
}
