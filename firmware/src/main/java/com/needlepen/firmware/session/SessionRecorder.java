package com.needlepen.firmware.session;

import com.needlepen.firmware.telemetry.TelemetryEvent;
import com.needlepen.firmware.telemetry.TelemetrySink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opens and closes sessions and runs, records changes, and emits the session events. Runs on the
 * control thread; everything here happens at transitions, never in a steady RUNNING tick.
 */
public final class SessionRecorder {

    private final String deviceId;
    private final String bootToken;
    private final TelemetrySink telemetry;
    private final List<Session> ended = new ArrayList<>();
    private Session current;
    private int counter;

    private int runNumber;
    private long runStartNanos;
    private long runStartStrokes;
    private long spinUpNanos;

    public SessionRecorder(String deviceId, TelemetrySink telemetry) {
        this(deviceId, telemetry, bootToken());
    }

    /**
     * @param bootToken distinguishes this power-on from every other: the counter restarts at each
     *                  power-on and the clock may repeat (the simulator's virtual clock starts at the
     *                  same instant every time; a pen without a set clock boots at the same time too),
     *                  so the token is what keeps session ids unique across power cycles and processes
     */
    public SessionRecorder(String deviceId, TelemetrySink telemetry, String bootToken) {
        this.deviceId = deviceId;
        this.bootToken = bootToken;
        this.telemetry = telemetry;
    }

    public Session open(String cartridgeType, String cartridgeId, int needles, long utcMillis, long nowNanos,
                        double depthMm, double rateHz, String calibrationId) {
        counter++;
        String id = String.format(Locale.ROOT, "%s-%tY%<tm%<tdT%<tH%<tM%<tSZ-%s-%d", deviceId,
                java.time.Instant.ofEpochMilli(utcMillis).atZone(java.time.ZoneOffset.UTC), bootToken, counter);
        current = new Session(id, cartridgeType, cartridgeId, needles, utcMillis, nowNanos, calibrationId);
        runNumber = 0;
        telemetry.sessionChanged(id);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("sessionId", id);
        f.put("cartridgeType", cartridgeType);
        f.put("cartridgeId", cartridgeId);
        f.put("needles", needles);
        f.put("depthMm", depthMm);
        f.put("rateHz", rateHz);
        f.put("calibrationId", calibrationId);
        telemetry.offerEvent(new TelemetryEvent("session.start", utcMillis, f));
        return current;
    }

    public void runStarted(long nowNanos, long strokesNow) {
        runNumber++;
        runStartNanos = nowNanos;
        runStartStrokes = strokesNow;
        spinUpNanos = -1;
    }

    public void spinUpDone(long nowNanos) {
        if (spinUpNanos < 0) {
            spinUpNanos = nowNanos - runStartNanos;
        }
    }

    public void runEnded(long nowNanos, long strokesNow, double depthMm, double rateHz, String reason) {
        if (current == null) {
            return;
        }
        current.addRun(new Run(runNumber, runStartNanos, nowNanos, spinUpNanos, strokesNow - runStartStrokes,
                depthMm, rateHz, reason));
    }

    /** Records a depth ({@code depth} true) or rate change; allocates nothing. */
    public void changed(long nowNanos, boolean depth, double from, double to) {
        if (current != null) {
            current.addChange(nowNanos, depth, from, to);
        }
    }

    public Session close(long utcMillis, String reason) {
        Session s = current;
        if (s == null) {
            return null;
        }
        s.end(utcMillis, reason);
        ended.add(s);
        current = null;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("sessionId", s.id());
        f.put("endReason", reason);
        f.put("runs", s.runs().size());
        f.put("strokes", s.strokes());
        f.put("activeSeconds", s.activeNanos() / 1e9);
        f.put("changes", s.changes().size());
        telemetry.offerEvent(new TelemetryEvent("session.end", utcMillis, f));
        telemetry.sessionChanged(null);
        return s;
    }

    public Session current() {
        return current;
    }

    public boolean runActive() {
        return current != null && runNumber > current.runCount();
    }

    public List<Session> endedSessions() {
        return List.copyOf(ended);
    }

    /** Six random hex digits, drawn once per power-on (not on the control path). */
    static String bootToken() {
        return String.format(Locale.ROOT, "%06x", new java.security.SecureRandom().nextInt(1 << 24));
    }
}
