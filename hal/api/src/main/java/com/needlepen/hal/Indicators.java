package com.needlepen.hal;

/** The status LED and the buzzer. */
public interface Indicators {

    void setLed(LedPattern pattern);

    LedPattern led();

    void setBuzzer(BuzzerPattern pattern);

    BuzzerPattern buzzer();
}
