package com.needlepen.hal.pi4j.io;

import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.Indicators;
import com.needlepen.hal.LedPattern;
import com.pi4j.io.gpio.digital.DigitalOutput;

/**
 * The status LED (RGB, one GPIO per element, high lights it) and the active buzzer (high sounds it). The firmware
 * sets a pattern; {@link #poll(long)}, on the backend's service thread, plays it: the control tick never waits on
 * a line. A new buzzer pattern plays from the poll that first sees it; ACK, REFUSED and WARNING sound once (one,
 * two, three {@value #BEEP_MILLIS} ms beeps) and then stay silent until the firmware sets another; ALARM sounds
 * until it does. Lines are written only when their level changes.
 */
public final class GpioIndicators implements Indicators {

    static final long BEEP_MILLIS = 60;
    private static final long MS = 1_000_000L;
    /** BUSY blinks blue at 1 Hz; FAULT blinks red at 4 Hz. */
    private static final long SLOW_HALF_PERIOD = 500 * MS;
    private static final long FAST_HALF_PERIOD = 125 * MS;

    private final DigitalOutput red;
    private final DigitalOutput green;
    private final DigitalOutput blue;
    private final DigitalOutput buzzerLine;
    private volatile LedPattern led = LedPattern.OFF;
    private volatile BuzzerPattern buzzer = BuzzerPattern.SILENT;
    /** Bumped by every setBuzzer, so the same one-shot pattern set again sounds again. */
    private volatile int buzzerRequests;
    private int buzzerRequestsPlayed = -1;
    private long buzzerStartNanos;
    private BuzzerPattern playing = BuzzerPattern.SILENT;
    private final boolean[] levels = new boolean[4];
    private final boolean[] written = new boolean[4];

    public GpioIndicators(DigitalOutput red, DigitalOutput green, DigitalOutput blue, DigitalOutput buzzer) {
        this.red = red;
        this.green = green;
        this.blue = blue;
        this.buzzerLine = buzzer;
    }

    @Override
    public void setLed(LedPattern pattern) {
        led = pattern;
    }

    @Override
    public LedPattern led() {
        return led;
    }

    @Override
    public void setBuzzer(BuzzerPattern pattern) {
        buzzer = pattern;
        buzzerRequests++;
    }

    @Override
    public BuzzerPattern buzzer() {
        return buzzer;
    }

    /** Plays the patterns at {@code nowNanos}: call every few milliseconds from the service thread. */
    public void poll(long nowNanos) {
        LedPattern l = led;
        boolean slowOn = (nowNanos / SLOW_HALF_PERIOD) % 2 == 0;
        boolean fastOn = (nowNanos / FAST_HALF_PERIOD) % 2 == 0;
        levels[0] = l == LedPattern.RUNNING || l == LedPattern.FAULT && fastOn;
        levels[1] = l == LedPattern.READY || l == LedPattern.RUNNING;
        levels[2] = l == LedPattern.BUSY && slowOn;
        int requests = buzzerRequests;
        if (requests != buzzerRequestsPlayed) {
            buzzerRequestsPlayed = requests;
            playing = buzzer;
            buzzerStartNanos = nowNanos;
        }
        levels[3] = sounds(playing, nowNanos - buzzerStartNanos);
        write(0, red);
        write(1, green);
        write(2, blue);
        write(3, buzzerLine);
    }

    /** Whether {@code pattern}, started {@code sinceNanos} ago, sounds now. */
    static boolean sounds(BuzzerPattern pattern, long sinceNanos) {
        int beeps = switch (pattern) {
            case SILENT -> 0;
            case ACK -> 1;
            case REFUSED -> 2;
            case WARNING -> 3;
            case ALARM -> -1;
        };
        if (beeps < 0) {
            return true;
        }
        long slot = sinceNanos / (BEEP_MILLIS * MS); // beep, gap, beep, gap...
        return slot < 2L * beeps && slot % 2 == 0;
    }

    private void write(int i, DigitalOutput line) {
        if (levels[i] == written[i] && buzzerRequestsPlayed >= 0) {
            return;
        }
        try {
            if (levels[i]) {
                line.high();
            } else {
                line.low();
            }
            written[i] = levels[i];
        } catch (RuntimeException e) {
            // an indicator that cannot be written is not a safety function; the next poll tries again
        }
    }
}
