package com.needlepen.firmware.behaviour;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import com.needlepen.firmware.safety.SafetyChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
/**
 * Sequences the safety property once found to break an invariant, kept so the fix stays fixed.
 * The first: a depth lowered while the collar was still on a shallower approach leg; its momentum
 * carried it past the new target, which it then reached moving only 21 steps deeper, less than the
 * backlash, so the collar stood 0.025 mm deeper than set (H23).
 */
class SafetyPropertyRegressionTest {

    @Test
    void givenTheApproachLegSequenceFoundByThePropertyThenNoInvariantBreaks() {
        List<SafetyProperties.Action> a = List.of(
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.Release(PanelButton.START_STOP),
new SafetyProperties.Press(PanelButton.DEPTH_DOWN),
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.Release(PanelButton.START_STOP),
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.SetDepth(0.6000000000000001),
new SafetyProperties.Wait(33),
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.Wait(49),
new SafetyProperties.Wait(21),
new SafetyProperties.Wait(39),
new SafetyProperties.Release(PanelButton.START_STOP),
new SafetyProperties.Wait(12),
new SafetyProperties.SetDepth(0.6000000000000001),
new SafetyProperties.Wait(29),
new SafetyProperties.Wait(15),
new SafetyProperties.Wait(11),
new SafetyProperties.Press(PanelButton.DEPTH_DOWN),
new SafetyProperties.Skin(false),
new SafetyProperties.Press(PanelButton.PRESET),
new SafetyProperties.Wait(3),
new SafetyProperties.Wait(51),
new SafetyProperties.Release(PanelButton.RATE_UP),
new SafetyProperties.Press(PanelButton.FOOTSWITCH),
new SafetyProperties.Wait(13),
new SafetyProperties.Skin(true),
new SafetyProperties.Wait(10),
new SafetyProperties.Wait(30),
new SafetyProperties.Press(PanelButton.PRESET),
new SafetyProperties.Wait(12),
new SafetyProperties.Wait(44),
new SafetyProperties.Release(PanelButton.DEPTH_DOWN),
new SafetyProperties.Wait(26),
new SafetyProperties.SetDepth(0.2),
new SafetyProperties.Press(PanelButton.FOOTSWITCH),
new SafetyProperties.Wait(16),
new SafetyProperties.Press(PanelButton.RATE_DOWN),
new SafetyProperties.Acknowledge(),
new SafetyProperties.Release(PanelButton.RATE_UP),
new SafetyProperties.Wait(60),
new SafetyProperties.Release(PanelButton.PRESET),
new SafetyProperties.Skin(true),
new SafetyProperties.SetDepth(2.45),
new SafetyProperties.Skin(true),
new SafetyProperties.SetRate(150.0),
new SafetyProperties.Wait(5),
new SafetyProperties.Release(PanelButton.DEPTH_UP),
new SafetyProperties.Press(PanelButton.RATE_DOWN),
new SafetyProperties.SetRate(105.0),
new SafetyProperties.Press(PanelButton.FOOTSWITCH),
new SafetyProperties.SetDepth(1.1500000000000001),
new SafetyProperties.SetDepth(0.05),
new SafetyProperties.SetRate(80.0),
new SafetyProperties.SetRate(130.0),
new SafetyProperties.Release(PanelButton.DEPTH_DOWN),
new SafetyProperties.Inject(SimFault.HOME_SWITCH_STUCK_PRESSED),
new SafetyProperties.SetRate(55.0),
new SafetyProperties.SetDepth(0.05),
new SafetyProperties.Release(PanelButton.PRESET),
new SafetyProperties.Wait(54),
new SafetyProperties.Release(PanelButton.FOOTSWITCH),
new SafetyProperties.Release(PanelButton.START_STOP),
new SafetyProperties.Release(PanelButton.DEPTH_DOWN),
new SafetyProperties.SetRate(55.0),
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.Press(PanelButton.DEPTH_UP),
new SafetyProperties.Wait(30),
new SafetyProperties.Inject(SimFault.HOME_SWITCH_STUCK_PRESSED),
new SafetyProperties.Wait(59),
new SafetyProperties.SetDepth(0.1),
new SafetyProperties.SetDepth(1.1),
new SafetyProperties.Wait(13),
new SafetyProperties.Press(PanelButton.START_STOP),
new SafetyProperties.Skin(true),
new SafetyProperties.Wait(1),
new SafetyProperties.Wait(60),
new SafetyProperties.Press(PanelButton.DEPTH_DOWN),
new SafetyProperties.Skin(false),
new SafetyProperties.SetRate(55.0),
new SafetyProperties.SetDepth(0.30000000000000004),
new SafetyProperties.Release(PanelButton.PRESET),
new SafetyProperties.Wait(21),
new SafetyProperties.SetDepth(1.9000000000000001),
new SafetyProperties.Skin(false),
new SafetyProperties.SetDepth(0.7000000000000001),
new SafetyProperties.Release(PanelButton.RATE_UP),
new SafetyProperties.Wait(2),
new SafetyProperties.Release(PanelButton.FOOTSWITCH),
new SafetyProperties.Press(PanelButton.DEPTH_DOWN),
new SafetyProperties.Wait(15),
new SafetyProperties.SetDepth(0.65),
new SafetyProperties.Wait(12),
new SafetyProperties.Release(PanelButton.FOOTSWITCH));

        for (long seed = 1; seed <= 5; seed++) {
            org.assertj.core.api.Assertions.assertThat(SafetyProperties.violation(a, SafetyChecks::standard, seed))
                    .as("seed %d", seed).isNull();
        }
    }
}
