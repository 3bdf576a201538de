package com.needlepen.hal.sim;

import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.Indicators;
import com.needlepen.hal.LedPattern;

/** The simulated LED and buzzer: they only remember what they were told to show. */
final class SimIndicators implements Indicators {

    private LedPattern led = LedPattern.OFF;
    private BuzzerPattern buzzer = BuzzerPattern.SILENT;

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
    }

    @Override
    public BuzzerPattern buzzer() {
        return buzzer;
    }
}
