package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.firmware.behaviour.FaultInjectionTest.EventSink;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The collar's zero check under the skin's press (H42, H05): the practitioner holds the pen on skin
 * at 2 to 10 N through a start's zero check; the press compresses the collar's thread by up to
 * 15 µm, which the check, compared with an unloaded homing, used to read as steps lost (a false F16
 * in 1 of 8 starts at 10 N). It is now judged about the calibration's 5 N, so no press from 0 to
 * 10 N is a fault, while steps truly lost are still found before the needles move.
 */
class PressedZeroCheckTest {

    private static final int STARTS = 16;

    @Tag("H42")
    @Test
    void givenA10NPressHeldThroughSixteenStartsZeroChecks_thenNoneIsAFalseF16() {
        for (double press : new double[] {10.0, 0.0}) {
            EventSink sink = new EventSink();
            PenBench b = CollarZeroCheckTest.afterOneRun(CollarZeroCheckTest.bench(SafetyChecks::standard, sink));
            b.sim.setPressForceN(press);
            double shallowest = Double.NEGATIVE_INFINITY;
            double deepest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < STARTS; i++) {
                b.sim.setSkinContact(press > 0);
                b.click(PanelButton.START_STOP);
                assertThat(b.runner.runUntil(() -> b.controller.status().state() != PenState.CHECKING, 5 * S)).isTrue();
                assertThat(b.controller.status().state()).as("start %d at %.0f N: %s %s", i, press,
                        b.controller.status().fault(), b.controller.status().faultDetail()).isEqualTo(PenState.RUNNING);
                double offset = ((Number) sink.events.stream().filter(e -> e.type().equals("collar.check"))
                        .reduce((x, y) -> y).orElseThrow().fields().get("offsetMm")).doubleValue();
                shallowest = Math.max(shallowest, offset);
                deepest = Math.min(deepest, offset);
                b.run((100 + 13L * i) * MS);
                b.click(PanelButton.START_STOP);
                assertThat(b.runner.runUntil(() -> b.controller.status().readyToStart(), 3 * S)).isTrue();
            }
            System.out.printf("H42 zero check pressed at %.0f N through %d starts: switch read %.4f to %.4f mm from"
                    + " the unloaded count, no F16%n", press, STARTS, deepest, shallowest);
        }
    }

    /** Steps truly lost, or the collar pushed back, while it stood pressed at 10 N: still F16 before the needles move. */
    @Tag("H42")
    @Test
    void givenStepsLostOrTheCollarPushedBackUnderA10NPress_thenTheZeroCheckStillFaultsBeforeTheNeedlesMove() {
        for (SimFault fault : new SimFault[] {SimFault.COLLAR_STEPS_LOST, SimFault.COLLAR_PUSHED_BACK}) {
            PenBench b = CollarZeroCheckTest.afterOneRun(CollarZeroCheckTest.bench(CollarZeroCheckTest::withoutPositionCheck));
            b.sim.setPressForceN(10.0);
            b.sim.setSkinContact(true);
            b.sim.inject(fault);
            long excursions = b.sim.trueExcursions();
            b.click(PanelButton.START_STOP);
            assertThat(b.runner.runUntil(() -> b.controller.status().state() == PenState.FAULT, 5 * S)).isTrue();
            System.out.println("H42 " + fault + " under 10 N: " + b.controller.status().fault().shortCode() + " "
                    + b.controller.status().faultDetail());
            assertThat(b.controller.status().fault()).isEqualTo(FaultCode.F16_COLLAR_STEPS_LOST);
            assertThat(b.sim.trueExcursions()).isEqualTo(excursions);
        }
    }
}
