package com.needlepen.firmware.drive;

import com.needlepen.config.TuningSpec;

/**
 * Parks the cam at its lowest point (index active: needles hidden) after the drive has braked.
 *
 * <p>Braking shorts the windings; the spring then turns the cam back towards its lowest point. It
 * does not always get there: brush friction holds a cam stopped within a few degrees of its top
 * (tips out); the cam follower's friction (H51) holds a cam wherever the spring's torque no longer
 * beats it: a few degrees from its lowest point for the roller as built, up to 23° either side for a
 * seized roller sliding on the cam, outside the index's ±10° window; and a broken spring (H34) brings it
 * nowhere. So: wait until the braking
 * current says the shaft is still; if the index is active, the cam is parked. Otherwise:
 *
 * <ul>
 *   <li><em>creep</em>: drive forward at the duty that makes {@value #CREEP_TORQUE_NM} N m on a held
 *       shaft with a hot winding (twice what the worn follower's friction less the spring's help needs
 *       at the edge of the index window, 1.0 mN m on the sim pen, and under a third of the spring's
 *       peak, so the cam crawls), until the index reads active, and brake there: the braked rotor and
 *       the friction stop it inside the window. A spring-less cam crawls all the way round;</li>
 *   <li>a creep that stalls (on the rising side of the friction band, or under the skin's load on the
 *       tips) or outlasts {@value #CREEP_MILLIS} ms is braked, and the next move is a <em>kick</em>: a
 *       drive from the profile's nudge duty whose duty rises while the current says the shaft is held,
 *       ended once the cam is over its top (its current below half its peak after the profile's nudge
 *       length, or its back-EMF above {@value #KICK_OVER_RAD_PER_S} rad/s), at the index, or after
 *       {@value #KICK_MAX_MILLIS} ms; braked, the spring brings the cam down the falling side, from
 *       where the next creep reaches the index.</li>
 * </ul>
 *
 * A kick is a stroke, so it is made only while the index is known to answer: after a run
 * ({@link #startAfterRun}), or once an edge has come in this parking; otherwise (at power-on, in HOMING
 * after a fault, behind a dead sensor) parking only creeps, and fails at its timeout if that does not
 * find the index. The driver is forward-only: a cam held on the rising side cannot be backed into its window, so it
 * makes one more, slow stroke (docs/safety.md H51). Parking fails after {@code TIMEOUT_NANOS} (1 s).
 * How long to brake, and the nudge's duty and length, are the profile's ({@code tuning.parking}).
 */
public final class CamParker {

    public enum Result { BUSY, PARKED, FAILED }

    /** What the parker is doing: braked and waiting for stillness, creeping to the index, or kicking. */
    enum Phase { BRAKE, CREEP, KICK }

