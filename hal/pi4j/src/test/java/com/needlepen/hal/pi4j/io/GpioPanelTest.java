package com.needlepen.hal.pi4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.firmware.panel.PanelInputs;
import com.needlepen.hal.PanelButton;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The panel on Pi4J's mock GPIO provider: start/stop and the footswitch read low as pressed, a line that cannot be
 * read reads released, the expander's buttons come from its poll; the firmware's 5 ms debounce over these lines in
 * virtual time.
 */
class GpioPanelTest {

    private static final long MS = 1_000_000L;
    private final Context pi = MockLines.context();
    private final DigitalLines lines = new DigitalLines(pi);
    private final DigitalInput startStop = lines.inputPulledUp("start-stop", 5);
    private final DigitalInput footswitch = lines.inputPulledUp("footswitch", 6);
    private final Set<PanelButton> expanderHeld = EnumSet.noneOf(PanelButton.class);
    private final GpioPanel panel = new GpioPanel(startStop, footswitch, expanderHeld::contains);

    @AfterEach
    void shutdown() {
        pi.shutdown();
    }

    @Test
    void givenEachDirectLine_whenPulledLowThenHigh_thenPressedThenReleased() {
        MockLines.level(startStop, DigitalState.HIGH);
        MockLines.level(footswitch, DigitalState.HIGH);
        assertThat(panel.isPressed(PanelButton.START_STOP)).isFalse();
        assertThat(panel.isPressed(PanelButton.FOOTSWITCH)).isFalse();
        MockLines.level(startStop, DigitalState.LOW);
        assertThat(panel.isPressed(PanelButton.START_STOP)).isTrue();
        assertThat(panel.isPressed(PanelButton.FOOTSWITCH)).isFalse();
        MockLines.level(footswitch, DigitalState.LOW);
        assertThat(panel.isPressed(PanelButton.FOOTSWITCH)).isTrue();
        MockLines.level(startStop, DigitalState.HIGH);
        assertThat(panel.isPressed(PanelButton.START_STOP)).isFalse();
    }

    @Test
    void givenTheExpandersButtons_thenEachIsReadFromItAndTheDirectLinesAreNot() {
        MockLines.level(startStop, DigitalState.HIGH);
        MockLines.level(footswitch, DigitalState.HIGH);
        for (PanelButton b : PanelButton.values()) {
            if (b == PanelButton.START_STOP || b == PanelButton.FOOTSWITCH) {
                continue;
            }
            expanderHeld.clear();
            expanderHeld.add(b);
            for (PanelButton other : PanelButton.values()) {
                assertThat(panel.isPressed(other)).as("%s held, %s", b, other).isEqualTo(other == b);
            }
        }
        // the expander cannot press the stop path's buttons
        expanderHeld.add(PanelButton.START_STOP);
        expanderHeld.add(PanelButton.FOOTSWITCH);
        assertThat(panel.isPressed(PanelButton.START_STOP)).isFalse();
        assertThat(panel.isPressed(PanelButton.FOOTSWITCH)).isFalse();
    }

    @Test
    void givenALineThatCannotBeRead_thenItReadsReleased() {
        // a line whose read fails (the chip gone, the kernel refusing): Pi4J throws from state()
        DigitalInput broken = (DigitalInput) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DigitalInput.class}, (proxy, method, args) -> {
                    throw new com.pi4j.io.exception.IOException("line read failed");
                });
        GpioPanel failing = new GpioPanel(broken, broken, b -> true);
        assertThat(failing.isPressed(PanelButton.FOOTSWITCH)).isFalse();
        assertThat(failing.isPressed(PanelButton.START_STOP)).isFalse();
        assertThat(new GpioBrakeMonitor(broken).brakeClosed()).as("the brake monitor reads energised").isFalse();
    }

    @Test
    void givenAFootswitchThatBouncesFor4ms_whenTheFirmwareSamplesItEveryMillisecond_thenOnePressAfterItHeld5ms() {
        MockLines.level(footswitch, DigitalState.HIGH);
        PanelInputs inputs = new PanelInputs(panel);
        long t = 0;
        inputs.sample(t);
        // contact bounce: low, high, low, high at 1 ms steps, then held low
        DigitalState[] bounce = {DigitalState.LOW, DigitalState.HIGH, DigitalState.LOW, DigitalState.HIGH};
        int presses = 0;
        for (DigitalState s : bounce) {
            t += MS;
            MockLines.level(footswitch, s);
            inputs.sample(t);
            presses += inputs.pressed(PanelButton.FOOTSWITCH) ? 1 : 0;
        }
        assertThat(presses).as("no press while it bounces").isZero();
        MockLines.level(footswitch, DigitalState.LOW);
        long heldFrom = t + MS;
        long pressedAt = -1;
        for (int i = 0; i < 20; i++) {
            t += MS;
            inputs.sample(t);
            if (inputs.pressed(PanelButton.FOOTSWITCH)) {
                presses++;
                pressedAt = t;
            }
        }
        assertThat(presses).isEqualTo(1);
        assertThat(pressedAt - heldFrom).isGreaterThanOrEqualTo(PanelInputs.DEBOUNCE_NANOS - MS)
                .isLessThanOrEqualTo(PanelInputs.DEBOUNCE_NANOS + MS);
        assertThat(inputs.held(PanelButton.FOOTSWITCH)).isTrue();
    }
}
