package com.needlepen.firmware.telemetry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as plain fields, so the control loop fills a preallocated slot and a sink copies it
 * into preallocated slots of its own without allocating (as {@link TelemetrySample} is for
 * samples): its type, when it happened by the device's UTC clock, and its fields in order, each a
 * key (a constant) and a long, double, boolean or string value. Strings are kept by reference: a
 * constant or an enum's name costs nothing; a string built for the event (a fault's detail, a
 * refusal's reason) was allocated by whoever built it, outside the steady RUNNING tick.
 *
 * <p>Not thread-safe: one thread fills a slot; a ring hands copies to another thread with a safe
 * publication.
 */
public final class EventSlot {

    static final byte LONG = 0;
    static final byte DOUBLE = 1;
    static final byte BOOLEAN = 2;
    static final byte STRING = 3;
    /** Any other value, encoded as Jackson encodes it (only from {@link #copyFrom(TelemetryEvent)}). */
    static final byte OBJECT = 4;

    /** More fields than any event has today (session.start has seven); a longer event grows its slot once. */
    private static final int INITIAL_FIELDS = 8;

    private String type;
    private long utcEpochMillis;
    private int size;
    private String[] keys = new String[INITIAL_FIELDS];
    private byte[] kinds = new byte[INITIAL_FIELDS];
    private long[] bits = new long[INITIAL_FIELDS];
    private Object[] refs = new Object[INITIAL_FIELDS];

    /** Empties the slot for a new event of {@code type}; returns it for its fields. */
    public EventSlot start(String type, long utcEpochMillis) {
        Arrays.fill(refs, 0, size, null);
        this.type = type;
        this.utcEpochMillis = utcEpochMillis;
        this.size = 0;
        return this;
    }

    public EventSlot put(String key, long value) {
        int i = add(key, LONG); // before the array is named: adding may grow it
        bits[i] = value;
        return this;
    }

    public EventSlot put(String key, double value) {
        int i = add(key, DOUBLE); // before the array is named: adding may grow it
        bits[i] = Double.doubleToRawLongBits(value);
        return this;
    }

    public EventSlot put(String key, boolean value) {
        int i = add(key, BOOLEAN); // before the array is named: adding may grow it
        bits[i] = value ? 1 : 0;
        return this;
    }

    /** A string value (null is encoded as JSON null). */
    public EventSlot put(String key, String value) {
        int i = add(key, STRING); // before the array is named: adding may grow it
        refs[i] = value;
        return this;
    }

    /** Copies {@code o} into this slot; allocates nothing unless {@code o} has more fields than this slot has held. */
    public void copyFrom(EventSlot o) {
        ensureCapacity(o.size);
        int old = size;
        type = o.type;
        utcEpochMillis = o.utcEpochMillis;
        size = o.size;
        System.arraycopy(o.keys, 0, keys, 0, size);
        System.arraycopy(o.kinds, 0, kinds, 0, size);
        System.arraycopy(o.bits, 0, bits, 0, size);
        System.arraycopy(o.refs, 0, refs, 0, size);
        if (old > size) {
            Arrays.fill(refs, size, old, null);
        }
    }

    /**
     * Fills this slot from an event built as an object (the session's start and end): integral
     * numbers become longs, doubles doubles, and any other value is kept to be encoded as Jackson
     * encodes it, so the JSON is the same either way.
     */
    public void copyFrom(TelemetryEvent e) {
        start(e.type(), e.utcEpochMillis());
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            Object v = f.getValue();
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                put(f.getKey(), ((Number) v).longValue());
            } else if (v instanceof Double d) {
                put(f.getKey(), d.doubleValue());
            } else if (v instanceof Boolean b) {
                put(f.getKey(), b.booleanValue());
            } else if (v == null || v instanceof String) {
                put(f.getKey(), (String) v);
            } else {
                int i = add(f.getKey(), OBJECT);
                refs[i] = v;
            }
        }
    }

    /** The same event as an object, for sinks that keep events (tests, tools); allocates. */
    public TelemetryEvent toEvent() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            fields.put(keys[i], value(i));
        }
        return new TelemetryEvent(type, utcEpochMillis, fields);
    }

    public String type() {
        return type;
    }

    public long utcEpochMillis() {
        return utcEpochMillis;
    }

    /** How many fields the event has. */
    public int size() {
        return size;
    }

    String key(int i) {
        return keys[i];
    }

    byte kind(int i) {
        return kinds[i];
    }

    long longValue(int i) {
        return bits[i];
    }

    double doubleValue(int i) {
        return Double.longBitsToDouble(bits[i]);
    }

    boolean booleanValue(int i) {
        return bits[i] != 0;
    }

    Object ref(int i) {
        return refs[i];
    }

    /** Field {@code i}'s value, boxed. */
    private Object value(int i) {
        return switch (kinds[i]) {
            case LONG -> bits[i];
            case DOUBLE -> doubleValue(i);
            case BOOLEAN -> booleanValue(i);
            default -> refs[i];
        };
    }

    private int add(String key, byte kind) {
        ensureCapacity(size + 1);
        keys[size] = key;
        kinds[size] = kind;
        return size++;
    }

    private void ensureCapacity(int fields) {
        if (fields > keys.length) {
            int n = Math.max(fields, 2 * keys.length);
            keys = Arrays.copyOf(keys, n);
            kinds = Arrays.copyOf(kinds, n);
            bits = Arrays.copyOf(bits, n);
            refs = Arrays.copyOf(refs, n);
        }
    }
}
