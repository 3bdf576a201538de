package com.needlepen.hal.pi4j.tmc2209;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The step thread: takes the control tick's commands (move, stop, halt) through a one-slot mailbox, waits for each
 * step's due time on its {@link StepTimer} and pulses {@link StepPins}, counting every pulse it issues. That count is
 * the collar's position ({@code CollarStepper.positionSteps}): the TMC2209 in STEP/DIR keeps none a driver could read
 * back (VACTUAL, its internal pulse generator, counts nothing either), so the only true count is the one kept where
 * the pulses are made.
 *
 * <p><b>Its highest rate is given at construction</b> and any {@link #moveTo} above it is refused
 * ({@link IllegalArgumentException} naming the limit): steps timed from Java are as regular as the thread that times
 * them, and the profile states which rate the platform keeps (docs/wiring.md). The control tick's calls
 * ({@link #moveTo}, {@link #stop}, {@link #isMoving}, {@link #positionSteps}, {@link #setPositionSteps}) take a lock
 * the step thread holds only to copy a command, and allocate nothing.
 *
 * <p>Tests drive it without a thread: {@link #runOnce()} on a virtual {@link StepTimer} does what the thread does
 * for one step. Production calls {@link #start(String)}; the thread is a daemon, parks while idle and is woken by a
 * command.
 */
public final class StepLoop {

    /** How long the idle thread parks before looking again, even when nobody wakes it. */
    private static final long IDLE_PARK_NANOS = 20_000_000L;

    private enum Command { NONE, MOVE, STOP, HALT }

    private final StepPins pins;
    private final StepTimer timer;
    private final double maxStepsPerSecond;
    private final StepGenerator generator = new StepGenerator();
    private final AtomicLong position = new AtomicLong();
    private final Object lock = new Object();
    private final BooleanSupplier commandPending = this::pending;

    // mailbox, guarded by lock
    private Command command = Command.NONE;
    private long commandTarget;
    private double commandSpeed;
    private double commandAccel;
    private volatile boolean pending;

    private volatile boolean moving;
    private volatile double speed;
    private volatile boolean closed;
    private volatile String failure;
    private volatile Thread thread;
    private int lastDirection;
    private long stepsIssued;

    /**
     * @param maxStepsPerSecond the highest step rate this platform keeps; moves above it are refused
     */
    public StepLoop(StepPins pins, StepTimer timer, double maxStepsPerSecond) {
        if (!(maxStepsPerSecond > 0 && maxStepsPerSecond < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("step loop maximum rate " + maxStepsPerSecond + " steps/s: must be > 0 and finite");
        }
        this.pins = pins;
        this.timer = timer;
        this.maxStepsPerSecond = maxStepsPerSecond;
    }

    /** The highest step rate a move may ask for. */
    public double maxStepsPerSecond() {
        return maxStepsPerSecond;
    }

    /**
     * Starts a move to {@code targetSteps} (re-plans one under way) and returns at once.
     *
     * @throws IllegalArgumentException when the rate is above this loop's maximum, or a limit is not a positive number
     */
    public void moveTo(long targetSteps, double stepsPerSecond, double accelStepsPerSecond2) {
        if (!(stepsPerSecond > 0 && stepsPerSecond <= maxStepsPerSecond)) {
            throw new IllegalArgumentException("collar step rate " + stepsPerSecond
                    + " steps/s: the TMC2209's steps are timed from Java and keep at most " + maxStepsPerSecond
                    + " steps/s (the profile's collar.maxSpeedMmPerS x stepsPerMm must not exceed it)");
        }
        if (!(accelStepsPerSecond2 > 0 && accelStepsPerSecond2 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("collar acceleration " + accelStepsPerSecond2 + " steps/s²: must be > 0 and finite");
        }
        post(Command.MOVE, targetSteps, stepsPerSecond, accelStepsPerSecond2);
    }

    /** Decelerates to rest as fast as the move's acceleration allows. */
    public void stop() {
        post(Command.STOP, 0, 0, 0);
    }

    /** Ends any move at once, without decelerating (after a driver reset: the count no longer means a position). */
    public void halt() {
        post(Command.HALT, 0, 0, 0);
    }

    /** Whether a move is under way or commanded and not yet taken up. */
    public boolean isMoving() {
        return moving;
    }

    /** The step count: every pulse issued, from where {@link #setPositionSteps} put it. */
    public long positionSteps() {
        return position.get();
    }

    /** Redefines the count. */
    public void setPositionSteps(long steps) {
        position.set(steps);
    }

    /** The profile's speed at the last step, steps/s (0 at rest). */
    public double speed() {
        return speed;
    }

    /** Pulses issued since construction (for tests and diagnostics). */
    public long stepsIssued() {
        return stepsIssued;
    }

    private void post(Command c, long target, double rate, double accel) {
        synchronized (lock) {
            // the latest command wins (a stop cancels a move not yet taken up), except that a halt is not softened
            if (!(command == Command.HALT && c == Command.STOP)) {
                command = c;
            }
            commandTarget = target;
            commandSpeed = rate;
            commandAccel = accel;
            pending = true;
            if (c == Command.MOVE) {
                moving = true;
            }
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private boolean pending() {
        return pending;
    }

    /**
     * One turn of the step thread: takes up a pending command, then waits for the next step and issues it.
     *
     * @return whether a move is under way afterwards
     */
    public boolean runOnce() {
        try {
            return turn();
        } catch (RuntimeException e) {
            // a GPIO write failed (Pi4J's IOException is unchecked): the pulse count is no longer sure; stop stepping
            failure = "collar STEP/DIR: " + e;
            generator.halt();
            settleIdle();
            return false;
        }
    }

    /**
     * What made the last step fail (a GPIO write throwing), or null once a step has gone out since; the move it
     * happened in was ended there.
     */
    public String failure() {
        return failure;
    }

    private boolean turn() {
        if (pending) {
            takeCommand();
        }
        if (!generator.active()) {
            settleIdle();
            return false;
        }
        long due = generator.nextStepDueNanos();
        timer.awaitUntil(due, commandPending);
        if (pending) {
            return true; // a new command re-plans from the last step before the next one
        }
        long now = timer.nanoTime();
        int d = generator.direction();
        if (d != lastDirection) {
            pins.direction(d > 0);
            lastDirection = d;
        }
        pins.step();
        if (failure != null) {
            failure = null;
        }
        generator.stepped(now);
        position.addAndGet(d);
        stepsIssued++;
        speed = generator.speed();
        if (!generator.active()) {
            settleIdle(); // the last step: not moving from now, not from the next turn
            return false;
        }
        return true;
    }

    private void settleIdle() {
        synchronized (lock) {
            if (!pending) {
                moving = false;
                speed = 0.0;
            }
        }
    }

    private void takeCommand() {
        Command c;
        long target;
        double rate;
        double accel;
        synchronized (lock) {
            c = command;
            target = commandTarget;
            rate = commandSpeed;
            accel = commandAccel;
            command = Command.NONE;
            pending = false;
        }
        switch (c) {
            case MOVE -> generator.moveBy(target - position.get(), rate, accel, timer.nanoTime());
            case STOP -> generator.stop();
            case HALT -> generator.halt();
            case NONE -> { }
        }
    }

    /** Starts the step thread (a daemon named {@code name}). */
    public synchronized void start(String name) {
        if (thread != null) {
            throw new IllegalStateException("step thread " + name + " already started");
        }
        Thread t = new Thread(this::run, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void run() {
        while (!closed) {
            if (!runOnce() && !pending) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
    }

    /** Stops the step thread (after halting any move) and waits up to a second for it to end. */
    public void close() throws InterruptedException {
        halt();
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            t.join(1_000);
        }
    }
}
