package com.needlepen.hal;

/**
 * The handpiece's identity EEPROM (24AA02E48 class: 256 bytes on I2C, the EUI-48 in its
 * write-protected upper block). The firmware reads it when it starts and again at every session
 * start, with the motor off: a read is six bytes, under a millisecond at 100 kHz.
 */
public interface HandpieceMemory {

    /**
     * Reads the factory-unique id.
     *
     * @throws HandpieceIdException when the part does not answer, or holds no identity (a blank or
     *                              missing part), with a one-line reason
     */
    HandpieceId readId() throws HandpieceIdException;

    /** Why a handpiece's identity could not be read. */
    final class HandpieceIdException extends Exception {
        private static final long serialVersionUID = 1L;

        public HandpieceIdException(String message) {
            super(message);
        }
    }
}
