package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.Request;
import com.needlepen.firmware.safety.CartridgeSwapCheck;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.SafetyInputs;
import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.firmware.session.Session;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H37: a cartridge swapped inside a session, between two of its runs. The ledger records a
 * session's cartridge when the session opens (H24); a cartridge put in while the cam parks
 * (STOPPING) or while the collar checks (CHECKING) would run inside a session the ledger recorded
 * only the first for. {@link CartridgeSwapCheck} holds the inserted cartridge against the session's
 * when the present switch closes again and at every run start: F27, naming both ids; the session
 * ends with the fault, and the new cartridge needs a session of its own, through the ledger.
 */
@Tag("H37")
class CartridgeSwapTest {

    private static Function<SafetyInputs, List<SafetyCheck>> withoutSwapCheck() {
        return in -> {
            List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
            all.removeIf(CartridgeSwapCheck.class::isInstance);
            return all;
        };
    }

    /** A ledger in which CART-B already served a session of another client. */
    private static CartridgeLedger ledgerWithBUsed() {
        CartridgeLedger ledger = CartridgeLedger.inMemory();
        ledger.record("CART-B", "np-sim-0001-20261231T090000Z-abcdef-1", 1_798_707_600_000L);
        return ledger;
    }

    private static PenBench bench(CartridgeLedger ledger, Function<SafetyInputs, List<SafetyCheck>> checks) {
        return new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, "np-sim-0001", 11, TelemetrySink.NONE,
                ledger, checks);
    }

    /** A first run on CART-A, then stop: returns with the pen in STOPPING (the cam parking). */
    private static Session firstRunThenStopping(PenBench bench) {
        bench.insertCartridge("CART-A").ready();
        bench.click(PanelButton.START_STOP).running().run(300 * MS);
        Session session = bench.controller.sessions().current();
        assertThat(session.cartridgeId()).isEqualTo("CART-A");
        bench.sim.press(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.STOPPING, 100 * MS)).isTrue();
        bench.sim.release(PanelButton.START_STOP);
        return session;
    }

    /** Pulls the cartridge and puts {@code other} in 5 ms later. */
    private static void swapTo(PenBench bench, CartridgeInfo other) {
        bench.sim.inject(SimFault.CARTRIDGE_PULLED);
        bench.run(5 * MS);
        bench.sim.insertCartridge(other);
    }

    @Tag("H39") // fluid ingress: a used cartridge, swapped in, does not run on the next client
    @Test
    void givenACartridgeSwappedWhileTheCamParks_thenF27NamesBothAndTheNextStartDoesNotRunOnTheOldSession() {
        CartridgeLedger ledger = ledgerWithBUsed();
        PenBench bench = bench(ledger, SafetyChecks::standard);
        Session first = firstRunThenStopping(bench);
        swapTo(bench, new CartridgeInfo("CART-B", 12));
        long at = bench.now();
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 10 * MS)).isTrue();
        System.out.printf("H37: swapped while parking: %s after %d ms: %s%n", bench.controller.status().fault(),
                (bench.now() - at) / MS, bench.controller.status().faultDetail());
        assertThat(bench.now() - at).as("at the tick the switch closed again").isLessThanOrEqualTo(MS);
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F27_CARTRIDGE_SWAPPED);
        assertThat(bench.controller.status().faultDetail()).contains("CART-A").contains("CART-B").contains(first.id());
        assertThat(first.ended()).isTrue();
        assertThat(first.endReason()).startsWith("fault F27").contains("CART-A").contains("CART-B");
        assertThat(bench.runner.runUntil(bench.sim::shaftAtRest, 500 * MS)).isTrue();
        CamAngle.assertTipsHiddenByTheCam(bench.sim, bench.profile);

        // acknowledged and re-homed: CART-B must open a session of its own, and the ledger knows it as used
        bench.controller.submit(Request.acknowledge());
        bench.run(2 * MS);
        bench.ready();
        long excursions = bench.sim.trueExcursions();
        bench.click(PanelButton.START_STOP).run(3 * S);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(bench.controller.status().lastRefusal()).startsWith("cartridge CART-B was used in session");
        assertThat(bench.sim.trueExcursions()).as("the needles never ran on CART-B").isEqualTo(excursions);
        assertThat(bench.controller.sessions().current()).isNull();
    }

    @Test
    void givenACartridgeSwappedWhileTheCamParksWithoutTheSwapCheck_thenAUsedCartridgeRunsInsideTheOldSession() {
        PenBench bench = bench(ledgerWithBUsed(), withoutSwapCheck());
        Session first = firstRunThenStopping(bench);
        swapTo(bench, new CartridgeInfo("CART-B", 12));
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
        bench.click(PanelButton.START_STOP).running().run(300 * MS);
        // the harm: CART-B, used on another client, strokes inside a session the ledger recorded for CART-A only
        assertThat(bench.controller.status().state()).isEqualTo(PenState.RUNNING);
        assertThat(bench.controller.sessions().current()).isSameAs(first);
        assertThat(bench.sim.shaftAtRest()).isFalse();
    }

    @Test
    void givenACartridgeSwappedWhileTheCollarChecksBeforeTheSecondRun_thenF27BeforeTheNeedlesMove() {
        CartridgeLedger ledger = CartridgeLedger.inMemory();
        PenBench bench = bench(ledger, SafetyChecks::standard);
        Session first = firstRunThenStopping(bench);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
        long excursions = bench.sim.trueExcursions();
        bench.sim.press(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.CHECKING, 100 * MS)).isTrue();
        bench.sim.release(PanelButton.START_STOP);
        bench.run(200 * MS);
        swapTo(bench, new CartridgeInfo("CART-C", 12)); // a new one, but not the session's
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 3 * S)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F27_CARTRIDGE_SWAPPED);
        assertThat(first.endReason()).contains("CART-A").contains("CART-C");
        assertThat(bench.sim.trueExcursions()).as("the second run never started").isEqualTo(excursions);

        // CART-C is new: acknowledged and re-homed, it runs in a session of its own, on record in the ledger
        bench.controller.submit(Request.acknowledge());
        bench.run(2 * MS);
        bench.ready();
        bench.click(PanelButton.START_STOP).running();
        Session second = bench.controller.sessions().current();
        assertThat(second).isNotSameAs(first);
        assertThat(second.cartridgeId()).isEqualTo("CART-C");
        assertThat(ledger.find("CART-C")).isNotNull();
    }

    @Test
    void givenACartridgeWithoutAnIdTakenOutAndPutBackWhileTheCamParks_thenF27AndTheNextSessionNeedsConfirmAgain() {
        PenBench bench = bench(CartridgeLedger.inMemory(), SafetyChecks::standard);
        bench.sim.insertCartridge(new CartridgeInfo(null, 12));
        bench.ready();
        bench.click(PanelButton.CONFIRM).click(PanelButton.START_STOP).running().run(300 * MS);
        bench.sim.press(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.STOPPING, 100 * MS)).isTrue();
        bench.sim.release(PanelButton.START_STOP);
        swapTo(bench, new CartridgeInfo(null, 12)); // nothing tells whether it is the same one
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 10 * MS)).isTrue();
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F27_CARTRIDGE_SWAPPED);
        assertThat(bench.controller.status().faultDetail()).contains("without an id");
        bench.controller.submit(Request.acknowledge());
        bench.run(2 * MS);
        bench.ready();
        bench.click(PanelButton.START_STOP).run(100 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(bench.controller.status().lastRefusal()).contains("press CONFIRM");
    }

    @Test
    void givenTheSameCartridgeReseatedWhileTheCamParks_thenTheSessionGoesOn() {
        PenBench bench = bench(CartridgeLedger.inMemory(), SafetyChecks::standard);
        Session first = firstRunThenStopping(bench);
        swapTo(bench, new CartridgeInfo("CART-A", 12));
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
        bench.click(PanelButton.START_STOP).running();
        assertThat(bench.controller.sessions().current()).as("the same cartridge, already on record").isSameAs(first);
        assertThat(bench.controller.status().fault()).isNull();
    }

    @Test
    void givenTheSameCartridgeTakenOutInReady_thenTheSessionEndsAndPutBackItIsRefusedAsUsed() {
        PenBench bench = bench(CartridgeLedger.inMemory(), SafetyChecks::standard);
        Session first = firstRunThenStopping(bench);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
        swapTo(bench, new CartridgeInfo("CART-A", 12));
        assertThat(first.endReason()).isEqualTo("cartridge removed");
        bench.click(PanelButton.START_STOP).run(100 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(bench.controller.status().lastRefusal()).startsWith("cartridge CART-A was used in session " + first.id());
    }
}
