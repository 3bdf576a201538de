package com.needlepen.hal.pi4j.io;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;

/** A Pi4J context on Pi4J's own mock GPIO providers, as a test's Pi. */
final class MockLines {

    private MockLines() {
    }

    static Context context() {
        return Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
    }

    /** Drives a mock input's level, as the wire would. */
    static void level(DigitalInput in, DigitalState state) {
        ((MockDigitalInput) in).mockState(state);
    }
}
