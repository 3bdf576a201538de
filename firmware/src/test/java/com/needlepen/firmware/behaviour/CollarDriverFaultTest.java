package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.safety.CollarDriverCheck;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.CollarDriverFault;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * H54, the collar's stepper driver failing: a chip reset zeroes its position count and its encoder count together
 * (so the collar position check, which compares the two, sees nothing), and every depth set afterwards lands the
 * lost count deeper; over-temperature, shorted or open coils, or silence on its bus leave the collar unheld or its
 * count unknown. The driver's own report is F37 ({@link CollarDriverCheck}).
 */
@Tag("H54")
class CollarDriverFaultTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");

    static List<SafetyCheck> withoutTheCollarDriverCheck(SafetyInputs in) {
        return SafetyChecks.standard(in).stream().filter(c -> !(c instanceof CollarDriverCheck)).toList();
    }

    private static PenBench runningAt1mm(Function<SafetyInputs, List<SafetyCheck>> checks) {
        PenBench bench = PenBench.wired(SIM, "12-pin", 1.0, 100, 7, hw -> hw, checks).insertCartridge();
        bench.ready();
        bench.sim.setSkinContact(true);
        bench.click(PanelButton.START_STOP).running().spunUp();
        bench.run(S);
        return bench;
    }

    @Test
    void givenTheCollarDriverResetWhileRunning_thenF37AtOnce_theNeedlesStopParked_andTheCollarGoesNoDeeper() {
        PenBench bench = runningAt1mm(SafetyChecks::standard);
        double before = bench.sim.trueDepthMm();
        bench.sim.inject(SimFault.COLLAR_DRIVER_RESET);
        long at = bench.now();
        while (bench.controller.status().fault() == null && bench.now() - at < S) {
            bench.run(MS);
        }
        System.out.printf("H54 collar driver reset while running at 1.0 mm: %s after %d ms (%s)%n",
                bench.controller.status().fault(), (bench.now() - at) / MS, bench.controller.status().faultDetail());
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F37_COLLAR_DRIVER_FAULT);
        assertThat(bench.now() - at).isLessThanOrEqualTo(2 * MS);
        // the practitioner presses depth up after the fault: refused, the collar stays
        bench.click(PanelButton.DEPTH_UP);
        bench.run(3 * S);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.FAULT);
        assertThat(bench.sim.trueDepthMm()).isLessThanOrEqualTo(before + 0.005);
        CamAngle.assertTipsHiddenByTheCam(bench.sim, SIM);
    }

    @Test
    void givenTheCollarDriverResetWhileRunningWithoutTheCheck_whenTheDepthIsRaisedOneStep_thenTheNeedlesGoAMillimetreDeeperThanSet() {
        PenBench bench = runningAt1mm(CollarDriverFaultTest::withoutTheCollarDriverCheck);
        bench.sim.inject(SimFault.COLLAR_DRIVER_RESET);
        bench.run(10 * MS);
        bench.click(PanelButton.DEPTH_UP);
        bench.run(3 * S);
        double set = bench.controller.status().depthMm();
        System.out.printf("H54 without the check: after the reset and one step up the depth is set to %.2f mm, the"
                        + " collar truly at %.3f mm, state %s fault %s%n", set, bench.sim.trueDepthMm(),
                bench.controller.status().state(), bench.controller.status().fault());
        assertThat(set).isEqualTo(1.05);
        assertThat(bench.sim.trueDepthMm()).isGreaterThan(set + 0.5);
    }

    @ParameterizedTest
    @EnumSource(CollarDriverFault.class)
    void givenAReadyPen_whenTheCollarDriverReportsAnyFault_thenF37NamingItOnTheNextTick(CollarDriverFault fault) {
        PenBench bench = PenBench.wired(SIM, "12-pin", 1.0, 100, 7, hw -> hw, SafetyChecks::standard).insertCartridge();
        bench.ready();
        bench.run(100 * MS);
        assertThat(bench.controller.status().fault()).isNull();
        bench.sim.setCollarDriverFaults(fault.bit());
        bench.run(2 * MS);
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F37_COLLAR_DRIVER_FAULT);
        assertThat(bench.controller.status().faultDetail()).startsWith("the collar's driver reports ");
    }
}
