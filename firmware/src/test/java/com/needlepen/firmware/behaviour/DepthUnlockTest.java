package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Depths above the 1.5 mm ceiling (H10 in docs/safety.md): only on a profile that unlocks them,
 * only after the practitioner confirms on the panel at the start of a session, and only for that
 * session.
 */
@Tag("H10")
class DepthUnlockTest {

    static PenBench unlockedBench(long seed) {
        DeviceProfile profile = unlocked();
        return new PenBench(profile, "12-pin", 1.0, 100, seed, TelemetrySink.NONE).insertCartridge("CART-U" + seed)
                .ready();
    }

    @Test
    void givenAProfileThatUnlocksWhenADeeperDepthIsConfirmedAtSessionStartThenItIsSetForThatSessionOnly() {
        PenBench bench = unlockedBench(1);
        bench.controller.submit(Request.depth(2.0));
        bench.run(5 * MS);
        assertThat(bench.controller.status().depthMm()).isEqualTo(1.0);
        assertThat(bench.controller.status().lastRefusal()).isEqualTo(
                "depth 2.00 mm is above the 1.50 mm ceiling: press CONFIRM to unlock depths to 2.50 mm for this session");
        assertThat(bench.sim.displayLine(3)).isEqualTo("CONFIRM: 2.00 mm?");

        bench.click(PanelButton.CONFIRM);
        assertThat(bench.controller.status().depthMm()).isEqualTo(2.0);
        bench.ready();
        bench.sim.setSkinContact(true);
        bench.click(PanelButton.START_STOP).running().spunUp();
        bench.sim.resetPeakProtrusion();
        bench.run(300 * MS);
        assertThat(bench.sim.peakProtrusionMm()).isBetween(1.9, 2.1);

        // after the session's first run, no further unlocking: but the unlocked range stays for the session
        // (set between runs: while the needles run the depth goes deeper only a step at a time, H27)
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
        bench.controller.submit(Request.depth(2.25));
        bench.run(5 * MS);
        assertThat(bench.controller.status().depthMm()).isEqualTo(2.25);

        bench.controller.submit(Request.endSession());
        assertThat(bench.runner.runUntil(() -> bench.controller.sessions().current() == null, 5 * S)).isTrue();
        assertThat(bench.controller.status().depthMm()).as("relocked with the session's end").isEqualTo(1.5);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().readyToStart(), 5 * S)).isTrue();
        assertThat(bench.sim.trueDepthMm()).isLessThan(1.6);
        bench.controller.submit(Request.depth(1.55));
        bench.run(5 * MS);
        assertThat(bench.controller.status().depthMm()).isEqualTo(1.5);
    }

    @Test
    void givenASessionThatHasRunWhenADeeperDepthIsAskedThenItCannotBeUnlockedAnyMore() {
        PenBench bench = unlockedBench(2);
        bench.click(PanelButton.START_STOP).running().run(200 * MS);
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
        bench.controller.submit(Request.depth(2.0));
        bench.run(5 * MS);
        bench.click(PanelButton.CONFIRM);
        assertThat(bench.controller.status().depthMm()).isEqualTo(1.0);
        assertThat(bench.controller.status().lastRefusal()).isEqualTo("nothing to confirm");
    }

    @Test
    void givenTheBundledProfileThatDoesNotUnlockThenConfirmChangesNothing() {
        PenBench bench = PenBench.sim("12-pin", 1.0, 100, 3).insertCartridge().ready();
        bench.controller.submit(Request.depth(2.0));
        bench.run(5 * MS);
        assertThat(bench.controller.status().lastRefusal()).isEqualTo("depth 2 mm is above the 1.50 mm ceiling of profile sim");
        bench.click(PanelButton.CONFIRM);
        assertThat(bench.controller.status().depthMm()).isEqualTo(1.0);
        assertThat(bench.controller.status().lastRefusal()).isEqualTo("nothing to confirm");
    }

    @Test
    void givenAnUnlockedDeepDepthWhenAFaultLatchesThenTheUnlockEndsAndTheCollarRetractsAtOnce() {
        PenBench bench = unlockedBench(4);
        bench.controller.submit(Request.depth(2.5));
        bench.run(5 * MS);
        bench.click(PanelButton.CONFIRM).ready();
        bench.click(PanelButton.START_STOP).running().spunUp();
        bench.sim.inject(com.needlepen.hal.sim.SimFault.CARTRIDGE_PULLED);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 10 * MS)).isTrue();
        assertThat(bench.controller.status().depthMm()).isEqualTo(1.5);
        bench.run(S);
        assertThat(bench.sim.trueDepthMm()).as("retracted to the ceiling's approach point").isLessThan(1.5);
    }

    /** The sim profile with depths above the 1.5 mm ceiling unlocked. */
    static DeviceProfile unlocked() {
        try (var in = DepthUnlockTest.class.getResourceAsStream("/profiles/sim.yaml")) {
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("unlockAboveCeiling: false", "unlockAboveCeiling: true");
            return com.needlepen.config.ProfileLoader.parse(yaml, "sim-unlocked.yaml");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
