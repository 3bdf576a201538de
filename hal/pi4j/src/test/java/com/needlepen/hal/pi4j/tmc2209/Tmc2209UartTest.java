package com.needlepen.hal.pi4j.tmc2209;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.needlepen.hal.pi4j.bus.BusException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Tmc2209UartTest {

    private static final long TIMEOUT_NANOS = 500_000;

    private final Tmc2209Model chip = new Tmc2209Model(0, 115_200);
    private final Tmc2209Uart uart = new Tmc2209Uart(chip, 0, 115_200, TIMEOUT_NANOS);

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static String sentHex(List<Integer> bytes, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < bytes.size(); i++) {
            b.append(String.format("%02X", bytes.get(i)));
        }
        return b.toString();
    }

    @Test
    void crcMatchesPublishedDatagrams() {
        // read request for GCONF and a TMC2208's reply to it (harrypower/sandtable crc-8.fs, bytes seen on a real chip)
        assertThat(Tmc2209Uart.crc8(hex("050000"), 3)).isEqualTo(0x48);
        assertThat(Tmc2209Uart.crc8(hex("05FF0000000101"), 7)).isEqualTo(0xBB);
        // an IOIN read on a Raspberry Pi, request with sync byte 0x55 and the chip's reply, version 0x21
        // (Chr157i4n/TMC2209_Raspberry_Pi wiki, "UART": 550006e8 05ff06210002419d)
        assertThat(Tmc2209Uart.crc8(hex("550006"), 3)).isEqualTo(0xE8);
        assertThat(Tmc2209Uart.crc8(hex("05FF0621000241"), 7)).isEqualTo(0x9D);
        // CHOPCONF = 0x10000053 written to node 0 (ST community thread on the TMC2209: CRC 0x9C)
        assertThat(Tmc2209Uart.crc8(hex("0500EC10000053"), 7)).isEqualTo(0x9C);
    }

    @Test
    void writeSendsTheEightByteDatagramAndConsumesItsEcho() throws BusException {
        uart.write(Tmc2209Registers.CHOPCONF, 0x10000053);

        assertThat(sentHex(chip.sent, 0)).isEqualTo("0500EC100000539C");
        assertThat(chip.register(Tmc2209Registers.CHOPCONF)).isEqualTo(0x10000053);
        // the echo was read: the next read parses its own reply, not the write's echo
        assertThat(uart.read(Tmc2209Registers.CHOPCONF)).isEqualTo(0x10000053);
    }

    @Test
    void readSendsTheFourByteRequestAndChecksTheReply() throws BusException {
        int gconf = uart.read(Tmc2209Registers.GCONF);

        assertThat(sentHex(chip.sent, 0)).isEqualTo("05000048");
        assertThat(gconf).isEqualTo(0x101); // reset value: I_scale_analog, multistep_filt
        assertThat(uart.read(Tmc2209Registers.IOIN) >>> 24).isEqualTo(0x21);
    }

    @Test
    void nodeAddressIsInEveryDatagramAndOtherNodesAreIgnoredByTheChip() throws BusException {
        Tmc2209Uart other = new Tmc2209Uart(chip, 2, 115_200, TIMEOUT_NANOS);

        other.write(Tmc2209Registers.TPOWERDOWN, 99);
        assertThat(sentHex(chip.sent, 0)).startsWith("050291");
        assertThat(chip.register(Tmc2209Registers.TPOWERDOWN)).isEqualTo(20);
        assertThatThrownBy(() -> other.read(Tmc2209Registers.GCONF))
                .isInstanceOf(BusException.class).hasMessageContaining("reply timed out after 0 of 8");
    }

    @Test
    void aMissingEchoIsABusError() {
        chip.setNoEcho(true);

        assertThatThrownBy(() -> uart.write(Tmc2209Registers.GCONF, 0x1C0))
                .isInstanceOf(BusException.class).hasMessageContaining("echo timed out");
    }

    @Test
    void aReplyWithABadCrcIsABusError() {
        chip.setCorruptReplies(true);

        assertThatThrownBy(() -> uart.read(Tmc2209Registers.GCONF))
                .isInstanceOf(BusException.class).hasMessageContaining("reply CRC");
    }

    @Test
    void aSilentChipTimesOut() {
        chip.setSilent(true);

        assertThatThrownBy(() -> uart.read(Tmc2209Registers.DRV_STATUS))
                .isInstanceOf(BusException.class).hasMessageContaining("reply timed out");
    }

    @Test
    void aReplyLaterThanTheTimeoutIsATimeout() throws BusException {
        // SENDDELAY 15: the reply starts 15 x 8 bit times (1.04 ms) after the request, past a 0.5 ms timeout
        uart.write(Tmc2209Registers.NODECONF, 15 << 8);

        assertThatThrownBy(() -> uart.read(Tmc2209Registers.GCONF))
                .isInstanceOf(BusException.class).hasMessageContaining("reply timed out");
        Tmc2209Uart patient = new Tmc2209Uart(chip, 0, 115_200, 2_000_000);
        assertThat(patient.read(Tmc2209Registers.GCONF)).isEqualTo(0x101);
    }

    @Test
    void aConfirmedWriteReadsIfcntBeforeAndAfter() throws BusException {
        uart.writeConfirmed(Tmc2209Registers.TPOWERDOWN, 30);

        assertThat(sentHex(chip.sent, 0)).isEqualTo("0500028F" + "0500910000001EA8" + "0500028F");
        assertThat(chip.register(Tmc2209Registers.IFCNT)).isEqualTo(1);
        assertThat(chip.register(Tmc2209Registers.TPOWERDOWN)).isEqualTo(30);
    }

    @Test
    void aWriteTheChipDidNotCountIsAFailedWrite() {
        chip.loseWrites(1);

        assertThatThrownBy(() -> uart.writeConfirmed(Tmc2209Registers.TPOWERDOWN, 30))
                .isInstanceOf(BusException.class).hasMessageContaining("IFCNT 0 after 1 write(s)")
                .hasMessageContaining("a write was lost");
        assertThat(chip.badCrcIgnored).isEqualTo(1);
        assertThat(chip.register(Tmc2209Registers.TPOWERDOWN)).isEqualTo(20);
    }

    @Test
    void ifcntWrapsFrom255To0() throws BusException {
        for (int i = 0; i < 255; i++) {
            uart.write(Tmc2209Registers.TPOWERDOWN, i);
        }
        assertThat(uart.ifcnt()).isEqualTo(255);
        uart.writeConfirmed(Tmc2209Registers.TPOWERDOWN, 7);
        assertThat(uart.ifcnt()).isZero();
    }

    @Test
    void gstatClearsOnlyTheBitsWrittenAsOne() throws BusException {
        assertThat(uart.read(Tmc2209Registers.GSTAT)).isEqualTo(Tmc2209Registers.GSTAT_RESET);
        uart.write(Tmc2209Registers.GSTAT, 0);
        assertThat(uart.read(Tmc2209Registers.GSTAT)).isEqualTo(Tmc2209Registers.GSTAT_RESET);
        uart.write(Tmc2209Registers.GSTAT, Tmc2209Registers.GSTAT_RESET);
        assertThat(uart.read(Tmc2209Registers.GSTAT)).isZero();
    }

    @Test
    void refusesANodeAddressTheChipCannotHave() {
        assertThatThrownBy(() -> new Tmc2209Uart(chip, 4, 115_200, TIMEOUT_NANOS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be 0..3");
    }
}