    /**
     * Nudges before the parker of before H51 gives up ({@code creeping} false). The creeping parker is
     * bounded by its timeout alone: a creep and a kick take at least 100 ms, so it makes at most ten.
     */
    static final int MAX_NUDGES = 12;
    /** The creep's torque on a held shaft with a hot winding, N m. */
    static final double CREEP_TORQUE_NM = 0.002;
    /**
     * A creep whose back-EMF has said the shaft stands (below {@value #CREEP_STALL_RAD_PER_S} rad/s) for
     * {@value #CREEP_STALL_MILLIS} ms on end is held on a rising side it cannot climb. Longer than the
     * rotor's start (its mechanical time constant, 6 ms on the sim motor); judged on the mean of the last
     * 8 readings, which at the creep's start still holds the brake's (read as a fast shaft, so not stalled).
     */
    static final long CREEP_STALL_MILLIS = 20;
    private static final long CREEP_STALL_NANOS = CREEP_STALL_MILLIS * 1_000_000L;
    /** Below this the back-EMF (the winding as last measured) says the creeping shaft stands: under a turn a second. */
    static final double CREEP_STALL_RAD_PER_S = 5.0;
    /**
     * A creep that has not reached the index in this long is braked and followed by a kick (a hot winding
     * reads a held shaft as turning a little, so the stall above may not show): a full turn at the creep's
     * slowest, a spring-less cam's, about 30 rad/s, takes 210 ms.
     */
    static final long CREEP_MILLIS = 300;
    private static final long CREEP_NANOS = CREEP_MILLIS * 1_000_000L;
    /**
     * A creep whose zeroed mean current passes this many times the most its commanded duty can draw (the
     * supply times the duty over the cold winding's R: a held shaft, the least R) is not the creep the drive
     * was told: its PWM does not follow the duty (latched, stuck high), and a drive at the disobeyed duty
     * carries the cam round and round past an index it can no longer brake at (the safety property found
     * a latched duty, acknowledged, spinning the cam more than a turn in HOMING once the worn follower held
     * it off its index). Parking fails at once; F10 is drive-suspect, so the enable timer opens the supply.
     * A forward creep cannot draw more than its duty's stall current: the cam it drives stood still braked,
     * held by friction, so nothing turns it backwards to add its back-EMF.
     */
    static final double CREEP_DISOBEYED_FACTOR = 2.0;
    /** A kick's duty rises from the profile's nudge duty by this much a second while it lasts. */
    static final double KICK_RAMP_PER_S = 5.0;
    /** A kick has carried the cam over its top when its current falls below this share of its peak. */
    static final double KICK_OVER_FRACTION = 0.5;
    /**
     * A kick has carried the cam over its top when the back-EMF says the shaft turns faster than this
     * (about 32 turns a second): a cam that broke free of a load (the skin on the tips, on the rising side)
     * at a high duty is flung over its top, and its current falls too slowly to show it before the cam has
     * come round past its index. Above what a hot winding held at stall reads (1.7 A × 0.8 Ω / k: 130 rad/s on
     * the sim motor) and below what the cam reaches just past its top at the duty that got it there.
     */
    static final double KICK_OVER_RAD_PER_S = 200.0;
    /** A kick that has not carried the cam over its top in this long is braked (the next one starts afresh). */
    static final long KICK_MAX_MILLIS = 120;
    private static final long KICK_MAX_NANOS = KICK_MAX_MILLIS * 1_000_000L;
    /**
     * A brake that has not stopped the shaft in this long is not braking (a shorted driver keeps
     * driving): parking fails, and the fault that follows stops feeding the enable timer.
     */
    static final long TIMEOUT_NANOS = 1_000_000_000L;

    private final StrokeDrive drive;
    private final ShaftStillness stillness;
    private final long minBrakeNanos;
    private final long nudgeNanos;
    private final double nudgeDuty;
    /** Whether the parker creeps and ramps its kicks (always, but in a test that shows the harm without). */
    private final boolean creeping;
    /** Whether this parking creeps: {@link #creeping}, and the index not suspect ({@link #startAfterRun}). */
    private boolean creepingNow;
    private Phase phase = Phase.BRAKE;
    private long phaseStartNanos;
    /** Whether the last creep ended without reaching the index: the next move is a kick. */
    private boolean creepFell;
    /**
     * Whether the last creep reached the index and was braked there: a cam that then stands outside the window ran
     * past it, and the spring that should bring it back (H34) did not, so another creep would only go round again.
     */
    private boolean creepReachedIndex;
    private int kicks;
    /** The largest current the present kick has drawn, A. */
    private double kickPeakAmps;
    /** The present kick's duty: it rises only while the shaft is held. */
    private double kickDuty;
    private long kickTickNanos;
    /** Since when the creeping shaft's back-EMF has said it stands ({@code Long.MIN_VALUE}: it turns). */
    private long standingSinceNanos;
    private double creepDuty;
    /** Why the last parking failed, if it knows (a creep the drive disobeyed), else null. */
    private String failure;
    private int creeps;
    /** Whether the index is known to answer (a run just stopped, or an edge in this parking): only then may it kick. */
    private boolean indexAnswered;
    /** Whether this parking may kick at all ({@link #startInFault}: never). */
    private boolean mayKick;
    private long parkedAtNanos;
    private long startedNanos;

    public CamParker(StrokeDrive drive, TuningSpec tuning) {
        this(drive, tuning, true);
    }

    /**
     * {@code creeping} false: the parker of before H51, for a test that shows the harm without the creep:
     * braked, then up to {@value #MAX_NUDGES} nudges of the profile's fixed duty and length.
     */
    public CamParker(StrokeDrive drive, TuningSpec tuning, boolean creeping) {
        this.creeping = creeping;
        this.drive = drive;
        this.stillness = new ShaftStillness(drive, tuning.stillShaft());
        this.minBrakeNanos = tuning.parking().minBrakeNanos();
        this.nudgeNanos = tuning.parking().nudgeNanos();
        this.nudgeDuty = tuning.parking().nudgeDutyFraction();
    }

