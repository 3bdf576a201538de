package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.firmware.treatment.CartridgeAcceptance;
import com.needlepen.hal.PanelButton;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H28: the control loop never waits without a bound on work it handed to another thread. The
 * session's first run waits until its cartridge is on record (H24); storage that hangs (an fsync that
 * never returns) used to hold the pen in CHECKING for ever. Now the wait ends after 2 s in F20, with
 * the needles never having moved and the session closed on the fault.
 */
class BoundedWaitTest {

    /** A ledger whose storage has hung: nothing is used, and a record is never written nor failed. */
    static final class HungLedger implements CartridgeLedger {
        int records;

        @Override
        public Entry find(String id) {
            return null;
        }

        @Override
        public Receipt record(String id, String sessionId, long utcMillis) {
            records++;
            return new Receipt() {
                @Override
                public boolean done() {
                    return false;
                }

                @Override
                public String failure() {
                    return null;
                }
            };
        }
    }

    @Tag("H28")
    @Test
    void givenStorageThatHangsWhenTheCartridgeIsRecorded_thenTheWaitEndsInF20WithinItsBoundAndTheNeedlesNeverMove() {
        HungLedger ledger = new HungLedger();
        PenBench bench = new PenBench(ProfileLoader.bundled("sim"), "12-pin", 1.0, 100, "np-sim-0001", 41,
                TelemetrySink.NONE, ledger).insertCartridge("CART-HUNG").ready();
        double turns = bench.sim.shaftTurns();
        long excursions = bench.sim.trueExcursions();
        bench.click(PanelButton.START_STOP);
        assertThat(bench.runner.runUntil(() -> ledger.records > 0, 10 * S)).as("the session opened").isTrue();
        long asked = bench.now();
        assertThat(bench.runner.runUntil(() -> bench.controller.status().state() == PenState.FAULT, 10 * S)).isTrue();
        long waitedMs = (bench.now() - asked) / 1_000_000;
        assertThat(bench.controller.status().fault()).isEqualTo(FaultCode.F20_WAIT_TIMED_OUT);
        assertThat(bench.controller.status().faultDetail()).contains("not on record 2 s after the session opened");
        assertThat(waitedMs).as("ms from the record asked to F20")
                .isBetween(CartridgeAcceptance.RECORD_BOUND_NANOS / 1_000_000, CartridgeAcceptance.RECORD_BOUND_NANOS / 1_000_000 + 5);
        // the winding's measurement in CHECKING (H33) turns the cam a couple of degrees against its spring, inside the
        // index window; the needles never came out
        assertThat(Math.abs(bench.sim.shaftTurns() - turns)).as("the shaft, in turns").isLessThan(0.01);
        assertThat(bench.sim.trueExcursions()).as("the needles never moved").isEqualTo(excursions);
        assertThat(bench.controller.sessions().current()).isNull();
        assertThat(bench.controller.sessions().endedSessions()).singleElement()
                .satisfies(s -> assertThat(s.endReason()).startsWith("fault F20"));
    }
}
