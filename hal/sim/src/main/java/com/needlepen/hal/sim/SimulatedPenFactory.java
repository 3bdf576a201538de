package com.needlepen.hal.sim;

import com.needlepen.config.DeviceProfile;
import com.needlepen.hal.HandpieceId;
import java.util.SplittableRandom;

/**
 * Builds a simulated pen from a device profile: the profile's nominal figures, plus the
 * manufacturing imperfections a real unit has (collar scale error, home switch offset, lead-screw
 * error, backlash). Those are drawn from the unit's serial (by default the profile's device id),
 * so the same device is the same pen every time it is started, as a calibration needs; the run
 * seed draws only the noise of one run (index jitter, gauge, switch repeatability).
 */
public final class SimulatedPenFactory {

    /** The simulated UTC at virtual time zero: fixed, so summaries do not depend on the wall clock. */
    public static final long SIM_EPOCH_MILLIS = 1_798_761_600_000L; // 2027-01-01T00:00:00Z

    private SimulatedPenFactory() {
    }

    /** Standard deviation of the simulated max-hold depth gauge. */
    public static final double GAUGE_SIGMA_MM = 0.003;
    /** The hardware enable timer's period: longer than the dead-man, so it is the last line, not the first. */
    public static final long ENABLE_TIMER_NANOS = 100_000_000L;
    /** Standard deviation of where the home switch closes (a good micro switch). */
    public static final double SWITCH_REPEAT_MM = 0.0015;

    /**
     * The handpiece's heat (docs/mechanics.md, "Thermal"): a 25 °C room, a 34 °C hand on the grip; the
     * winding's copper (1.25 J/K, 8 K/W to the nose), the nose (12 J/K: motor can, cam, bearing block; 80 K/W
     * to the air, 15 K/W along the shell to the grip), the grip (18 J/K; 30 K/W to the air, 8 K/W to the
     * hand through a glove), a thermistor with a 5 s lag, a 0.2 mH winding on a 40 kHz bridge.
     */
    public static final SimParameters.Thermal THERMAL = new SimParameters.Thermal(25.0, 34.0, 1.25, 8.0, 12.0, 80.0,
            15.0, 18.0, 30.0, 8.0, 5.0, 2.0e-4, 40_000.0);

    public static SimParameters parameters(DeviceProfile profile, int needleCount, long seed) {
        return parameters(profile, needleCount, profile.telemetry().deviceId(), seed);
    }

    public static SimParameters parameters(DeviceProfile profile, int needleCount, String unitSerial, long seed) {
        SplittableRandom random = new SplittableRandom(unitSeed(unitSerial));
        var m = profile.motor();
        var motor = new SimParameters.Motor(m.torqueConstantNmPerA(), m.resistanceOhm20C(), m.inertiaKgM2(),
                m.frictionTorqueNm(), 1.2 * m.frictionTorqueNm(), m.viscousNmPerRadPerS(),
                m.deadmanMillis() * 1_000_000L, ENABLE_TIMER_NANOS);
        var c = profile.cam();
        var cam = new SimParameters.Cam(c.strokeMm(), c.carrierMassKg(), c.springPreloadN(), c.springRateNPerMm());
        var skin = new SimParameters.Skin(profile.skin().insertionForcePerNeedleN(), profile.skin().withdrawalFraction(),
                needleCount);
        var index = new SimParameters.Index(10.0, 40_000L, 20_000L, 0.002, 2_000_000L);
        var k = profile.collar();
        // a unit anywhere within the profile's tolerances, up to their limits (never kinder than the spec)
        double scaleError = (random.nextBoolean() ? 1 : -1) * k.scaleTolerance() * (0.4 + 0.6 * random.nextDouble());
        double homeSwitchDepth = k.homeDepthMm() + (random.nextDouble() - 0.5) * 2.0 * k.homeSwitchToleranceMm();
        double leadMm = 200.0 * 8.0 / k.stepsPerMm();
        var collar = new SimParameters.Collar(k.stepsPerMm(), scaleError, homeSwitchDepth, 0.01, leadMm,
                2.0 * Math.PI * random.nextDouble(), 0.03, homeSwitchDepth - 0.2, k.absoluteMaxDepthMm(),
                0.3 + 0.9 * random.nextDouble(), SWITCH_REPEAT_MM);
        var thermal = THERMAL;
        return new SimParameters(motor, cam, skin, index, collar, thermal, profile.supply().nominalVolts(),
                10_000L, GAUGE_SIGMA_MM, seed);
    }