    /**
     * Parks at power-on or after an acknowledged fault (BOOT, HOMING): it creeps, and kicks only once the
     * index has answered in this parking. A kick carries the cam over its top, a stroke; with no run just
     * behind it nothing says the index answers, and the safety property found a parking in HOMING behind a
     * dead index sensor kicking the needles round.
     */
    public void start(long nowNanos) {
        begin(nowNanos, true, false, true);
    }

    /**
     * Parks after a run, its index edges just seen (STOPPING, FAULT): it creeps and kicks. {@code indexTrusted}
     * false (after F32, an index that misses passes): the creep would drive a cam whose pass the sensor missed
     * round and round, so it nudges, as the parker of before H51 did (a missed pass at rest reads inactive,
     * and the nudges carry the cam round to a pass the sensor sees).
     */
    public void startAfterRun(long nowNanos, boolean indexTrusted) {
        begin(nowNanos, indexTrusted, true, true);
    }

    /**
     * Parks in FAULT: as {@link #startAfterRun}, but it never kicks. A kick carries the cam over its top,
     * a stroke of the needles, which after a fault (a collar that moved, a drive or sensor in doubt) is one
     * stroke too many: the safety property found the worn follower's kick stroking the needles in FAULT
     * after F30. A creep that falls short leaves the cam braked where the follower's friction holds it,
     * within the friction band of its lowest point (about 23° at the worst friction, tips hidden by the
     * cam), and parking fails at once: FAULT then distrusts the drive and the enable timer opens the supply.
     */
    public void startInFault(long nowNanos, boolean indexTrusted) {
        begin(nowNanos, indexTrusted, true, false);
    }

    private void begin(long nowNanos, boolean indexTrusted, boolean afterRun, boolean kicksAllowed) {
        mayKick = kicksAllowed;
        creepingNow = creeping && indexTrusted;
        drive.brake();
        startedNanos = nowNanos;
        phaseStartNanos = nowNanos;
        stillness.reset();
        phase = Phase.BRAKE;
        creepFell = false;
        creepReachedIndex = false;
        kicks = 0;
        creeps = 0;
        indexAnswered = afterRun;
        failure = null;
    }

    public Result periodic(long nowNanos) {
        if (drive.edgesThisTick() > 0) {
            indexAnswered = true;
        }
        if (nowNanos - startedNanos > TIMEOUT_NANOS) {
            brakeAgain(nowNanos);
            return Result.FAILED;
        }
        switch (phase) {
            case KICK -> {
                kick(nowNanos);
                return Result.BUSY;
            }
            case CREEP -> {
                if (creepDisobeyed()) {
                    brakeAgain(nowNanos);
                    return Result.FAILED;
                }
                if (drive.indexActive()) {
                    creepFell = false;
                    creepReachedIndex = true;
                    brakeAgain(nowNanos);
                } else if (creepStalled(nowNanos) || nowNanos - phaseStartNanos >= CREEP_NANOS) {
                    creepFell = true;
                    brakeAgain(nowNanos);
                }
                return Result.BUSY;
            }
            default -> {
                return braked(nowNanos);
            }
        }
    }

    private Result braked(long nowNanos) {
        boolean still = stillness.still(nowNanos);
        if (!still || nowNanos - phaseStartNanos < minBrakeNanos) {
            return Result.BUSY;
        }
        if (drive.indexActive()) {
            parkedAtNanos = nowNanos;
            return Result.PARKED;
        }
        phaseStartNanos = nowNanos;
        if (creepReachedIndex) {
            // the brake stopped the cam past its window and the spring left it there: each creep more is a stroke
            failure = "the creep reached the index but the cam came to rest past its window and the spring did not"
                    + " bring it back (a weak or broken spring): creeping on would only take it round again";
            return Result.FAILED;
        }
        if (creepingNow && creepFell && !mayKick) {
            failure = "a creep fell short of the index and no kick may follow in FAULT: the cam is held where it stands";
            return Result.FAILED;
        }
        if (!creepingNow || creepFell && indexAnswered) {
            if (!creepingNow && kicks >= MAX_NUDGES) {
                return Result.FAILED;
            }
            kicks++;
            creepFell = false;
            kickPeakAmps = 0.0;
            kickDuty = Math.min(nudgeDuty, drive.dutyForHeldTorque(Double.MAX_VALUE));
            kickTickNanos = nowNanos;
            phase = Phase.KICK;
            drive.nudge(nowNanos, kickDuty);
        } else {
            creeps++;
            phase = Phase.CREEP;
            standingSinceNanos = Long.MIN_VALUE;
            creepDuty = drive.dutyForHeldTorque(CREEP_TORQUE_NM);
            drive.nudge(nowNanos, creepDuty);
        }
        return Result.BUSY;
    }

