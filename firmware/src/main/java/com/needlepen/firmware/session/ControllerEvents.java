package com.needlepen.firmware.session;

import com.needlepen.firmware.telemetry.EventSlot;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.Clock;

/**
 * Emits the control loop's events (run start and end, faults, refusals, checks, warnings), stamped
 * with the open session's id and both clocks, into one preallocated {@link EventSlot} that the
 * sink copies: {@code events.event("temperature.normal", now).with("celsius", c).send()}. Keys are
 * constants and values primitives, constants or enum names, so emitting allocates nothing; a
 * string built for the event (a fault's detail, a refusal's reason) is allocated by its caller,
 * outside the steady RUNNING tick, and travels the same way. Control thread only.
 */
public final class ControllerEvents {

    private final TelemetrySink telemetry;
    private final SessionRecorder sessions;
    private final Clock clock;
    private final EventSlot slot = new EventSlot();
    private boolean begun;

    public ControllerEvents(TelemetrySink telemetry, SessionRecorder sessions, Clock clock) {
        this.telemetry = telemetry;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Begins an event of {@code type}: its fields follow with {@code with}, and {@link #send()} hands it over. */
    public ControllerEvents event(String type, long nowNanos) {
        if (begun) {
            send(); // a caller forgot send(): the event still goes out, as events are never dropped
            assert false : "an event was begun and never sent before " + type;
        }
        slot.start(type, clock.utcEpochMillis());
        Session open = sessions.current();
        if (open != null) {
            slot.put("sessionId", open.id());
        }
        slot.put("monotonicMs", nowNanos / 1_000_000L);
        begun = true;
        return this;
    }

    public ControllerEvents with(String key, double value) {
        slot.put(key, value);
        return this;
    }

    public ControllerEvents with(String key, long value) {
        slot.put(key, value);
        return this;
    }

    public ControllerEvents with(String key, boolean value) {
        slot.put(key, value);
        return this;
    }

    public ControllerEvents with(String key, String value) {
        slot.put(key, value);
        return this;
    }

    /** Hands the event begun last to the sink, which copies it. */
    public void send() {
        begun = false;
        telemetry.offerEvent(slot);
    }
}
