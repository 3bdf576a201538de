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
    private final List<SettingChange> changes = new ArrayList<>();
    private long strokes;
    private long activeNanos;
    private long endUtcMillis;
    private String endReason;

    public Session(String id, String cartridgeType, String cartridgeId, int needles, long startUtcMillis,
                   long startNanos) {
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

    void addChange(SettingChange change) {
        changes.add(change);
    }

    void end(long utcMillis, String reason) {
        endUtcMillis = utcMillis;
        endReason = reason;
    }

    public String id() {
        return id;
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

    public List<SettingChange> changes() {
        return List.copyOf(changes);
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
