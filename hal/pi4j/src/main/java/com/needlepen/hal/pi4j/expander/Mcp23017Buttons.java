package com.needlepen.hal.pi4j.expander;

import com.needlepen.hal.PanelButton;
import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The panel's expander: an MCP23017 (16 lines on I2C, 0x20 to 0x27) carrying the buttons that are not on the stop
 * path (depth and rate up and down, preset, acknowledge, confirm) and the cartridge's two coding contacts, each a
 * contact to ground on an input with the chip's 100 kOhm pull-up (GPPU). Register map in BANK = 0 (the reset bank):
 * IODIRA 0x00, IODIRB 0x01, GPPUA 0x0C, GPPUB 0x0D, GPIOA 0x12, GPIOB 0x13 (Microchip DS20001952C, table 3-3); the
 * address pointer advances through A then B with SEQOP = 0 (the reset value), so one two-byte read from 0x12 gives
 * both ports.
 *
 * <p>{@link #poll(long)}, on the backend's service thread, reads GPPUA through GPIOB (0x0C to 0x13) in one sequential
 * read: the pull-ups and the levels from the same moment. A chip that reset (a brown-out) comes back with its pull-ups
 * off (GPPU 0): its open inputs float and may read low, that is pressed; so levels read with the pull-ups not as
 * written are never used, every line reads released, and the chip is configured again. Every
 * {@value #VERIFY_EVERY_POLLS}th poll it also reads IODIR and IPOL back (a reset leaves IODIR all inputs, so only a
 * corrupted write changes them). A failed read, or levels older than {@value #STALE_MILLIS} ms (the service thread stalled), read
 * released too. A dead expander can never press a button: the buttons that stop the needles are on GPIO lines of their
 * own ({@code GpioPanel}), and acknowledge and confirm only allow what the firmware asks for.
 */
public final class Mcp23017Buttons {

    static final int IODIRA = 0x00;
    static final int GPPUA = 0x0C;
    static final int IPOLA = 0x02;
    static final int GPIOA = 0x12;
    /** How old the levels may be before every line reads released. */
    static final long STALE_MILLIS = 20;
    /** Every this many polls, IODIR and GPPU are read back (about every 100 ms at a 1 ms poll). */
    static final int VERIFY_EVERY_POLLS = 100;

    private final I2cChannel chip;
    private final Map<PanelButton, Integer> lines;
    private final int[] lineOf = new int[PanelButton.values().length];
    private final int usedMask;
    private final LongSupplier nanoTime;
    private final byte[] tx = new byte[3];
    private final byte[] rx = new byte[8];
    private volatile int levels = 0xFFFF; // all high: released
    private volatile long levelsAt = Long.MIN_VALUE;
    private volatile boolean configured;
    private volatile String fault = "not configured yet";
    private int polls;
    private final int[] codeLines;

    /**
     * @param lines     each button's expander line, 0 to 7 for GPA0 to GPA7, 8 to 15 for GPB0 to GPB7
     * @param codeLines the cartridge's coding contacts' lines (bit 0 first), or none
     */
    public Mcp23017Buttons(I2cChannel chip, Map<PanelButton, Integer> lines, int[] codeLines, LongSupplier nanoTime) {
        this.chip = chip;
        this.lines = new EnumMap<>(lines);
        this.codeLines = codeLines.clone();
        this.nanoTime = nanoTime;
        java.util.Arrays.fill(lineOf, -1);
        int mask = 0;
        for (Map.Entry<PanelButton, Integer> e : lines.entrySet()) {
            int line = e.getValue();
            if (line < 0 || line > 14 || line == 7) {
                throw new IllegalArgumentException("expander line " + line + " for " + e.getKey() + "; allowed 0 to 6 and 8"
                        + " to 14 (GPA7 and GPB7 are outputs only: Microchip's data sheet since revision D)");
            }
            if (e.getKey() == PanelButton.START_STOP || e.getKey() == PanelButton.FOOTSWITCH) {
                throw new IllegalArgumentException(e.getKey() + " is on a GPIO line of its own, never on the expander");
            }
            lineOf[e.getKey().ordinal()] = line;
            mask |= 1 << line;
        }
        for (int line : codeLines) {
            if (line < 0 || line > 14 || line == 7) {
                throw new IllegalArgumentException("expander line " + line + " for a cartridge coding contact; allowed 0 to 6"
                        + " and 8 to 14 (GPA7 and GPB7 are outputs only)");
            }
            mask |= 1 << line;
        }
        this.usedMask = mask;
    }

    /** Configures the chip: the used lines inputs with pull-ups, then reads both back. */
    public void configure() throws BusException {
        configured = false;
        // IODIRA, IODIRB: every line an input (the reset value, written anyway: a line left an output could drive a
        // button's contact against ground)
        write(IODIRA, 0xFFFF);
        write(IPOLA, 0);
        write(GPPUA, usedMask);
        if (!configurationHolds()) {
            throw new BusException(String.format("MCP23017 at 0x%02x does not keep its configuration (IODIR and GPPU"
                    + " read back otherwise)", chip.address()));
        }
        configured = true;
        fault = "";
    }

    private void write(int register, int value) throws BusException {
        tx[0] = (byte) register;
        tx[1] = (byte) value; // port A
        tx[2] = (byte) (value >>> 8); // port B: the pointer moves on to it (SEQOP = 0)
        chip.write(tx, 3);
    }

    private int read16(int register) throws BusException {
        tx[0] = (byte) register;
        chip.writeRead(tx, 1, rx, 2);
        return (rx[0] & 0xFF) | (rx[1] & 0xFF) << 8;
    }

    private boolean configurationHolds() throws BusException {
        return read16(IODIRA) == 0xFFFF && read16(IPOLA) == 0 && (read16(GPPUA) & usedMask) == usedMask;
    }

    /** Reads the levels (and now and then the configuration); on the service thread. */
    public void poll(long nowNanos) {
        try {
            if (!configured) {
                configure();
            }
            if (++polls % VERIFY_EVERY_POLLS == 0 && !configurationHolds()) {
                configured = false;
                fault = String.format("MCP23017 at 0x%02x lost its configuration: configured again", chip.address());
                levels = 0xFFFF;
                return;
            }
            // 0x0C GPPUA, 0x0D GPPUB, 0x0E INTFA, 0x0F INTFB, 0x10 INTCAPA, 0x11 INTCAPB, 0x12 GPIOA, 0x13 GPIOB:
            // the pull-ups and the levels of one moment
            tx[0] = (byte) GPPUA;
            chip.writeRead(tx, 1, rx, 8);
            int pullUps = (rx[0] & 0xFF) | (rx[1] & 0xFF) << 8;
            if ((pullUps & usedMask) != usedMask) {
                configured = false;
                fault = String.format("MCP23017 at 0x%02x lost its pull-ups (a reset?): its levels not used, configured"
                        + " again", chip.address());
                levels = 0xFFFF;
                return;
            }
            levels = (rx[6] & 0xFF) | (rx[7] & 0xFF) << 8;
            levelsAt = nowNanos;
        } catch (BusException e) {
            configured = false;
            fault = e.getMessage();
            levels = 0xFFFF;
        }
    }

    private boolean fresh() {
        long at = levelsAt;
        return configured && at != Long.MIN_VALUE && nanoTime.getAsLong() - at <= STALE_MILLIS * 1_000_000L;
    }

    /** Whether {@code button} is held (its line low) by the latest sound poll; released otherwise. */
    public boolean isPressed(PanelButton button) {
        int line = lineOf[button.ordinal()];
        return line >= 0 && fresh() && (levels & (1 << line)) == 0;
    }

    /** The cartridge's code: bit i set when coding contact i is grounded; 0 when the expander is not sound. */
    public int cartridgeCode() {
        if (!fresh()) {
            return 0;
        }
        int l = levels;
        int code = 0;
        for (int i = 0; i < codeLines.length; i++) {
            if ((l & (1 << codeLines[i])) == 0) {
                code |= 1 << i;
            }
        }
        return code;
    }

    /** Whether the chip is configured and its levels fresh. */
    public boolean healthy() {
        return fresh();
    }

    /** What went wrong last, or empty. */
    public String fault() {
        return fault;
    }

    /** The buttons and their lines. */
    public Map<PanelButton, Integer> lines() {
        return new EnumMap<>(lines);
    }
}
