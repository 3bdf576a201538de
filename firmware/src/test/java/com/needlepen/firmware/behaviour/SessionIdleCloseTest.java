package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.session.Session;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H38: one session cannot span two clients. A session is one cartridge on record; a practitioner who
 * never ends it would start the next client's treatment inside it, on the last client's cartridge,
 * and the ledger (H24) would never be asked. An open session with no run for the profile's
 * {@code safety.sessionIdleCloseMinutes} closes itself (after the collar's zero check, as any end after
 * a run), so the next start opens a new session and the used cartridge is refused. Virtual time, on
 * the sim profile with the idle close shortened to 3 s.
 */
@Tag("H38")
class SessionIdleCloseTest {

    private static DeviceProfile idleCloseAfter(String minutes) throws Exception {
        String yaml;
        try (var in = SessionIdleCloseTest.class.getResourceAsStream("/profiles/sim.yaml")) {
            yaml = new String(in.readAllBytes()).replace("sessionIdleCloseMinutes: 10", "sessionIdleCloseMinutes: " + minutes);
        }
        return ProfileLoader.parse(yaml, "sim-idle-" + minutes + ".yaml");
    }

    private static Session oneRun(PenBench bench) {
        bench.insertCartridge("CART-A").ready();
        bench.click(PanelButton.START_STOP).running().run(300 * MS);
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
        return bench.controller.sessions().current();
    }

    @Test
    void givenASessionLeftOpenWithoutARun_whenItsIdleTimePasses_thenItClosesItselfAndTheUsedCartridgeIsRefused()
            throws Exception {
        PenBench bench = new PenBench(idleCloseAfter("0.05"), "12-pin", 1.0, 100, 5, TelemetrySink.NONE); // 3 s
        Session first = oneRun(bench);
        long readyAt = bench.now();
        bench.run(2_900 * MS);
        assertThat(first.ended()).as("a pause within the treatment keeps the session").isFalse();
        assertThat(bench.runner.runUntil(first::ended, 4 * S)).isTrue();
        long closedMs = (bench.now() - readyAt) / MS;
        System.out.printf("H38: an idle session closed %d ms after its last run ended (idle close 3 s, then the"
                + " collar's zero check): %s%n", closedMs, first.endReason());
        assertThat(first.endReason()).isEqualTo("idle 0.05 min without a run");
        assertThat(closedMs).isBetween(3_000L, 6_000L);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);

        // the next client: a start does not run on the old session's cartridge
        long excursions = bench.sim.trueExcursions();
        bench.click(PanelButton.START_STOP).run(3 * S);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(bench.controller.status().lastRefusal()).startsWith("cartridge CART-A was used in session " + first.id());
        assertThat(bench.sim.trueExcursions()).isEqualTo(excursions);
    }

    @Test
    void givenAStartWithinTheIdleTime_thenTheSessionGoesOnAndItsIdleTimeStartsAgain() throws Exception {
        PenBench bench = new PenBench(idleCloseAfter("0.05"), "12-pin", 1.0, 100, 6, TelemetrySink.NONE);
        Session first = oneRun(bench);
        bench.run(2_500 * MS);
        bench.click(PanelButton.START_STOP).running().run(300 * MS);
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
        bench.run(2_500 * MS);
        assertThat(bench.controller.sessions().current()).isSameAs(first);
        assertThat(first.runs()).hasSize(2);
    }

    @Test
    void givenAGapBetweenClientsShorterThanTheIdleClose_thenTheNextClientsRunsInTheOldSession() throws Exception {
        // the harm the idle close bounds, with it set to its longest (60 min): the second client's start, 3 s after
        // the first's last run, strokes inside the first client's session on the first client's cartridge
        PenBench bench = new PenBench(idleCloseAfter("60"), "12-pin", 1.0, 100, 7, TelemetrySink.NONE);
        Session first = oneRun(bench);
        bench.run(3 * S);
        bench.click(PanelButton.START_STOP).running();
        assertThat(bench.controller.sessions().current()).isSameAs(first);
        assertThat(first.cartridgeId()).isEqualTo("CART-A");
    }
}
