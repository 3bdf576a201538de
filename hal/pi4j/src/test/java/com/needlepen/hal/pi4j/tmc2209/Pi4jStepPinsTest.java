package com.needlepen.hal.pi4j.tmc2209;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** STEP and DIR on Pi4J's mock outputs: a pulse is HIGH then LOW, DIR's polarity as wired. */
class Pi4jStepPinsTest {

    private final Context pi4j = Pi4J.newContextBuilder().add(MockDigitalOutputProvider.newInstance()).build();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private DigitalOutput output(String id, int bcm) {
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(bcm)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW).provider(MockDigitalOutputProvider.class));
    }

    @Test
    void aStepIsARisingThenAFallingEdgeAndDirFollowsTheWiring() {
        DigitalOutput step = output("collar-step", 20);
        DigitalOutput dir = output("collar-dir", 21);
        List<DigitalState> edges = new ArrayList<>();
        step.addListener(e -> edges.add(e.state()));
        Pi4jStepPins pins = new Pi4jStepPins(step, dir, false);

        pins.direction(true);
        assertThat(dir.state()).isEqualTo(DigitalState.LOW); // deeper is LOW on this wiring
        pins.direction(false);
        assertThat(dir.state()).isEqualTo(DigitalState.HIGH);
        pins.step();
        pins.step();

        assertThat(edges).containsExactly(DigitalState.HIGH, DigitalState.LOW, DigitalState.HIGH, DigitalState.LOW);
        assertThat(step.state()).isEqualTo(DigitalState.LOW);
    }
}