    /**
     * Whether the creep draws more than {@value #CREEP_DISOBEYED_FACTOR} times its duty's stall current with
     * the cold winding (NaN readings are not judged: the plausibility checks fault on them). Sets
     * {@link #failure()}.
     */
    private boolean creepDisobeyed() {
        double amps = Math.abs(drive.zeroedAverageAmps());
        double most = drive.stallAmps(creepDuty);
        if (amps > CREEP_DISOBEYED_FACTOR * most) {
            failure = String.format(java.util.Locale.ROOT, "the creep to the index drew %.2f A, more than %.0f times"
                    + " the %.2f A its %.1f %% duty can: the drive does not follow its duty", amps,
                    CREEP_DISOBEYED_FACTOR, most, creepDuty * 100);
            return true;
        }
        return false;
    }

    /** Why the last parking failed, when it knows more than that it timed out; null otherwise. */
    public String failure() {
        return failure;
    }

    /** Whether the creeping shaft has stood {@value #CREEP_STALL_MILLIS} ms on end, by its back-EMF. */
    private boolean creepStalled(long nowNanos) {
        // the zeroed mean of the last 8 readings: one reading's noise (10 mA) is 2.5 rad/s of back-EMF
        double amps = Math.abs(drive.zeroedAverageAmps());
        // not a number (no supply reading) is not a turning shaft
        if (!(drive.measuredBackEmfRadPerS(amps, creepDuty) >= CREEP_STALL_RAD_PER_S)) {
            if (standingSinceNanos == Long.MIN_VALUE) {
                standingSinceNanos = nowNanos;
            }
            return nowNanos - standingSinceNanos >= CREEP_STALL_NANOS;
        }
        standingSinceNanos = Long.MIN_VALUE;
        return false;
    }

    /**
     * One tick of a kick: its duty ramps up from the nudge's until the cam goes over its top, which its
     * current shows by falling to a quarter of its peak once the spring stops resisting (not before the
     * profile's nudge length: the current's first peak is the rotor's start); braked there, or at the
     * index, or after {@value #KICK_MAX_MILLIS} ms.
     */
    private void kick(long nowNanos) {
        long t = nowNanos - phaseStartNanos;
        if (!creepingNow) {
            if (t >= nudgeNanos) {
                brakeAgain(nowNanos);
            }
            return;
        }
        double amps = drive.zeroedAmps();
        kickPeakAmps = Math.max(kickPeakAmps, amps);
        boolean over = t >= nudgeNanos && amps < KICK_OVER_FRACTION * kickPeakAmps
                || drive.backEmfRadPerS(amps, kickDuty) > KICK_OVER_RAD_PER_S;
        if (drive.indexActive() || over || t >= KICK_MAX_NANOS) {
            brakeAgain(nowNanos);
            return;
        }
        long dt = nowNanos - kickTickNanos;
        kickTickNanos = nowNanos;
        if (drive.heldAt(amps, kickDuty)) {
            kickDuty = Math.min(kickDuty + KICK_RAMP_PER_S * dt / 1e9, drive.dutyForHeldTorque(Double.MAX_VALUE));
            drive.nudge(nowNanos, kickDuty);
        }
    }

    private void brakeAgain(long nowNanos) {
        drive.brake();
        phase = Phase.BRAKE;
        phaseStartNanos = nowNanos;
        stillness.reset();
    }

    public long parkedAtNanos() {
        return parkedAtNanos;
    }

    /** Kicks over the top since {@link #start}. */
    int kicks() {
        return kicks;
    }

    /** Creeps towards the index since {@link #start}. */
    int creeps() {
        return creeps;
    }
}
