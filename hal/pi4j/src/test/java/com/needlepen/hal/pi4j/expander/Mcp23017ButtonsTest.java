package com.needlepen.hal.pi4j.expander;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.hal.PanelButton;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The panel's expander driver against a register model of the MCP23017, in virtual time. */
@Tag("H56")
class Mcp23017ButtonsTest {

    private static final long MS = 1_000_000L;
    private final Mcp23017Model chip = new Mcp23017Model();
    private long now = 0;
    private final Map<PanelButton, Integer> lines = Map.of(PanelButton.DEPTH_UP, 0, PanelButton.DEPTH_DOWN, 1,
            PanelButton.RATE_UP, 2, PanelButton.RATE_DOWN, 3, PanelButton.PRESET, 4, PanelButton.ACKNOWLEDGE, 5,
            PanelButton.CONFIRM, 6);
    private final Mcp23017Buttons buttons = new Mcp23017Buttons(chip, lines, new int[] {8, 9}, () -> now);

    private void poll(int times) {
        for (int i = 0; i < times; i++) {
            now += MS;
            buttons.poll(now);
        }
    }

    @Test
    void givenAFreshChip_whenConfigured_thenEveryLineAnInputAndTheUsedOnesPulledUp_inTheseBytes() {
        poll(1);
        assertThat(chip.writes.get(0)).containsExactly(0x00, 0xFF, 0xFF); // IODIRA, IODIRB
        assertThat(chip.writes.get(1)).containsExactly(0x02, 0x00, 0x00); // IPOLA, IPOLB: as wired
        assertThat(chip.writes.get(2)).containsExactly(0x0C, 0x7F, 0x03); // GPPUA: lines 0-6, GPPUB: 8, 9
        assertThat(buttons.healthy()).isTrue();
        for (PanelButton b : PanelButton.values()) {
            assertThat(buttons.isPressed(b)).as("%s with nothing pressed", b).isFalse();
        }
    }

    @Test
    void givenEachButtonGrounded_thenItAloneReadsPressed_andTheStopPathsButtonsNever() {
        poll(1);
        for (Map.Entry<PanelButton, Integer> e : lines.entrySet()) {
            chip.grounded = 1 << e.getValue();
            poll(1);
            for (PanelButton b : PanelButton.values()) {
                assertThat(buttons.isPressed(b)).as("%s grounded, %s", e.getKey(), b).isEqualTo(b == e.getKey());
            }
        }
        chip.grounded = 0xFFFF;
        poll(1);
        assertThat(buttons.isPressed(PanelButton.START_STOP)).isFalse();
        assertThat(buttons.isPressed(PanelButton.FOOTSWITCH)).isFalse();
    }

    @Test
    void givenTheCartridgesCodingContacts_thenTheCodeIsTheGroundedOnes() {
        poll(1);
        assertThat(buttons.cartridgeCode()).isZero();
        chip.grounded = 1 << 8;
        poll(1);
        assertThat(buttons.cartridgeCode()).isEqualTo(1);
        chip.grounded = 1 << 9;
        poll(1);
        assertThat(buttons.cartridgeCode()).isEqualTo(2);
        chip.grounded = 3 << 8;
        poll(1);
        assertThat(buttons.cartridgeCode()).isEqualTo(3);
    }

    @Test
    void givenAFailedRead_thenEveryButtonReadsReleased_andTheChipIsConfiguredAgain() {
        poll(1);
        chip.grounded = 1 << 5;
        poll(1);
        assertThat(buttons.isPressed(PanelButton.ACKNOWLEDGE)).isTrue();
        chip.failNext = 1;
        poll(1);
        assertThat(buttons.isPressed(PanelButton.ACKNOWLEDGE)).isFalse();
        assertThat(buttons.healthy()).isFalse();
        assertThat(buttons.fault()).isEqualTo("no ACK from 0x20 (injected)");
        int writes = chip.writes.size();
        poll(1);
        assertThat(chip.writes.size()).as("configured again").isGreaterThan(writes);
        assertThat(buttons.isPressed(PanelButton.ACKNOWLEDGE)).isTrue();
    }

    @Test
    void givenNoPollFor20ms_thenTheLevelsAreStaleAndReadReleased() {
        poll(1);
        chip.grounded = 1;
        poll(1);
        assertThat(buttons.isPressed(PanelButton.DEPTH_UP)).isTrue();
        now += Mcp23017Buttons.STALE_MILLIS * MS;
        assertThat(buttons.isPressed(PanelButton.DEPTH_UP)).as("at the bound").isTrue();
        now += 1;
        assertThat(buttons.isPressed(PanelButton.DEPTH_UP)).isFalse();
        assertThat(buttons.cartridgeCode()).isZero();
    }

    @Test
    void givenAChipThatResetWithItsPullUpsOff_thenNoFloatingLineEverReadsPressed_andItIsConfiguredAgain() {
        poll(1);
        chip.reset(); // a brown-out: pull-ups off, every open input floats (the model reads it low: pressed)
        now += MS;
        buttons.poll(now);
        for (PanelButton b : PanelButton.values()) {
            assertThat(buttons.isPressed(b)).as("%s in the poll that met the reset", b).isFalse();
        }
        assertThat(buttons.fault()).contains("lost its pull-ups");
        for (int i = 0; i < 5; i++) {
            poll(1);
            for (PanelButton b : PanelButton.values()) {
                assertThat(buttons.isPressed(b)).as("%s after the reset", b).isFalse();
            }
        }
        assertThat(chip.reg[0x0C]).isEqualTo(0x7F);
        assertThat(buttons.healthy()).isTrue();
    }

    @Test
    void givenIpolChangedByACorruptedWrite_thenTheReadBackFindsIt_andTheChipIsConfiguredAgain() {
        poll(1);
        chip.reg[0x02] = 0x01; // IPOLA bit 0: GPA0 would read inverted, an open DEPTH_UP as pressed
        poll(Mcp23017Buttons.VERIFY_EVERY_POLLS - 1); // the 100th poll reads the configuration back
        assertThat(buttons.fault()).contains("lost its configuration");
        assertThat(buttons.isPressed(PanelButton.DEPTH_UP)).isFalse();
        poll(1);
        assertThat(chip.reg[0x02]).isZero();
        assertThat(buttons.isPressed(PanelButton.DEPTH_UP)).isFalse();
    }
}
