package com.needlepen.firmware.session;

import java.util.ArrayList;
import java.util.List;

/**
 * One treatment with one cartridge: its runs, every depth and rate change, strokes counted from
 * index pulses, active (needles moving) time, and why it ended. Mutated only by the control thread;
 * read by others once ended.
 */
public final class Session {

    private final String id;
    private final String cartridgeType;
    private final String cartridgeId;
    private final int needles;
    private final long startUtcMillis;
    private final long startNanos;
    private final List<Run> runs = new ArrayList<>();
    /** Changes are kept in preallocated arrays: a change while RUNNING must not allocate. */
    static final int MAX_CHANGES = 4096;
    private final long[] changeNanos = new long[MAX_CHANGES];
    private final boolean[] changeIsDepth = new boolean[MAX_CHANGES];
    private final double[] changeFrom = new double[MAX_CHANGES];
    private final double[] changeTo = new double[MAX_CHANGES];
    private int changeCount;
    private long changesNotKept;
    private long strokes;
    private long activeNanos;
    private long endUtcMillis;
    private String endReason;

    private final String calibrationId;

    public Session(String id, String cartridgeType, String cartridgeId, int needles, long startUtcMillis,
                   long startNanos, String calibrationId) {
        this.calibrationId = calibrationId;
        this.id = id;
        this.cartridgeType = cartridgeType;
        this.cartridgeId = cartridgeId;
        this.needles = needles;
        this.startUtcMillis = startUtcMillis;
        this.startNanos = startNanos;
    }

    void addRun(Run run) {
        runs.add(run);
        strokes += run.strokes();
        activeNanos += run.endNanos() - run.startNanos();
    }

    void addChange(long atNanos, boolean depth, double from, double to) {
        if (changeCount == MAX_CHANGES) {
            changesNotKept++;
            return;
        }
        changeNanos[changeCount] = atNanos;
        changeIsDepth[changeCount] = depth;
        changeFrom[changeCount] = from;
        changeTo[changeCount] = to;
        changeCount++;
    }

    void end(long utcMillis, String reason) {
        endUtcMillis = utcMillis;
        endReason = reason;
    }

    public String id() {
        return id;
    }

    /** The depth calibration the session ran with. */
    public String calibrationId() {
        return calibrationId;
    }

    public String cartridgeType() {
        return cartridgeType;
    }

    public String cartridgeId() {
        return cartridgeId;
    }

    public int needles() {
        return needles;
    }

    public long startUtcMillis() {
        return startUtcMillis;
    }

    public long startNanos() {
        return startNanos;
    }

    public List<Run> runs() {
        return List.copyOf(runs);
    }

    /** How many runs have ended, without the copy {@link #runs()} makes: the control loop asks while RUNNING. */
    public int runCount() {
        return runs.size();
    }

    public List<SettingChange> changes() {
        List<SettingChange> list = new ArrayList<>(changeCount);
        for (int i = 0; i < changeCount; i++) {
            list.add(new SettingChange(changeNanos[i], changeIsDepth[i] ? "depthMm" : "rateHz", changeFrom[i], changeTo[i]));
        }
        return list;
    }

    /** Changes beyond {@link #MAX_CHANGES} in one session, counted but not kept. */
    public long changesNotKept() {
        return changesNotKept;
    }

    public long strokes() {
        return strokes;
    }

    public long activeNanos() {
        return activeNanos;
    }

    public long endUtcMillis() {
        return endUtcMillis;
    }

    /** Null while the session is open. */
    public String endReason() {
        return endReason;
    }

    public boolean ended() {
        return endReason != null;
    }
}