    /**
     * A unit at the deep edge of the profile's collar tolerances: its collar travels
     * {@code collar.scaleTolerance} long and its home switch closes {@code collar.homeSwitchToleranceMm}
     * deep, so at a nominal depth it goes as far as any unit can. The profile rules promise that even
     * this unit never reaches the hard stop at the deepest selectable depth.
     */
    public static SimPen createDeepestUnit(DeviceProfile profile, int needleCount, long seed) {
        SimParameters p = parameters(profile, needleCount, seed);
        var c = p.collar();
        var k = profile.collar();
        double homeSwitchDepth = k.homeDepthMm() + k.homeSwitchToleranceMm();
        var deepest = new SimParameters.Collar(c.stepsPerMmNominal(), k.scaleTolerance(), homeSwitchDepth,
                c.leadErrorAmplitudeMm(), c.leadMm(), c.leadErrorPhaseRad(), c.backlashMm(), homeSwitchDepth - 0.2,
                c.deepStopMm(), c.initialDepthMm(), c.switchRepeatMm());
        return new SimPen(new SimParameters(p.motor(), p.cam(), p.skin(), p.index(), deepest, p.thermal(),
                p.supplyVolts(), p.substepNanos(), p.gaugeSigmaMm(), p.seed()), SIM_EPOCH_MILLIS);
    }

    /** The unit's serial hashed: the seed of its imperfections, and of its identity EEPROM's id ({@link SimHandpiece}). */
    static long unitSeed(String unitSerial) {
        long h = 0xCBF29CE484222325L; // FNV-1a: stable across JVMs, unlike String.hashCode's contract
        for (int i = 0; i < unitSerial.length(); i++) {
            h ^= unitSerial.charAt(i);
            h *= 0x100000001B3L;
        }
        return h;
    }

    /**
     * The same unit after its home switch has moved {@code mm} deeper (negative: shallower), as a
     * knocked or worn switch does: the collar's zero moves with it, so every true depth is
     * {@code mm} off what the unit's calibration says. For rehearsing a failed verification.
     */
    public static SimParameters homeSwitchMoved(SimParameters p, double mm) {
        var c = p.collar();
        var moved = new SimParameters.Collar(c.stepsPerMmNominal(), c.scaleError(), c.homeSwitchDepthMm() + mm,
                c.leadErrorAmplitudeMm(), c.leadMm(), c.leadErrorPhaseRad(), c.backlashMm(), c.shallowStopMm(),
                c.deepStopMm(), c.initialDepthMm(), c.switchRepeatMm());
        return new SimParameters(p.motor(), p.cam(), p.skin(), p.index(), moved, p.thermal(), p.supplyVolts(),
                p.substepNanos(), p.gaugeSigmaMm(), p.seed());
    }

    public static SimPen create(DeviceProfile profile, int needleCount, long seed) {
        return new SimPen(parameters(profile, needleCount, seed), SIM_EPOCH_MILLIS,
                handpieceIdOf(profile.telemetry().deviceId()));
    }

    /**
     * A pen whose clock reads {@code utcEpochMillis} at power-on: the command line starts it at the
     * computer's time, so the records it leaves in a data directory (sessions, the cartridge ledger)
     * carry true dates; tests keep the fixed {@link #SIM_EPOCH_MILLIS}.
     */
    public static SimPen create(DeviceProfile profile, int needleCount, long seed, long utcEpochMillis) {
        return new SimPen(parameters(profile, needleCount, seed), utcEpochMillis,
                handpieceIdOf(profile.telemetry().deviceId()));
    }

    public static SimPen create(DeviceProfile profile, int needleCount, String unitSerial, long seed) {
        return new SimPen(parameters(profile, needleCount, unitSerial, seed), SIM_EPOCH_MILLIS, handpieceIdOf(unitSerial));
    }

    /**
     * The identity EEPROM's id of the simulated unit {@code unitSerial}: each unit its own, the same
     * every time (a calibration made on it is bound to this id).
     */
    public static HandpieceId handpieceIdOf(String unitSerial) {
        return SimHandpiece.idOfUnit(unitSerial);
    }
}
