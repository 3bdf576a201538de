package com.needlepen.hal.pi4j.i2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.needlepen.hal.HandpieceId;
import com.needlepen.hal.HandpieceMemory.HandpieceIdException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class I2cHandpieceMemoryTest {

    @Test
    void readsTheEui48FromFaToFfMostSignificantFirst() throws HandpieceIdException {
        var part = new Eeprom24aa02e48Model(0x0004A3C0FFEEL);
        HandpieceId id = new I2cHandpieceMemory(part).readId();
        assertThat(id).hasToString("hp-0004a3c0ffee");
        assertThat(part.lastAddressWrite).containsExactly(0xFA);
        assertThat(part.reads).isEqualTo(2); // read twice and compared
    }

    @Test
    void theUpperBlockCannotBeOverwritten() throws Exception {
        var part = new Eeprom24aa02e48Model(0xD88039123456L);
        part.write(new byte[] {(byte) 0xFA, 1, 2, 3, 4, 5, 6}, 7);
        assertThat(new I2cHandpieceMemory(part).readId()).hasToString("hp-d88039123456");
    }

    @Test
    void anErasedPartIsRefused() {
        var part = new Eeprom24aa02e48Model(0);
        Arrays.fill(part.memory, (byte) 0xFF);
        assertThatThrownBy(() -> new I2cHandpieceMemory(part).readId())
                .isInstanceOf(HandpieceIdException.class)
                .hasMessage("handpiece id EEPROM at 0x50 holds ff:ff:ff:ff:ff:ff at 0xfa..0xff, a blank part's, not an identity");
    }

    @Test
    void allZerosIsRefused() {
        var part = new Eeprom24aa02e48Model(0);
        assertThatThrownBy(() -> new I2cHandpieceMemory(part).readId())
                .hasMessage("handpiece id EEPROM at 0x50 holds 00:00:00:00:00:00 at 0xfa..0xff, a blank part's, not an identity");
    }

    @Test
    void aPartThatDoesNotAnswerIsRefused() {
        var part = new Eeprom24aa02e48Model(0x0004A3C0FFEEL);
        part.present = false;
        assertThatThrownBy(() -> new I2cHandpieceMemory(part).readId())
                .isInstanceOf(HandpieceIdException.class)
                .hasMessage("handpiece id EEPROM at 0x50 does not answer: no ACK from 0x50");
        part.present = true;
        part.failNext = 2; // the second read fails too
        assertThatThrownBy(() -> new I2cHandpieceMemory(part).readId()).hasMessageContaining("does not answer");
    }

    @Test
    void twoReadsThatDifferAreRefused() {
        var part = new Eeprom24aa02e48Model(0x0004A3C0FFEEL);
        part.glitchNextRead = 0x10;
        assertThatThrownBy(() -> new I2cHandpieceMemory(part).readId())
                .hasMessage("handpiece id EEPROM at 0x50 read 10:04:a3:c0:ff:ee then 00:04:a3:c0:ff:ee: the bus is not reliable");
    }
}
