package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.firmware.session.FileCartridgeLedger;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.PanelButton;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cartridge serves one session (H24 in docs/safety.md): an id seen in an earlier session is
 * refused, across power cycles; a cartridge without an id needs the practitioner's confirmation
 * that it is new; several runs in one session are fine. The first run of a session waits until its
 * cartridge is on record.
 */
@Tag("H24")
class CartridgeReuseTest {

    @TempDir
    Path dir;

    /** A pen booted with the ledger in {@code dir}: a new bench is a power cycle. */
    PenBench boot(CartridgeLedger ledger, long seed) {
        return new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, "np-sim-0001", seed, TelemetrySink.NONE,
                ledger);
    }

    FileCartridgeLedger ledger() throws Exception {
        return FileCartridgeLedger.open(dir.resolve("cartridges.log"), Runnable::run);
    }

    /** One session of {@code runs} short runs, ended; returns the bench. */
    static PenBench session(PenBench bench, String cartridgeId, int runs) {
        bench.insertCartridge(cartridgeId).ready();
        for (int i = 0; i < runs; i++) {
            bench.click(PanelButton.START_STOP).running().run(300 * MS);
            bench.click(PanelButton.START_STOP);
            assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
        }
        bench.controller.submit(com.needlepen.firmware.Request.endSession());
        assertThat(bench.runner.runUntil(() -> bench.controller.sessions().current() == null, 5 * S)).isTrue();
        return bench;
    }

    @Tag("H39") // fluid ingress: a cartridge that drew a client's fluid is never used again
    @Test
    void givenACartridgeUsedInAnEarlierSessionWhenStartedAfterAPowerCycleThenItIsRefusedAndTheNeedlesNeverMove()
            throws Exception {
        PenBench first = session(boot(ledger(), 1), "CART-A", 3);
        assertThat(first.controller.sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.runs()).as("several runs in one session are fine").hasSize(3));
        String sessionId = first.controller.sessions().endedSessions().get(0).id();

        PenBench second = boot(ledger(), 2).insertCartridge("CART-A").ready();
        long excursions = second.sim.trueExcursions();
        second.click(PanelButton.START_STOP).run(3 * S);
        assertThat(second.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(second.controller.status().lastRefusal()).matches("cartridge CART-A was used in session " + sessionId
                + " \\(2027-01-01T00:00:\\d\\d\\.\\d{3}Z\\): a cartridge serves one session only; insert a new one");
        assertThat(second.sim.trueExcursions()).isEqualTo(excursions);
        assertThat(second.controller.sessions().current()).isNull();

        second.sim.inject(com.needlepen.hal.sim.SimFault.CARTRIDGE_PULLED);
        second.run(10 * MS);
        second.insertCartridge("CART-B").click(PanelButton.START_STOP).running();
        assertThat(Files.readAllLines(dir.resolve("cartridges.log"))).hasSize(2);
    }

    @Test
    void givenAPenThatForgetsItsCartridgesThenAUsedCartridgeRunsAgainInANewSession() {
        session(boot(CartridgeLedger.inMemory(), 1), "CART-A", 1);
        PenBench second = boot(CartridgeLedger.inMemory(), 2).insertCartridge("CART-A").ready();
        second.click(PanelButton.START_STOP).running();
        assertThat(second.controller.status().state()).as("the harm the ledger prevents: a used cartridge on a new client")
                .isEqualTo(PenState.RUNNING);
    }

    @Test
    void givenACartridgeWithoutAnIdThenAStartWaitsForTheConfirmationThatItIsNewAndRemovalForgetsIt() throws Exception {
        PenBench bench = boot(ledger(), 3);
        bench.sim.insertCartridge(new com.needlepen.hal.CartridgeInfo(null, 12));
        bench.ready();
        bench.click(PanelButton.START_STOP).run(100 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(bench.controller.status().lastRefusal())
                .isEqualTo("this cartridge carries no id: press CONFIRM to confirm it is new and unused");
        assertThat(bench.sim.displayLine(3)).isEqualTo("CONFIRM: new cart?");

        bench.click(PanelButton.CONFIRM).click(PanelButton.START_STOP).running();
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();
        bench.click(PanelButton.START_STOP).running(); // the same session, the same cartridge: no question
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.READY, S)).isTrue();

        bench.sim.inject(com.needlepen.hal.sim.SimFault.CARTRIDGE_PULLED); // ends the session, forgets the confirmation
        bench.run(10 * MS);
        bench.sim.insertCartridge(new com.needlepen.hal.CartridgeInfo(null, 12));
        bench.click(PanelButton.START_STOP).run(100 * MS);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(bench.controller.status().lastRefusal()).contains("press CONFIRM");
    }

    @Test
    void givenALedgerThatCannotBeWrittenThenTheRunDoesNotStartAndTheSessionEndsSayingWhy() throws Exception {
        Path blocker = dir.resolve("blocked");
        Files.writeString(blocker, "a file where the ledger's directory should be");
        PenBench bench = boot(FileCartridgeLedger.open(blocker.resolve("cartridges.log"), Runnable::run), 4);
        bench.insertCartridge("CART-X").ready();
        long excursions = bench.sim.trueExcursions();
        bench.click(PanelButton.START_STOP).run(3 * S);
        assertThat(bench.controller.status().state()).isEqualTo(PenState.READY);
        assertThat(bench.controller.status().lastRefusal()).startsWith("cannot record cartridge CART-X in ");
        assertThat(bench.controller.sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.endReason()).isEqualTo("cartridge not recorded"));
        assertThat(bench.sim.trueExcursions()).isEqualTo(excursions);
    }

    @Test
    void givenTheFirstRunOfASessionThenItWaitsUntilTheCartridgeRecordIsDurable() throws Exception {
        var writes = new java.util.ArrayList<Runnable>();
        PenBench bench = boot(FileCartridgeLedger.open(dir.resolve("cartridges.log"), writes::add), 5);
        bench.insertCartridge("CART-W").ready();
        bench.click(PanelButton.START_STOP).run(3 * S);
        assertThat(bench.controller.status().state()).as("waiting on the write").isEqualTo(PenState.CHECKING);
        assertThat(bench.controller.sessions().current()).isNotNull();
        writes.forEach(Runnable::run);
        bench.running();
        assertThat(Files.readString(dir.resolve("cartridges.log"))).startsWith("CART-W\t");
    }
}
