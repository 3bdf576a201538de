package com.needlepen.firmware.session;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every cartridge id that has been used in a session, so that no cartridge is used in a second
 * session (a used cartridge carries the last client's tissue). Several runs in one session on the
 * same cartridge are fine. A record must be durable before the session's first run starts: the
 * control loop polls the {@link Receipt} and starts the run only once it is {@link Receipt#done()}.
 */
public interface CartridgeLedger {

    /** What a cartridge id may look like: what the sensor reads, and what the ledger file can hold. */
    Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** {@link #ID} in words, for refusals. */
    String ID_ALLOWED = "1 to 64 of A-Z a-z 0-9 . _ : -";

    /** The first use of {@code id}, or null if it has never been used. */
    Entry find(String id);

    /** Records {@code id} as used by {@code sessionId}; the receipt says when that is durable. */
    Receipt record(String id, String sessionId, long utcMillis);

    /** One cartridge's first use. */
    record Entry(String id, long utcMillis, String sessionId) {

        /** "was used in session S (2027-01-01T00:00:05.108Z)", for refusals. */
        public String usedIn() {
            return "was used in session " + sessionId + " (" + java.time.Instant.ofEpochMilli(utcMillis) + ")";
        }
    }

    /** A record on its way to durable storage. Polled from the control thread. */
    interface Receipt {

        /** Written and synced. */
        boolean done();

        /** Why it could not be written, or null (still pending, or done). */
        String failure();
    }

    /** A receipt that is already done. */
    Receipt DONE = new Receipt() {
        @Override
        public boolean done() {
            return true;
        }

        @Override
        public String failure() {
            return null;
        }
    };

    /** A ledger that forgets at power-off: for test benches only. */
    static CartridgeLedger inMemory() {
        Map<String, Entry> used = new HashMap<>();
        return new CartridgeLedger() {
            @Override
            public Entry find(String id) {
                return used.get(id);
            }

            @Override
            public Receipt record(String id, String sessionId, long utcMillis) {
                used.putIfAbsent(id, new Entry(id, utcMillis, sessionId));
                return DONE;
            }
        };
    }
}
