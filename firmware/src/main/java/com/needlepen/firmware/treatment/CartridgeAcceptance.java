package com.needlepen.firmware.treatment;

import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.hal.CartridgeSensor;

/**
 * Whether the inserted cartridge may open a session: one that carries an id must not be in the
 * ledger of used cartridges; one whose id cannot be read must be confirmed new on the panel (the
 * confirmation is forgotten when it is taken out). When a session opens, its cartridge is recorded
 * and the first run waits until that record is durable.
 */
public final class CartridgeAcceptance {

    private final CartridgeSensor sensor;
    private final CartridgeLedger ledger;
    private boolean confirmedNew;
    private CartridgeLedger.Receipt receipt;
    private long recordedAtNanos;

    /**
     * How long the session's first run may wait for its cartridge to be on record: an fsync'd append
     * takes milliseconds; storage that has not answered in this long has hung, and the wait would
     * otherwise never end.
     */
    public static final long RECORD_BOUND_NANOS = 2_000_000_000L;

    public CartridgeAcceptance(CartridgeSensor sensor, CartridgeLedger ledger) {
        this.sensor = sensor;
        this.ledger = ledger;
    }

    /** Every tick: a cartridge taken out takes its confirmation with it. Allocates nothing. */
    public void track() {
        if (confirmedNew && !sensor.isPresent()) {
            confirmedNew = false;
        }
    }

    /** Why the inserted cartridge may not open a session, or null. */
    public String refusal() {
        var info = sensor.read();
        if (!info.hasId()) {
            return confirmedNew ? null
                    : "this cartridge carries no id: press CONFIRM to confirm it is new and unused";
        }
        if (!CartridgeLedger.ID.matcher(info.id()).matches()) {
            return "cartridge id '" + info.id() + "' is not readable (allowed: " + CartridgeLedger.ID_ALLOWED + ")";
        }
        CartridgeLedger.Entry used = ledger.find(info.id());
        if (used != null) {
            return "cartridge " + info.id() + " " + used.usedIn() + ": a cartridge serves one session only; insert a new one";
        }
        return null;
    }

    /** A cartridge without an id is inserted and not yet confirmed new. */
    public boolean needsConfirmation() {
        return sensor.isPresent() && !sensor.read().hasId() && !confirmedNew;
    }

    public void confirmNew() {
        confirmedNew = true;
    }

    /** The session {@code sessionId} opened on the inserted cartridge, at {@code nowNanos}. */
    public void record(String sessionId, long utcMillis, long nowNanos) {
        recordedAtNanos = nowNanos;
        var info = sensor.read();
        receipt = info.hasId() ? ledger.record(info.id(), sessionId, utcMillis) : CartridgeLedger.DONE;
    }

    /** The open session's cartridge record is durable (or there is none pending). */
    public boolean durable() {
        return receipt == null || receipt.done();
    }

    /** The record was asked for longer than {@link #RECORD_BOUND_NANOS} ago and is neither written nor failed. */
    public boolean overdue(long nowNanos) {
        return receipt != null && !receipt.done() && receipt.failure() == null
                && nowNanos - recordedAtNanos > RECORD_BOUND_NANOS;
    }

    /** Why the record could not be written, or null. */
    public String failure() {
        return receipt == null ? null : receipt.failure();
    }

    /** The session closed: its record no longer gates anything. */
    public void sessionClosed() {
        receipt = null;
    }
}
