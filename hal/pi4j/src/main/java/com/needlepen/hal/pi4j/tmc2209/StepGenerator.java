package com.needlepen.hal.pi4j.tmc2209;

/**
 * A trapezoidal step schedule computed step by step: accelerate at {@code a} from the speed the collar has, cruise at
 * the speed limit, decelerate at {@code a} to rest on the target's step. Each step's time is the exact time the
 * continuous profile s(t) crosses that step (s = v0 t + a t²/2 while accelerating, s = v t while cruising,
 * s = v t - a t²/2 while decelerating), so the first step from rest comes sqrt(2/a) after the start and the last step
 * lands on the target with the speed falling to zero. No step is ever issued past the target of a move from rest; a
 * new target closer than the stopping distance, or behind, is reached by decelerating to rest first (past it: the
 * acceleration limit leaves no other way) and then moving back.
 *
 * <p><b>Late steps shift the schedule, they do not bunch up.</b> The generator answers each step's due time as the
 * previous step's actual time plus the profile's interval between the two: a step thread that was descheduled for a
 * millisecond carries on from where it is at the profile's speed instead of firing the missed steps back to back (a
 * burst the motor could not follow). The move then ends as late as the step thread was.
 *
 * <p>Single-threaded (the step thread's); allocates nothing. Distances are steps along the move's direction.
 */
public final class StepGenerator {

    private int direction;
    private long planSteps;
    private long taken;
    private double v0;
    private double vPeak;
    private double accel;
    private double s1;
    private double s2;
    private double t1;
    private double t2;
    private boolean accelerating;
    private double lastPlanTime;
    private long lastStepNanos;
    private double speed;

    private boolean followOn;
    private long followOnSteps;
    private double followOnMax;
    private double followOnAccel;

    /** Whether a move is under way (a step is due). */
    public boolean active() {
        return direction != 0;
    }

    /** +1 (deeper) or -1 for the next step; 0 when idle. */
    public int direction() {
        return direction;
    }

    /** The profile's speed at the last step, steps/s (0 at rest). */
    public double speed() {
        return speed;
    }

    /**
     * Starts (or re-plans) a move of {@code deltaSteps} from the current position.
     *
     * @param deltaSteps target minus the current position
     * @param nowNanos   when the command applies: the start of a move from rest
     */
    public void moveBy(long deltaSteps, double maxStepsPerSecond, double accelStepsPerSecond2, long nowNanos) {
        if (!(maxStepsPerSecond > 0 && maxStepsPerSecond < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("step rate " + maxStepsPerSecond + " steps/s: must be > 0 and finite");
        }
        if (!(accelStepsPerSecond2 > 0 && accelStepsPerSecond2 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("acceleration " + accelStepsPerSecond2 + " steps/s²: must be > 0 and finite");
        }
        followOn = false;
        if (!active()) {
            if (deltaSteps == 0) {
                return;
            }
            lastStepNanos = nowNanos;
            plan(Long.signum(deltaSteps), Math.abs(deltaSteps), 0.0, maxStepsPerSecond, accelStepsPerSecond2);
            return;
        }
        // moving: the remaining distance is counted from the last step, where the speed is known
        double v = speed;
        double stopping = v * v / (2.0 * accelStepsPerSecond2);
        long along = deltaSteps * direction;
        if (along >= stopping && along > 0) {
            plan(direction, along, v, maxStepsPerSecond, accelStepsPerSecond2);
        } else {
            // behind us or too close to stop on: come to rest first, then come back
            long stopSteps = Math.max(1, (long) Math.ceil(stopping - 1e-9));
            long back = deltaSteps - (long) direction * stopSteps;
            plan(direction, stopSteps, v, maxStepsPerSecond, accelStepsPerSecond2);
            if (back != 0) {
                followOn = true;
                followOnSteps = back;
                followOnMax = maxStepsPerSecond;
                followOnAccel = accelStepsPerSecond2;
            }
        }
    }

    /**
     * Decelerates to rest as fast as the move's acceleration allows, on the first whole step at or past the stopping
     * distance; drops any move queued after a reversal.
     */
    public void stop() {
        followOn = false;
        if (!active()) {
            return;
        }
        double stopping = speed * speed / (2.0 * accel);
        long stopSteps = Math.max(1, (long) Math.ceil(stopping - 1e-9));
        if (stopSteps < planSteps - taken) {
            plan(direction, stopSteps, speed, Math.max(speed, Double.MIN_NORMAL), accel);
        }
    }

    /** Ends the move at once, without decelerating (the count no longer means a position: the driver reset). */
    public void halt() {
        followOn = false;
        direction = 0;
        speed = 0.0;
    }

    /** When the next step is due: the last step's (or the start's) time plus the profile's interval. */
    public long nextStepDueNanos() {
        if (!active()) {
            throw new IllegalStateException("no step due: the generator is idle");
        }
        double next = timeAt(taken + 1);
        return lastStepNanos + Math.round((next - lastPlanTime) * 1e9);
    }

    /**
     * Records that the next step was issued at {@code atNanos} and answers its direction (+1 or -1). The move ends on
     * its last step, or continues with the move queued after a reversal.
     */
    public int stepped(long atNanos) {
        if (!active()) {
            throw new IllegalStateException("a step taken while the generator is idle");
        }
        int d = direction;
        taken++;
        lastPlanTime = timeAt(taken);
        lastStepNanos = atNanos;
        speed = speedAt(taken);
        if (taken >= planSteps) {
            direction = 0;
            speed = 0.0;
            if (followOn) {
                followOn = false;
                lastStepNanos = atNanos;
                plan(Long.signum(followOnSteps), Math.abs(followOnSteps), 0.0, followOnMax, followOnAccel);
            }
        }
        return d;
    }

    private void plan(int dir, long steps, double startSpeed, double vMax, double a) {
        direction = dir;
        planSteps = steps;
        taken = 0;
        lastPlanTime = 0.0;
        accel = a;
        v0 = startSpeed;
        speed = startSpeed;
        double reachable = Math.sqrt(a * steps + startSpeed * startSpeed / 2.0);
        vPeak = Math.min(vMax, reachable);
        accelerating = vPeak >= v0;
        s1 = Math.abs(vPeak * vPeak - v0 * v0) / (2.0 * a);
        double s3 = vPeak * vPeak / (2.0 * a);
        s2 = Math.max(0.0, steps - s1 - s3);
        t1 = Math.abs(vPeak - v0) / a;
        t2 = vPeak > 0 ? s2 / vPeak : 0.0;
    }

    /** The profile's time at distance {@code s} from the plan's start, seconds. */
    private double timeAt(double s) {
        if (s <= s1) {
            if (accelerating) {
                return (Math.sqrt(v0 * v0 + 2.0 * accel * s) - v0) / accel;
            }
            return (v0 - Math.sqrt(Math.max(0.0, v0 * v0 - 2.0 * accel * s))) / accel;
        }
        if (s <= s1 + s2) {
            return t1 + (s - s1) / vPeak;
        }
        double d = s - s1 - s2;
        return t1 + t2 + (vPeak - Math.sqrt(Math.max(0.0, vPeak * vPeak - 2.0 * accel * d))) / accel;
    }

    private double speedAt(double s) {
        if (s <= s1) {
            double sq = accelerating ? v0 * v0 + 2.0 * accel * s : v0 * v0 - 2.0 * accel * s;
            return Math.sqrt(Math.max(0.0, sq));
        }
        if (s <= s1 + s2) {
            return vPeak;
        }
        double d = s - s1 - s2;
        return Math.sqrt(Math.max(0.0, vPeak * vPeak - 2.0 * accel * d));
    }
}
