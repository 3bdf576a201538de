package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.session.Session;
import com.needlepen.firmware.session.SessionRecorder;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.telemetry.TelemetrySink;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link CartridgeSwapCheck}'s moments of comparison, on a cartridge switch and a session the test
 * sets: the switch closing again, entering CHECKING or RUNNING (and no other state), a new session
 * starting afresh, and nothing compared in between (a cartridge's id is read only at those moments).
 * The simulated pen's cases are in CartridgeSwapTest.
 */
@Tag("H37")
class CartridgeSwapCheckTest {

    private final TestSensors sensors = new TestSensors();
    private final SessionRecorder sessions = new SessionRecorder("np-test", TelemetrySink.NONE, "boot");
    private final CartridgeSwapCheck check = new CartridgeSwapCheck(new SafetyInputs(ProfileLoader.bundled("sim"),
            null, null, null, null, sensors, sensors, TickTrace.system(), sessions));

    private Session open(String cartridgeId) {
        sensors.cartridgeId = cartridgeId;
        return sessions.open("12-pin", cartridgeId, 12, 1_800_000_000_000L, 0, 0.5, 100, null);
    }

    @Test
    void givenAnotherCartridgeInsertedWithoutTheSwitchOpening_thenItIsComparedOnlyAsARunStartsInCheckingOrRunning() {
        Session s = open("A-1");
        assertThat(check.check(0, PenState.READY)).isNull();
        sensors.cartridgeId = "B-2"; // a switch that never opened: the id is not read on the steady path
        assertThat(check.check(1, PenState.READY)).isNull();
        check.stateEntered(PenState.STOPPING, 2);
        check.stateEntered(PenState.READY, 3);
        check.stateEntered(PenState.HOMING, 4);
        assertThat(check.check(5, PenState.READY)).isNull();

        check.stateEntered(PenState.CHECKING, 6);
        assertThat(check.check(7, PenState.CHECKING)).isEqualTo(FaultCode.F27_CARTRIDGE_SWAPPED);
        assertThat(check.detail()).isEqualTo("session " + s.id() + " opened on cartridge A-1, cartridge B-2 is in now:"
                + " the ledger recorded only A-1");
        assertThat(check.check(8, PenState.CHECKING)).as("compared once per run start").isNull();

        check.stateEntered(PenState.RUNNING, 9);
        assertThat(check.check(10, PenState.RUNNING)).isEqualTo(FaultCode.F27_CARTRIDGE_SWAPPED);
    }

    @Test
    void givenTheSwitchOpeningAndClosingOnAnotherCartridgeInTheSameSession_thenF27AsItCloses() {
        Session s = open("A-1");
        assertThat(check.check(0, PenState.STOPPING)).isNull();
        sensors.present = false;
        assertThat(check.check(1, PenState.STOPPING)).isNull();
        sensors.present = true;
        sensors.cartridgeId = null;
        assertThat(check.check(2, PenState.STOPPING)).isEqualTo(FaultCode.F27_CARTRIDGE_SWAPPED);
        assertThat(check.detail()).isEqualTo("session " + s.id() + " opened on cartridge A-1, cartridge (no id) is in"
                + " now: the ledger recorded only A-1");
    }

    @Test
    void givenTheSameCartridgeReseated_thenTheSessionGoesOn() {
        open("A-1");
        check.check(0, PenState.STOPPING);
        sensors.present = false;
        check.check(1, PenState.STOPPING);
        sensors.present = true;
        assertThat(check.check(2, PenState.STOPPING)).isNull();
        check.stateEntered(PenState.CHECKING, 3);
        assertThat(check.check(4, PenState.CHECKING)).isNull();
    }

    @Test
    void givenASessionOnACartridgeWithoutAnId_thenItsOwnStaysUntilTheSwitchOpens_andAnyWithoutAnIdAfterThatIsF27() {
        Session s = open(null);
        check.check(0, PenState.READY);
        check.stateEntered(PenState.CHECKING, 1);
        assertThat(check.check(2, PenState.CHECKING)).isNull();
        sensors.present = false;
        check.check(3, PenState.STOPPING);
        sensors.present = true;
        assertThat(check.check(4, PenState.STOPPING)).isEqualTo(FaultCode.F27_CARTRIDGE_SWAPPED);
        assertThat(check.detail()).isEqualTo("session " + s.id() + " opened on a cartridge without an id that was"
                + " taken out: the one in now carries no id either and cannot be known to be the same");
    }

    @Test
    void givenANewSessionOpenedWhileTheSwitchWasOpenInTheOldOne_thenTheNewOneStartsWithNothingOpenedSince() {
        open(null);
        check.check(0, PenState.READY);
        sensors.present = false;
        check.check(1, PenState.READY); // opened within the first session
        sessions.close(1_800_000_001_000L, "cartridge removed");
        assertThat(check.check(2, PenState.READY)).isNull();
        sensors.present = true;
        open(null); // a new session on the cartridge now in
        assertThat(check.check(3, PenState.READY)).as("the switch closing opened the session: no swap").isNull();
        check.stateEntered(PenState.CHECKING, 4);
        assertThat(check.check(5, PenState.CHECKING)).isNull();
    }

    @Test
    void givenNoSession_thenNothingIsCompared_andARunStartBeforeOneOpensIsNotCarriedIntoIt() {
        sensors.cartridgeId = "B-2";
        check.stateEntered(PenState.CHECKING, 0);
        assertThat(check.check(1, PenState.CHECKING)).isNull();
        open("A-1");
        sensors.cartridgeId = "B-2";
        assertThat(check.check(2, PenState.READY)).isNull();
    }

    @Test
    void givenASessionEndedAndAnotherOpenedInOneTick_thenWhatHappenedInTheFirstDoesNotCountInTheSecond() {
        open(null);
        check.check(0, PenState.READY);
        sensors.present = false;
        check.check(1, PenState.READY); // opened within the first session
        sensors.present = true;
        sessions.close(1_800_000_001_000L, "cartridge removed");
        open(null); // the next session opens on the cartridge now in, in the same tick
        assertThat(check.check(2, PenState.READY)).isNull();
        check.stateEntered(PenState.CHECKING, 3);
        assertThat(check.check(4, PenState.CHECKING)).as("its own cartridge, never taken out in this session").isNull();
    }
}
